import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetItems } from '../../dynamo/batch-get.js';
import { keys } from '../../dynamo/keys.js';
import { queryAll } from '../../dynamo/query.js';
import { GSI1, TTL_ATTRIBUTE, type UserTable } from '../../dynamo/user-table.js';
import { writtenIfCondition } from '../../dynamo/conditional-write.js';

/** A session, keyed by the SHA-256 of its token: a leaked table never yields a usable token. */
export interface SessionItem {
  /** The public id (a UUID) clients see in mySessions and pass to revokeSession; never the hash. */
  id: string;
  tokenHash: string;
  userId: string;
  organizationId: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  /** Epoch seconds for DynamoDB's TTL sweeper, which may lag by days: readers check expiresAt. */
  ttl: number;
  userAgent: string | null;
  ip: string | null;
}

export async function putSession(table: UserTable, session: SessionItem): Promise<void> {
  await table.dynamo.send(
    new PutCommand({
      TableName: table.tableName,
      Item: { ...keys.session(session.tokenHash), ...keys.sessionByUser(session.userId, session.id), ...session },
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  );
}

/** Strongly consistent, so a session ended a moment ago is never read back as live. */
export async function getSession(table: UserTable, tokenHash: string): Promise<SessionItem | null> {
  const { Item } = await table.dynamo.send(new GetCommand({ TableName: table.tableName, Key: keys.session(tokenHash), ConsistentRead: true }));
  return Item ? toSessionItem(Item) : null;
}

/**
 * A user's sessions through GSI1, live or not (callers filter by expiry), every page of them:
 * sign-in keeps them to MAX_SESSIONS_PER_USER, but GSI lag or older data can leave more.
 */
export async function listSessionsOfUser(table: UserTable, userId: string, sessionId?: string): Promise<SessionItem[]> {
  const items = await queryAll(table, {
    IndexName: GSI1,
    KeyConditionExpression: sessionId ? 'GSI1PK = :user AND GSI1SK = :session' : 'GSI1PK = :user AND begins_with(GSI1SK, :session)',
    ExpressionAttributeValues: { ':user': `USER#${userId}`, ':session': sessionId ? `SESSION#${sessionId}` : 'SESSION#' },
  });
  return items.map(toSessionItem);
}

const SESSION_ATTRIBUTES = ['id', 'tokenHash', 'userId', 'organizationId', 'createdAt', 'lastSeenAt', 'expiresAt', TTL_ATTRIBUTE, 'userAgent', 'ip'];

/** Sessions by token hash, strongly consistent, in BatchGetItem chunks of 100; the missing ones left out. */
export async function getSessions(table: UserTable, tokenHashes: readonly string[]): Promise<SessionItem[]> {
  const items = await batchGetItems(table, tokenHashes.map(keys.session), SESSION_ATTRIBUTES, { consistent: true });
  return items.filter((item): item is Record<string, unknown> => item !== null).map(toSessionItem);
}

/**
 * Deletes a session only if it belongs to userId. An already-missing session counts as deleted,
 * so signing out twice is harmless; someone else's session is 'not-owner' and stays.
 */
export async function deleteSession(table: UserTable, tokenHash: string, userId: string): Promise<'deleted' | 'not-owner'> {
  const written = await writtenIfCondition(() =>
    table.dynamo.send(
      new DeleteCommand({
        TableName: table.tableName,
        Key: keys.session(tokenHash),
        ConditionExpression: 'attribute_not_exists(PK) OR userId = :userId',
        ExpressionAttributeValues: { ':userId': userId },
      }),
    ),
  );
  return written ? 'deleted' : 'not-owner';
}

/** Re-scopes a live session of userId; false when it is gone or not theirs. */
export async function rescopeSession(table: UserTable, tokenHash: string, userId: string, organizationId: string): Promise<boolean> {
  return writtenIfCondition(() =>
    table.dynamo.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.session(tokenHash),
        UpdateExpression: 'SET organizationId = :org',
        ConditionExpression: 'attribute_exists(PK) AND userId = :userId',
        ExpressionAttributeValues: { ':org': organizationId, ':userId': userId },
      }),
    ),
  );
}

/** Records activity, at most once per `intervalMs`: the condition makes concurrent touches write once. */
export async function touchSession(table: UserTable, tokenHash: string, now: Date, intervalMs: number): Promise<void> {
  await writtenIfCondition(() =>
    table.dynamo.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.session(tokenHash),
        UpdateExpression: 'SET lastSeenAt = :now',
        ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(lastSeenAt) OR lastSeenAt < :threshold)',
        ExpressionAttributeValues: { ':now': now.toISOString(), ':threshold': new Date(now.getTime() - intervalMs).toISOString() },
      }),
    ),
  );
}

function toSessionItem(item: Record<string, unknown>): SessionItem {
  const optional = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    id: String(item.id ?? item.tokenHash),
    tokenHash: String(item.tokenHash),
    userId: String(item.userId),
    organizationId: String(item.organizationId),
    createdAt: String(item.createdAt),
    lastSeenAt: String(item.lastSeenAt ?? item.createdAt),
    expiresAt: String(item.expiresAt),
    ttl: Number(item[TTL_ATTRIBUTE]),
    userAgent: optional(item.userAgent),
    ip: optional(item.ip),
  };
}
