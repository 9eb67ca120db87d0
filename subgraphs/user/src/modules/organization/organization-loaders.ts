import type DataLoader from 'dataloader';
import { measuredLoader } from '@studbook/platform';
import type { UserTable } from '../../dynamo/user-table.js';
import { getMemberships, type MembershipItem, type MembershipKey } from './membership-store.js';
import { getOrganizations, type OrganizationItem } from './organization-store.js';
import type { RecentOrganizations } from './recent-organizations.js';

export interface OrganizationLoaders {
  organizations: DataLoader<string, OrganizationItem | null>;
  /** For other subgraphs' references: read through RecentOrganizations, so up to a second old. */
  organizationReferences: DataLoader<string, OrganizationItem | null>;
  memberships: DataLoader<MembershipKey, MembershipItem | null, string>;
}

/** Fresh for every request: they batch one operation's reads and cache nothing beyond it. */
export function createOrganizationLoaders(deps: { table: UserTable; recentOrganizations: RecentOrganizations }): OrganizationLoaders {
  const recent = deps.recentOrganizations;
  return {
    organizations: measuredLoader('user.organizations', (ids) => getOrganizations(deps.table, ids)),
    organizationReferences: measuredLoader('user.organizationReferences', async (ids) => {
      const missing = ids.filter((id) => recent.get(id) === undefined);
      const read = missing.length > 0 ? await getOrganizations(deps.table, missing) : [];
      const fresh = new Map(missing.map((id, i) => [id, read[i]]));
      for (const [id, item] of fresh) recent.remember(id, item);
      return ids.map((id) => (fresh.has(id) ? fresh.get(id)! : (recent.get(id) ?? null)));
    }),
    memberships: measuredLoader('user.memberships', (memberKeys) => getMemberships(deps.table, memberKeys), {
      cacheKeyFn: (key) => `${key.organizationId}/${key.userId}`,
    }),
  };
}
