import DataLoader from 'dataloader';
import type { UserTable } from './dynamo/user-table.js';
import { getMemberships, type MembershipItem, type MembershipKey } from './modules/organization/membership-store.js';
import { getOrganizations, type OrganizationItem } from './modules/organization/organization-store.js';
import { getUsers, type UserItem } from './modules/user/user-store.js';

export interface Loaders {
  users: DataLoader<string, UserItem | null>;
  organizations: DataLoader<string, OrganizationItem | null>;
  memberships: DataLoader<MembershipKey, MembershipItem | null, string>;
}

/** Fresh loaders for every request: they batch one operation's reads and cache nothing beyond it. */
export function createLoaders(table: UserTable): Loaders {
  return {
    users: new DataLoader((ids) => getUsers(table, ids)),
    organizations: new DataLoader((ids) => getOrganizations(table, ids)),
    memberships: new DataLoader((memberKeys) => getMemberships(table, memberKeys), {
      cacheKeyFn: (key) => `${key.organizationId}/${key.userId}`,
    }),
  };
}
