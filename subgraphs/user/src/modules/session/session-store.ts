import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../dynamo/keys.js';
import { TTL_ATTRIBUTE, type UserTable } from '../../dynamo/user-table.js';

/** A session, keyed by the SHA-256 of its token: a leaked table never yields a usable token. */
export interface SessionItem {
  tokenHash: string;
  userId: string;
  organizationId: string;
  createdAt: string;
  expiresAt: string;
  /** Epoch seconds for DynamoDB's TTL sweeper, which may lag by days: readers check expiresAt. */
  ttl: number;
}

export async function putSession(table: UserTable, session: SessionItem): Promise<void> {
  await table.dynamo.send(
    new PutCommand({
      TableName: table.tableName,
      Item: { ...keys.session(session.tokenHash), ...session },
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  );
}

/** Strongly consistent, so a session ended a moment ago is never read back as live. */
export async function getSession(table: UserTable, tokenHash: string): Promise<SessionItem | null> {
  const { Item } = await table.dynamo.send(
    new GetCommand({ TableName: table.tableName, Key: keys.session(tokenHash), ConsistentRead: true }),
  );
  if (!Item) return null;
  return {
    tokenHash: String(Item.tokenHash),
    userId: String(Item.userId),
    organizationId: String(Item.organizationId),
    createdAt: String(Item.createdAt),
    expiresAt: String(Item.expiresAt),
    ttl: Number(Item[TTL_ATTRIBUTE]),
  };
}

/**
 * Deletes a session only if it belongs to userId. An already-missing session counts as deleted,
 * so signing out twice is harmless; someone else's session is 'not-owner' and stays.
 */
export async function deleteSession(table: UserTable, tokenHash: string, userId: string): Promise<'deleted' | 'not-owner'> {
  try {
    await table.dynamo.send(
      new DeleteCommand({
        TableName: table.tableName,
        Key: keys.session(tokenHash),
        ConditionExpression: 'attribute_not_exists(PK) OR userId = :userId',
        ExpressionAttributeValues: { ':userId': userId },
      }),
    );
    return 'deleted';
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return 'not-owner';
    throw error;
  }
}
