import DataLoader from 'dataloader';
import type { UserTable } from '../../dynamo/user-table.js';
import { getMemberships, type MembershipItem, type MembershipKey } from './membership-store.js';
import { getOrganizations, type OrganizationItem } from './organization-store.js';

export interface OrganizationLoaders {
  organizations: DataLoader<string, OrganizationItem | null>;
  memberships: DataLoader<MembershipKey, MembershipItem | null, string>;
}

/** Fresh for every request: they batch one operation's reads and cache nothing beyond it. */
export function createOrganizationLoaders(deps: { table: UserTable }): OrganizationLoaders {
  return {
    organizations: new DataLoader((ids) => getOrganizations(deps.table, ids)),
    memberships: new DataLoader((memberKeys) => getMemberships(deps.table, memberKeys), {
      cacheKeyFn: (key) => `${key.organizationId}/${key.userId}`,
    }),
  };
}
