import DataLoader from 'dataloader';
import type { UserTable } from '../../dynamo/user-table.js';
import { getUsers, type UserItem } from './user-store.js';

export interface UserLoaders {
  users: DataLoader<string, UserItem | null>;
}

/** Fresh for every request: they batch one operation's reads and cache nothing beyond it. */
export function createUserLoaders(deps: { table: UserTable }): UserLoaders {
  return { users: new DataLoader((ids) => getUsers(deps.table, ids)) };
}
