import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { ItemKey } from './keys.js';
import type { UserTable } from './user-table.js';
import { UNPROCESSED_RETRY, UnprocessedError } from './unprocessed.js';
import { retry } from '@studbook/platform';

/** DynamoDB's limit on requests per BatchWriteItem call. */
const MAX_WRITES_PER_BATCH = 25;

/** Deletes items by key with BatchWriteItem, 25 a call, unprocessed ones retried with backoff. */
export async function batchDeleteItems(table: UserTable, itemKeys: readonly ItemKey[]): Promise<void> {
  for (let start = 0; start < itemKeys.length; start += MAX_WRITES_PER_BATCH) {
    let pending = itemKeys.slice(start, start + MAX_WRITES_PER_BATCH).map((Key) => ({ DeleteRequest: { Key } }));
    await retry(async (attempt) => {
      const { UnprocessedItems } = await table.dynamo.send(new BatchWriteCommand({ RequestItems: { [table.tableName]: pending } }));
      pending = (UnprocessedItems?.[table.tableName] ?? []) as typeof pending;
      if (pending.length > 0) throw new UnprocessedError(`BatchWriteItem left ${pending.length} deletes unprocessed after ${attempt} attempts`);
    }, UNPROCESSED_RETRY);
  }
}
