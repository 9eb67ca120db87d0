import { ROLES, type Role } from '@studbook/platform';
import { batchGetItems } from '../../dynamo/batch-get.js';
import { keys } from '../../dynamo/keys.js';
import type { UserTable } from '../../dynamo/user-table.js';

export interface MembershipKey {
  organizationId: string;
  userId: string;
}

export interface MembershipItem extends MembershipKey {
  role: Role;
  createdAt: string;
}

export async function getMemberships(table: UserTable, memberships: readonly MembershipKey[]): Promise<(MembershipItem | null)[]> {
  const items = await batchGetItems(
    table,
    memberships.map((m) => keys.membership(m.organizationId, m.userId)),
    ['organizationId', 'userId', 'role', 'createdAt'],
  );
  return items.map((item) => (item ? toMembershipItem(item) : null));
}

function toMembershipItem(item: Record<string, unknown>): MembershipItem {
  const role = String(item.role) as Role;
  // A role this code does not know would otherwise reach the Role enum and fail the whole response.
  if (!ROLES.includes(role)) throw new Error(`Membership has an unknown role: ${role}`);
  return { organizationId: String(item.organizationId), userId: String(item.userId), role, createdAt: String(item.createdAt) };
}
