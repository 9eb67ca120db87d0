import type DataLoader from 'dataloader';
import { measuredLoader } from '@studbook/platform';
import type { UserTable } from '../../dynamo/user-table.js';
import { getUsers, type UserItem } from './user-store.js';

export interface UserLoaders {
  users: DataLoader<string, UserItem | null>;
}

/** Fresh for every request: they batch one operation's reads and cache nothing beyond it. */
export function createUserLoaders(deps: { table: UserTable }): UserLoaders {
  return { users: measuredLoader('user.users', (ids) => getUsers(deps.table, ids)) };
}
