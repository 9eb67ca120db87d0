import { GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { ROLES, type Role } from '@studbook/platform';
import { batchGetItems } from '../../dynamo/batch-get.js';
import { GSI1 } from '../../dynamo/user-table.js';
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

const MEMBERSHIP_ATTRIBUTES = ['organizationId', 'userId', 'role', 'createdAt'] as const;

export async function getMemberships(table: UserTable, memberships: readonly MembershipKey[]): Promise<(MembershipItem | null)[]> {
  const items = await batchGetItems(
    table,
    memberships.map((m) => keys.membership(m.organizationId, m.userId)),
    MEMBERSHIP_ATTRIBUTES,
    // Roles decide access and are shown right after they change: never a stale one.
    { consistent: true },
  );
  return items.map((item) => (item ? toMembershipItem(item) : null));
}

/** Strongly consistent: authorisation decisions must see the latest role. */
export async function getMembershipConsistent(table: UserTable, organizationId: string, userId: string): Promise<MembershipItem | null> {
  const { Item } = await table.dynamo.send(new GetCommand({ TableName: table.tableName, Key: keys.membership(organizationId, userId), ConsistentRead: true }));
  return Item ? toMembershipItem(Item) : null;
}

/** A user's memberships through GSI1 (eventually consistent, like every GSI read). */
export async function listMembershipsOfUser(table: UserTable, userId: string): Promise<MembershipItem[]> {
  const items: MembershipItem[] = [];
  let ExclusiveStartKey: QueryCommandInput['ExclusiveStartKey'];
  do {
    const page = await table.dynamo.send(
      new QueryCommand({
        TableName: table.tableName,
        IndexName: GSI1,
        KeyConditionExpression: 'GSI1PK = :user AND begins_with(GSI1SK, :org)',
        ExpressionAttributeValues: { ':user': `USER#${userId}`, ':org': 'ORG#' },
        ExclusiveStartKey,
      }),
    );
    items.push(...(page.Items ?? []).map(toMembershipItem));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/** One page of an organisation's members in user-id order; `afterUserId` is the previous page's last. */
export async function listMembers(
  table: UserTable,
  organizationId: string,
  page: { first: number; afterUserId: string | null },
): Promise<{ rows: MembershipItem[]; hasNextPage: boolean }> {
  const rows: MembershipItem[] = [];
  let ExclusiveStartKey: QueryCommandInput['ExclusiveStartKey'] = page.afterUserId ? keys.membership(organizationId, page.afterUserId) : undefined;
  // Limit counts items read, so a page is filled in as many reads as it takes (one, in practice).
  while (rows.length <= page.first) {
    const result = await table.dynamo.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :member)',
        ExpressionAttributeValues: { ':pk': `ORG#${organizationId}`, ':member': 'MEMBER#' },
        ExclusiveStartKey,
        Limit: page.first + 1 - rows.length,
        ConsistentRead: true,
      }),
    );
    rows.push(...(result.Items ?? []).map(toMembershipItem));
    ExclusiveStartKey = result.LastEvaluatedKey;
    if (!ExclusiveStartKey) break;
  }
  return { rows: rows.slice(0, page.first), hasNextPage: rows.length > page.first };
}

export function membershipPutItem(membership: MembershipItem) {
  const { organizationId, userId } = membership;
  return { ...keys.membership(organizationId, userId), ...keys.membershipByUser(organizationId, userId), ...membership };
}

function toMembershipItem(item: Record<string, unknown>): MembershipItem {
  const role = String(item.role) as Role;
  // A role this code does not know would otherwise reach the Role enum and fail the whole response.
  if (!ROLES.includes(role)) throw new Error(`Membership has an unknown role: ${role}`);
  return { organizationId: String(item.organizationId), userId: String(item.userId), role, createdAt: String(item.createdAt) };
}
