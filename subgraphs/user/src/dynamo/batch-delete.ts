import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { ItemKey } from './keys.js';
import type { UserTable } from './user-table.js';

/** DynamoDB's limit on requests per BatchWriteItem call. */
const MAX_WRITES_PER_BATCH = 25;
const MAX_ATTEMPTS = 8;

/** Deletes items by key with BatchWriteItem, 25 a call, unprocessed ones retried with backoff. */
export async function batchDeleteItems(table: UserTable, itemKeys: readonly ItemKey[]): Promise<void> {
  for (let start = 0; start < itemKeys.length; start += MAX_WRITES_PER_BATCH) {
    let pending = itemKeys.slice(start, start + MAX_WRITES_PER_BATCH).map((Key) => ({ DeleteRequest: { Key } }));
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > MAX_ATTEMPTS) throw new Error(`BatchWriteItem left ${pending.length} deletes unprocessed after ${MAX_ATTEMPTS} attempts`);
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, Math.min(20 * 2 ** attempt, 1000)));
      const { UnprocessedItems } = await table.dynamo.send(new BatchWriteCommand({ RequestItems: { [table.tableName]: pending } }));
      pending = (UnprocessedItems?.[table.tableName] ?? []) as typeof pending;
    }
  }
}
