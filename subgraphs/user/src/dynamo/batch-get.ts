import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { keyString, type ItemKey } from './keys.js';
import type { UserTable } from './user-table.js';
import { UNPROCESSED_RETRY, UnprocessedError } from './unprocessed.js';
import { retry } from '@studbook/platform';

/** DynamoDB's limit on keys per BatchGetItem request. */
const MAX_KEYS_PER_BATCH = 100;

/**
 * Reads items by key with BatchGetItem: chunks of 100, unprocessed keys retried with backoff
 * (DynamoDB returns them under throttling). Results come back in key order, null where missing.
 */
export async function batchGetItems(
  table: UserTable,
  itemKeys: readonly ItemKey[],
  attributes: readonly string[],
  options: { consistent?: boolean } = {},
): Promise<(Record<string, unknown> | null)[]> {
  const unique = [...new Map(itemKeys.map((key) => [keyString(key), key])).values()];
  const found = new Map<string, Record<string, unknown>>();
  for (let start = 0; start < unique.length; start += MAX_KEYS_PER_BATCH) {
    for (const item of await getChunk(table, unique.slice(start, start + MAX_KEYS_PER_BATCH), attributes, options.consistent ?? false)) {
      found.set(keyString({ PK: String(item.PK), SK: String(item.SK) }), item);
    }
  }
  return itemKeys.map((key) => found.get(keyString(key)) ?? null);
}

async function getChunk(table: UserTable, chunk: ItemKey[], attributes: readonly string[], consistent: boolean): Promise<Record<string, unknown>[]> {
  // `name` is a reserved word, so every attribute goes through a placeholder; PK and SK map rows back to keys.
  const names = Object.fromEntries(['PK', 'SK', ...attributes].map((attribute, i) => [`#a${i}`, attribute]));
  const items: Record<string, unknown>[] = [];
  let pending: ItemKey[] = chunk;
  await retry(async (attempt) => {
    const { Responses, UnprocessedKeys } = await table.dynamo.send(
      new BatchGetCommand({
        RequestItems: {
          [table.tableName]: { Keys: pending, ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names, ConsistentRead: consistent },
        },
      }),
    );
    items.push(...((Responses?.[table.tableName] ?? []) as Record<string, unknown>[]));
    pending = (UnprocessedKeys?.[table.tableName]?.Keys ?? []) as ItemKey[];
    if (pending.length > 0) throw new UnprocessedError(`BatchGetItem left ${pending.length} keys unprocessed after ${attempt} attempts`);
  }, UNPROCESSED_RETRY);
  return items;
}
