import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { retry, type RetryOptions } from '@studbook/platform';
import { isExpired } from '../../dynamo/query.js';
import { keys, padSequence } from '../../dynamo/keys.js';
import type { UserTable } from '../../dynamo/user-table.js';
import { isTransactionConflict, isTransactionUnsupported, transactWrite } from '../../dynamo/write-together.js';
import { isConditionFailed } from '../../dynamo/conditional-write.js';

export type MessageRole = 'USER' | 'ASSISTANT' | 'SYSTEM' | 'TOOL';

export interface MessageItem {
  conversationId: string;
  /** 1, 2, 3 … in append order, without gaps: the message's place and its cursor. */
  sequence: number;
  role: MessageRole;
  content: string;
  createdAt: string;
  tokenCount: number;
  clientMessageId: string;
  ttl?: number;
}

export interface NewMessage {
  conversationId: string;
  /** Key of the conversation item, whose updatedAt and messageCount the append bumps. */
  conversationKey: { PK: string; SK: string };
  role: MessageRole;
  content: string;
  tokenCount: number;
  clientMessageId: string;
  ttl?: number;
  /** The conversation's ttl as last read (absent: it never expires); the bump only ever raises it. */
  conversationTtl?: number;
}

/** 'different': the clientMessageId already names a message with other content or role. */
export type AppendResult = { kind: 'appended' | 'existing'; message: MessageItem } | { kind: 'conversation-gone' } | { kind: 'different' };

export const messageId = (message: Pick<MessageItem, 'conversationId' | 'sequence'>) => `${message.conversationId}:${padSequence(message.sequence)}`;

const MAX_ATTEMPTS = 50;
const CLAIM_WAIT_MS = 5_000;

/** Another writer got there first (a sequence number, an expiry): read again and retry. */
class Contended extends Error {
  override name = 'Contended';
}

/** The claim's first writer has not written its message yet. */
class NotYetWritten extends Error {
  override name = 'NotYetWritten';
}

const CONTENDED_RETRY: RetryOptions = {
  attempts: MAX_ATTEMPTS,
  baseDelayMs: 10,
  maxDelayMs: 200,
  retryable: (error) => error instanceof Contended || isTransactionConflict(error),
};

const gaveUp = () => new Contended(`appendMessage gave up after ${MAX_ATTEMPTS} contended attempts`);

/**
 * Appends a message exactly once per clientMessageId, at the next free sequence number.
 *
 * Order: a message is written only at `last + 1`, where `last` is read consistently, on condition
 * that its key is free. A writer that loses the race re-reads and takes the next number, so number
 * n+1 can only be written once n exists: readers paging by sequence never skip a message that is
 * committed later with a smaller number. Idempotency: a claim item per clientMessageId, written
 * with the message in one transaction (DynamoDB), or before it (dynalite, where a concurrent retry
 * waits for the first writer to finish).
 */
export async function appendMessage(table: UserTable, message: NewMessage): Promise<AppendResult> {
  const existing = await findClaimedMessage(table, message.conversationId, message.clientMessageId);
  if (existing) return asRetryOf(message, existing);
  try {
    return await appendInTransaction(table, message);
  } catch (error) {
    if (isTransactionUnsupported(error)) return appendInOrder(table, message);
    throw error;
  }
}

/**
 * One transaction per try: the message at the next number, its claim, the conversation bump. Not
 * writeTogether's ordered fallback: see appendInOrder for why dynalite needs its own order.
 */
async function appendInTransaction(table: UserTable, message: NewMessage): Promise<AppendResult> {
  let conversationTtl = message.conversationTtl;
  return retry(async () => {
    const item = toNewItem(message, (await lastSequence(table, message.conversationId)) + 1);
    const result = await transactWrite(table, [
      { Put: { TableName: table.tableName, Item: messagePutItem(item), ConditionExpression: 'attribute_not_exists(PK)' } },
      { Put: { TableName: table.tableName, Item: claimItem(item), ConditionExpression: 'attribute_not_exists(PK)' } },
      { Update: conversationBump(table, message, item, conversationTtl) },
    ]);
    if (result.ok) return { kind: 'appended', message: item } as const;
    if (result.failedIndex === 1) return existingOrWait(table, message);
    if (result.failedIndex === 2) {
      // Gone, or its expiry moved since it was read: read it again.
      const current = await readConversationTtl(table, message.conversationKey);
      if (!current) return { kind: 'conversation-gone' } as const;
      conversationTtl = current.ttl;
    }
    // Sequence taken by a concurrent append (or the expiry re-read): read the new last and retry.
    throw gaveUp();
  }, CONTENDED_RETRY);
}

