import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetItems } from '../../dynamo/batch-get.js';
import { keys } from '../../dynamo/keys.js';
import type { UserTable } from '../../dynamo/user-table.js';

/** A user's profile as resolvers see it: the password hash is deliberately not part of it. */
export interface UserItem {
  id: string;
  email: string;
  name: string;
  defaultOrganizationId: string;
  createdAt: string;
}

const USER_ATTRIBUTES = ['id', 'email', 'name', 'defaultOrganizationId', 'createdAt'] as const;

export async function getUsers(table: UserTable, userIds: readonly string[]): Promise<(UserItem | null)[]> {
  const items = await batchGetItems(table, userIds.map(keys.user), USER_ATTRIBUTES);
  return items.map((item) => (item ? toUserItem(item) : null));
}

/** The sign-in lookup: email → user id and password hash, or null for an unknown email. */
export async function findCredentialsByEmail(table: UserTable, email: string): Promise<{ userId: string; passwordHash: string } | null> {
  const claim = await table.dynamo.send(
    new GetCommand({ TableName: table.tableName, Key: keys.email(email), ProjectionExpression: 'userId' }),
  );
  const userId = claim.Item?.userId;
  if (typeof userId !== 'string') return null;
  const profile = await table.dynamo.send(
    new GetCommand({ TableName: table.tableName, Key: keys.user(userId), ProjectionExpression: 'passwordHash' }),
  );
  const passwordHash = profile.Item?.passwordHash;
  return typeof passwordHash === 'string' ? { userId, passwordHash } : null;
}

function toUserItem(item: Record<string, unknown>): UserItem {
  return {
    id: String(item.id),
    email: String(item.email),
    name: String(item.name),
    defaultOrganizationId: String(item.defaultOrganizationId),
    createdAt: String(item.createdAt),
  };
}
