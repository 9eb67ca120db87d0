import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { UserTable } from './user-table.js';

/** Every item a Query returns, following LastEvaluatedKey: for collections known to be small or being exported. */
export async function queryAll(table: UserTable, input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: QueryCommandInput['ExclusiveStartKey'];
  do {
    const page = await table.dynamo.send(new QueryCommand({ ...input, TableName: table.tableName, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/** True when an item's `ttl` (epoch seconds) has passed: DynamoDB deletes such items lazily, so reads check. */
export function isExpired(item: { ttl?: unknown }, nowMs = Date.now()): boolean {
  return typeof item.ttl === 'number' && item.ttl * 1000 <= nowMs;
}