async function appendInOrder(table: UserTable, message: NewMessage): Promise<AppendResult> {
  const claimKey = keys.clientMessage(message.conversationId, message.clientMessageId);
  try {
    await table.dynamo.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { ...claimKey, clientMessageId: message.clientMessageId, ...(message.ttl ? { ttl: message.ttl } : {}) },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  } catch (error) {
    if (isConditionFailed(error)) return existingOrWait(table, message);
    throw error;
  }
  try {
    const item = await retry(async () => {
      const next = toNewItem(message, (await lastSequence(table, message.conversationId)) + 1);
      try {
        await table.dynamo.send(new PutCommand({ TableName: table.tableName, Item: messagePutItem(next), ConditionExpression: 'attribute_not_exists(PK)' }));
      } catch (error) {
        throw isConditionFailed(error) ? gaveUp() : error;
      }
      return next;
    }, CONTENDED_RETRY);
    await table.dynamo.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: claimKey,
        UpdateExpression: 'SET #sequence = :sequence',
        ExpressionAttributeNames: { '#sequence': 'sequence' },
        ExpressionAttributeValues: { ':sequence': item.sequence },
      }),
    );
    if (!(await bumpInOrder(table, message, item))) {
      await table.dynamo.send(new DeleteCommand({ TableName: table.tableName, Key: keys.message(message.conversationId, item.sequence) }));
      await table.dynamo.send(new DeleteCommand({ TableName: table.tableName, Key: claimKey }));
      return { kind: 'conversation-gone' };
    }
    return { kind: 'appended', message: item };
  } catch (error) {
    // Without the claim a retry can append again; the message itself was not written.
    await table.dynamo.send(new DeleteCommand({ TableName: table.tableName, Key: claimKey })).catch(() => undefined);
    throw error;
  }
}

/** The conversation bump on its own (dynalite): false when the conversation is gone. */
async function bumpInOrder(table: UserTable, message: NewMessage, item: MessageItem): Promise<boolean> {
  let conversationTtl = message.conversationTtl;
  return retry(async () => {
    try {
      await table.dynamo.send(new UpdateCommand(conversationBump(table, message, item, conversationTtl)));
      return true;
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
    const current = await readConversationTtl(table, message.conversationKey);
    if (!current) return false;
    conversationTtl = current.ttl;
    throw gaveUp();
  }, CONTENDED_RETRY);
}

async function readConversationTtl(table: UserTable, key: { PK: string; SK: string }): Promise<{ ttl?: number } | null> {
  const { Item } = await table.dynamo.send(
    new GetCommand({
      TableName: table.tableName,
      Key: key,
      ConsistentRead: true,
      ProjectionExpression: '#ttl, PK, deleting',
      ExpressionAttributeNames: { '#ttl': 'ttl' },
    }),
  );
  if (!Item || Item.deleting !== undefined) return null;
  return { ttl: typeof Item.ttl === 'number' ? Item.ttl : undefined };
}

/** A retry gets the stored message back only if it asks for the same message; otherwise the id was reused. */
function asRetryOf(message: NewMessage, existing: MessageItem): AppendResult {
  return existing.role === message.role && existing.content === message.content ? { kind: 'existing', message: existing } : { kind: 'different' };
}

/** The message a claim points to, waiting briefly when its first writer is still writing it. */
async function existingOrWait(table: UserTable, message: NewMessage): Promise<AppendResult> {
  return retry(
    async () => {
      const existing = await findClaimedMessage(table, message.conversationId, message.clientMessageId);
      if (existing) return asRetryOf(message, existing);
      throw new NotYetWritten(`clientMessageId ${message.clientMessageId} is claimed but its message never appeared`);
    },
    { attempts: Number.POSITIVE_INFINITY, baseDelayMs: 10, maxDelayMs: 200, deadline: Date.now() + CLAIM_WAIT_MS, retryable: (error) => error instanceof NotYetWritten },
  );
}

async function findClaimedMessage(table: UserTable, conversationId: string, clientMessageId: string): Promise<MessageItem | null> {
  const { Item: claim } = await table.dynamo.send(
    new GetCommand({ TableName: table.tableName, Key: keys.clientMessage(conversationId, clientMessageId), ConsistentRead: true }),
  );
  if (typeof claim?.sequence !== 'number') return null;
  const { Item } = await table.dynamo.send(new GetCommand({ TableName: table.tableName, Key: keys.message(conversationId, claim.sequence), ConsistentRead: true }));
  return Item ? toMessageItem(Item) : null;
}

async function lastSequence(table: UserTable, conversationId: string): Promise<number> {
  const { Items = [] } = await table.dynamo.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :msg)',
      ExpressionAttributeValues: { ':pk': `CONV#${conversationId}`, ':msg': 'MSG#' },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
      ProjectionExpression: '#sequence',
      ExpressionAttributeNames: { '#sequence': 'sequence' },
    }),
  );
  return Items.length ? Number(Items[0].sequence) : 0;
}

