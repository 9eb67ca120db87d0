import { DeleteCommand, GetCommand, PutCommand, QueryCommand, type QueryCommandInput, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { batchDeleteItems } from '../../dynamo/batch-delete.js';
import { isExpired } from '../../dynamo/query.js';
import { keys, type ItemKey } from '../../dynamo/keys.js';
import type { UserTable } from '../../dynamo/user-table.js';
import { writtenIfCondition } from '../../dynamo/conditional-write.js';

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

/** The user's conversation, or null when it is missing, someone else's, expired or being deleted. */
export async function getConversation(table: UserTable, userId: string, conversationId: string): Promise<ConversationItem | null> {
  const { Item } = await table.dynamo.send(new GetCommand({ TableName: table.tableName, Key: keys.conversation(userId, conversationId), ConsistentRead: true }));
  return Item && isVisible(Item) ? toConversationItem(Item) : null;
}

/** Expired ones wait for DynamoDB's sweeper; ones marked `deleting` wait for a deletion to finish. */
const isVisible = (item: Record<string, unknown>) => !isExpired(item) && item.deleting === undefined;

/** Newest first, one page; `afterId` is the previous page's last conversation. */
export async function listConversations(
  table: UserTable,
  userId: string,
  page: { first: number; afterId: string | null },
): Promise<{ rows: ConversationItem[]; hasNextPage: boolean }> {
  const rows: ConversationItem[] = [];
  let ExclusiveStartKey: QueryCommandInput['ExclusiveStartKey'] = page.afterId ? keys.conversation(userId, page.afterId) : undefined;
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
    rows.push(...(result.Items ?? []).filter(isVisible).map(toConversationItem));
    ExclusiveStartKey = result.LastEvaluatedKey;
    if (!ExclusiveStartKey) break;
  }
  return { rows: rows.slice(0, page.first), hasNextPage: rows.length > page.first };
}

/** Keys read per round of a deletion: one Query page, deleted in BatchWriteItem calls of 25. */
const DELETE_PAGE = 500;

/**
 * Deletes a conversation and everything under it, resumably. First the conversation is marked
 * `deleting`: from then on it reads as gone and appends (conditioned on the mark's absence) fail.
 * Then its messages and claims are deleted a page at a time until none is left, and the
 * conversation item goes last. If anything fails on the way, the mark stays, nothing is visible,
 * and deleting again picks up where it stopped. An expired conversation can still be deleted.
 */
export async function deleteConversation(table: UserTable, userId: string, conversationId: string): Promise<boolean> {
  const key = keys.conversation(userId, conversationId);
  const marked = await writtenIfCondition(() =>
    table.dynamo.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: key,
        UpdateExpression: 'SET deleting = if_not_exists(deleting, :now)',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':now': new Date().toISOString() },
      }),
    ),
  );
  if (!marked) return false;
  for (;;) {
    const { Items = [] } = await table.dynamo.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': `CONV#${conversationId}` },
        ProjectionExpression: 'PK, SK',
        ConsistentRead: true,
        Limit: DELETE_PAGE,
      }),
    );
    if (Items.length === 0) break;
    await batchDeleteItems(table, Items as ItemKey[]);
  }
  await table.dynamo.send(new DeleteCommand({ TableName: table.tableName, Key: key }));
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
