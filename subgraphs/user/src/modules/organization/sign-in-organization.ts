import type { UserTable } from '../../dynamo/user-table.js';
import type { UserItem } from '../user/user-store.js';
import { getMembershipConsistent, listMembershipsOfUser } from './membership-store.js';
import { createOrganizationFor } from './organization-service.js';

/**
 * Where a new session starts: the user's default (last used) organisation while they still belong
 * to it, else the one they joined first; a user removed from every organisation gets a fresh one
 * of their own, so that signing in (and then accepting an invitation) keeps working.
 */
export async function signInOrganization(table: UserTable, user: UserItem): Promise<string> {
  if (await getMembershipConsistent(table, user.defaultOrganizationId, user.id)) return user.defaultOrganizationId;
  const [first] = (await listMembershipsOfUser(table, user.id)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  if (first) return first.organizationId;
  return (await createOrganizationFor(table, user.id, `${user.name}'s organisation`)).organizationId;
}