/**
 * One page of messages in append order, after sequence `after` (0 for the start). Reads on until
 * it holds one more live message than asked for or the messages end: a Query page can stop short
 * (1 MB) and expired messages are left out, so neither may decide hasNextPage.
 */
export async function listMessages(
  table: UserTable,
  conversationId: string,
  page: { first: number; after: number },
): Promise<{ rows: MessageItem[]; hasNextPage: boolean }> {
  const rows: MessageItem[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const result = await table.dynamo.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': `CONV#${conversationId}`, ':from': `MSG#${padSequence(page.after + 1)}`, ':to': `MSG#${'9'.repeat(10)}` },
        Limit: page.first + 1 - rows.length,
        ConsistentRead: true,
        ExclusiveStartKey,
      }),
    );
    rows.push(...(result.Items ?? []).filter((item) => !isExpired(item)).map(toMessageItem));
    ExclusiveStartKey = result.LastEvaluatedKey;
  } while (ExclusiveStartKey && rows.length <= page.first);
  return { rows: rows.slice(0, page.first), hasNextPage: rows.length > page.first };
}

/**
 * Every message in append order, a Query page at a time, or 'too-large' as soon as their content
 * passes `maxContentBytes`: memory stays bounded however long the conversation is.
 */
export async function listAllMessages(table: UserTable, conversationId: string, maxContentBytes: number): Promise<MessageItem[] | 'too-large'> {
  const messages: MessageItem[] = [];
  let bytes = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await table.dynamo.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :msg)',
        ExpressionAttributeValues: { ':pk': `CONV#${conversationId}`, ':msg': 'MSG#' },
        ConsistentRead: true,
        ExclusiveStartKey,
      }),
    );
    for (const item of page.Items ?? []) {
      if (isExpired(item)) continue;
      const message = toMessageItem(item);
      bytes += Buffer.byteLength(message.content, 'utf8');
      if (bytes > maxContentBytes) return 'too-large';
      messages.push(message);
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return messages;
}

function toNewItem(message: NewMessage, sequence: number): MessageItem {
  return {
    conversationId: message.conversationId,
    sequence,
    role: message.role,
    content: message.content,
    createdAt: new Date().toISOString(),
    tokenCount: message.tokenCount,
    clientMessageId: message.clientMessageId,
    ...(message.ttl ? { ttl: message.ttl } : {}),
  };
}

function messagePutItem(item: MessageItem) {
  return { ...keys.message(item.conversationId, item.sequence), ...item };
}

function claimItem(item: MessageItem) {
  return {
    ...keys.clientMessage(item.conversationId, item.clientMessageId),
    clientMessageId: item.clientMessageId,
    sequence: item.sequence,
    ...(item.ttl ? { ttl: item.ttl } : {}),
  };
}

/** The conversation exists and no deletion has begun: appends stop at deleteConversation's mark. */
const LIVE = 'attribute_exists(PK) AND attribute_not_exists(deleting)';

/**
 * Bumps the conversation's updatedAt and count, and keeps it alive at least as long as its newest
 * message: a message without expiry removes the conversation's; a later one raises it; nothing
 * lowers it (an absent ttl means never). Raising is conditioned on the ttl still being below, so an
 * expiry removed concurrently is not put back (the caller re-reads and retries).
 */
function conversationBump(table: UserTable, message: NewMessage, item: MessageItem, conversationTtl: number | undefined) {
  const base = { TableName: table.tableName, Key: message.conversationKey };
  const values = { ':now': item.createdAt, ':one': 1 };
  if (item.ttl === undefined) {
    return {
      ...base,
      UpdateExpression: 'SET updatedAt = :now ADD messageCount :one REMOVE #ttl',
      ConditionExpression: LIVE,
      ExpressionAttributeNames: { '#ttl': 'ttl' },
      ExpressionAttributeValues: values,
    };
  }
  if (conversationTtl !== undefined && conversationTtl < item.ttl) {
    return {
      ...base,
      UpdateExpression: 'SET updatedAt = :now, #ttl = :ttl ADD messageCount :one',
      ConditionExpression: `${LIVE} AND #ttl < :ttl`,
      ExpressionAttributeNames: { '#ttl': 'ttl' },
      ExpressionAttributeValues: { ...values, ':ttl': item.ttl },
    };
  }
  return { ...base, UpdateExpression: 'SET updatedAt = :now ADD messageCount :one', ConditionExpression: LIVE, ExpressionAttributeValues: values };
}

function toMessageItem(item: Record<string, unknown>): MessageItem {
  return {
    conversationId: String(item.conversationId),
    sequence: Number(item.sequence),
    role: item.role as MessageRole,
    content: String(item.content),
    createdAt: String(item.createdAt),
    tokenCount: Number(item.tokenCount),
    clientMessageId: String(item.clientMessageId),
    ttl: typeof item.ttl === 'number' ? item.ttl : undefined,
  };
}
