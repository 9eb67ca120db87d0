import type DataLoader from 'dataloader';
import { measuredLoader } from '@studbook/platform';
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
    organizations: measuredLoader('user.organizations', (ids) => getOrganizations(deps.table, ids)),
    memberships: measuredLoader('user.memberships', (memberKeys) => getMemberships(deps.table, memberKeys), {
      cacheKeyFn: (key) => `${key.organizationId}/${key.userId}`,
    }),
  };
}
