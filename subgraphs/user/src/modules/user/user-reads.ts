import type { UserTable } from '../../dynamo/user-table.js';
import { findCredentialsByEmail } from './user-store.js';

/** What other modules may read of users: profiles, never a password hash. */
export type { UserItem } from './user-store.js';
export { getUserConsistent } from './user-store.js';

/** The id of the user who registered this email, or null. */
export async function findUserIdByEmail(table: UserTable, email: string): Promise<string | null> {
  return (await findCredentialsByEmail(table, email))?.userId ?? null;
}
