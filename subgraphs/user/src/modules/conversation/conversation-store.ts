import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { batchDeleteItems } from '../../dynamo/batch-delete.js';
import { isExpired, queryAll } from '../../dynamo/query.js';
import { keys, type ItemKey } from '../../dynamo/keys.js';
import type { UserTable } from '../../dynamo/user-table.js';

/** An assistant conversation, stored under its user: nobody else's key can reach it. */
export interface ConversationItem {
  /** A UUIDv7, so the user's conversations sort by creation. */
  id: string;
  userId: string;
  organizationId: string;
  title: string;
  createdAt: string;
  updatedAt: string;
  messageCount: number;
  /** Epoch seconds when the organisation's retention policy expires it; refreshed by each append. */
  ttl?: number;
}

export async function putConversation(table: UserTable, conversation: ConversationItem): Promise<void> {
  await table.dynamo.send(
    new PutCommand({
      TableName: table.tableName,
      Item: { ...keys.conversation(conversation.userId, conversation.id), ...conversation },
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  );
}

/** The user's conversation, or null when it is missing, someone else's or expired. */
export async function getConversation(table: UserTable, userId: string, conversationId: string): Promise<ConversationItem | null> {
  const { Item } = await table.dynamo.send(new GetCommand({ TableName: table.tableName, Key: keys.conversation(userId, conversationId), ConsistentRead: true }));
  return Item && !isExpired(Item) ? toConversationItem(Item) : null;
}

/** Newest first, one page; `afterId` is the previous page's last conversation. */
export async function listConversations(
  table: UserTable,
  userId: string,
  page: { first: number; afterId: string | null },
): Promise<{ rows: ConversationItem[]; hasNextPage: boolean }> {
  const rows: ConversationItem[] = [];
  let ExclusiveStartKey: Record<string, any> | undefined = page.afterId ? keys.conversation(userId, page.afterId) : undefined;
  while (rows.length <= page.first) {
    const result = await table.dynamo.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :conv)',
        ExpressionAttributeValues: { ':pk': `USER#${userId}`, ':conv': 'CONV#' },
        ScanIndexForward: false,
        ExclusiveStartKey,
        Limit: page.first + 1 - rows.length,
      }),
    );
    rows.push(...(result.Items ?? []).filter((item) => !isExpired(item)).map(toConversationItem));
    ExclusiveStartKey = result.LastEvaluatedKey;
    if (!ExclusiveStartKey) break;
  }
  return { rows: rows.slice(0, page.first), hasNextPage: rows.length > page.first };
}

/**
 * Deletes a conversation and everything under it. The conversation item goes first, so appends
 * stop finding it; then its messages and idempotency claims are deleted in BatchWriteItem pages,
 * and the collection is read again until empty, catching an append that was already under way.
 */
export async function deleteConversation(table: UserTable, userId: string, conversationId: string): Promise<boolean> {
  try {
    await table.dynamo.send(
      new DeleteCommand({ TableName: table.tableName, Key: keys.conversation(userId, conversationId), ConditionExpression: 'attribute_exists(PK)' }),
    );
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
  for (let round = 0; round < 5; round++) {
    const items = await queryAll(table, {
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': `CONV#${conversationId}` },
      ProjectionExpression: 'PK, SK',
      ConsistentRead: true,
    });
    if (items.length === 0) break;
    await batchDeleteItems(table, items as ItemKey[]);
  }
  return true;
}

export function toConversationItem(item: Record<string, unknown>): ConversationItem {
  return {
    id: String(item.id),
    userId: String(item.userId),
    organizationId: String(item.organizationId),
    title: String(item.title),
    createdAt: String(item.createdAt),
    updatedAt: String(item.updatedAt),
    messageCount: Number(item.messageCount ?? 0),
    ttl: typeof item.ttl === 'number' ? item.ttl : undefined,
  };
}
