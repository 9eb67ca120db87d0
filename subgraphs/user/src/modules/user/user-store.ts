import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetItems } from '../../dynamo/batch-get.js';
import { keys } from '../../dynamo/keys.js';
import type { UserTable } from '../../dynamo/user-table.js';
import { isConditionFailed } from '../../dynamo/conditional-write.js';

/** A user's profile as resolvers see it: the password hash is deliberately not part of it. */
export interface UserItem {
  id: string;
  email: string;
  name: string;
  defaultOrganizationId: string;
  createdAt: string;
  locale?: string | null;
  timeZone?: string | null;
  /** AES-256-GCM ciphertexts (field-cipher.ts); only the user themselves gets them decrypted. */
  phoneEnc?: string | null;
  addressEnc?: string | null;
}

const USER_ATTRIBUTES = ['id', 'email', 'name', 'defaultOrganizationId', 'createdAt', 'locale', 'timeZone', 'phoneEnc', 'addressEnc'] as const;

export async function getUsers(table: UserTable, userIds: readonly string[]): Promise<(UserItem | null)[]> {
  const items = await batchGetItems(table, userIds.map(keys.user), USER_ATTRIBUTES);
  return items.map((item) => (item ? toUserItem(item) : null));
}

/** Strongly consistent: for read-modify-write of the profile and for authorisation. */
export async function getUserConsistent(table: UserTable, userId: string): Promise<UserItem | null> {
  const names = Object.fromEntries(USER_ATTRIBUTES.map((attribute, i) => [`#a${i}`, attribute]));
  const { Item } = await table.dynamo.send(
    new GetCommand({
      TableName: table.tableName,
      Key: keys.user(userId),
      ConsistentRead: true,
      ProjectionExpression: Object.keys(names).join(', '),
      ExpressionAttributeNames: names,
    }),
  );
  return Item ? toUserItem(Item) : null;
}

/** The sign-in lookup: email → user id and password hash, or null for an unknown email. */
export async function findCredentialsByEmail(table: UserTable, email: string): Promise<{ userId: string; passwordHash: string } | null> {
  const claim = await table.dynamo.send(new GetCommand({ TableName: table.tableName, Key: keys.email(email), ProjectionExpression: 'userId' }));
  const userId = claim.Item?.userId;
  if (typeof userId !== 'string') return null;
  const profile = await table.dynamo.send(new GetCommand({ TableName: table.tableName, Key: keys.user(userId), ProjectionExpression: 'passwordHash' }));
  const passwordHash = profile.Item?.passwordHash;
  return typeof passwordHash === 'string' ? { userId, passwordHash } : null;
}

/**
 * Replaces a password hash, only if it is still the one that was checked: a concurrent change
 * (or another sign-in's rehash) wins. Returns whether this write happened.
 */
export async function replacePasswordHash(table: UserTable, userId: string, expected: string, passwordHash: string): Promise<boolean> {
  try {
    await table.dynamo.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.user(userId),
        UpdateExpression: 'SET passwordHash = :new',
        ConditionExpression: 'passwordHash = :expected',
        ExpressionAttributeValues: { ':new': passwordHash, ':expected': expected },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}

function toUserItem(item: Record<string, unknown>): UserItem {
  const optional = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    id: String(item.id),
    email: String(item.email),
    name: String(item.name),
    defaultOrganizationId: String(item.defaultOrganizationId),
    createdAt: String(item.createdAt),
    locale: optional(item.locale),
    timeZone: optional(item.timeZone),
    phoneEnc: optional(item.phoneEnc),
    addressEnc: optional(item.addressEnc),
  };
}
