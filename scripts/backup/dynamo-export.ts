import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { BatchWriteItemCommand, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

type Item = Record<string, AttributeValue>;

/**
 * Every item of the table, one JSON line each in DynamoDB's own attribute-value form (so numbers,
 * sets and binaries come back exactly), read page by page with consistent reads. Returns the count.
 */
export async function exportTable(dynamo: DynamoDBDocumentClient, table: string, file: string): Promise<number> {
  const out = createWriteStream(file);
  let count = 0;
  let start: Item | undefined;
  do {
    const page = await dynamo.send(new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey: start, Limit: 500 }));
    for (const item of page.Items ?? []) {
      if (!out.write(`${JSON.stringify(item)}\n`)) await once(out, 'drain');
      count++;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  out.end();
  await once(out, 'finish');
  return count;
}

/** Writes the exported items back, 25 per batch, retrying what DynamoDB leaves unprocessed. Returns the count. */
export async function importTable(dynamo: DynamoDBDocumentClient, table: string, file: string): Promise<number> {
  let batch: Item[] = [];
  let count = 0;
  const flush = async () => {
    let requests = batch.map((item) => ({ PutRequest: { Item: item } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 8) throw new Error(`DynamoDB left ${requests.length} items unwritten after ${attempt} attempts`);
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      const result = await dynamo.send(new BatchWriteItemCommand({ RequestItems: { [table]: requests } }));
      requests = (result.UnprocessedItems?.[table] ?? []) as typeof requests;
    }
    count += batch.length;
    batch = [];
  };
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY })) {
    if (!line) continue;
    batch.push(JSON.parse(line) as Item);
    if (batch.length === 25) await flush();
  }
  await flush();
  return count;
}

/** Whether the table holds any item: a restore goes only into an empty one. */
export async function tableIsEmpty(dynamo: DynamoDBDocumentClient, table: string): Promise<boolean> {
  const page = await dynamo.send(new ScanCommand({ TableName: table, Limit: 1 }));
  return (page.Items ?? []).length === 0;
}
