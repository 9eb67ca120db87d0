import { CreateTableCommand, DescribeTableCommand, DescribeTimeToLiveCommand, UpdateTimeToLiveCommand, type TableDescription } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** The table handle every store takes first. */
export interface UserTable {
  dynamo: DynamoDBDocumentClient;
  tableName: string;
}

export const TTL_ATTRIBUTE = 'ttl';
export const GSI1 = 'GSI1';

/**
 * Creates the user table (on-demand billing, GSI1) when it is missing, waits until it and its
 * index are ACTIVE, and turns on TTL expiry of `ttl` where the server supports it (dynalite does
 * not; sessions are checked for expiry on every read anyway).
 */
export async function ensureUserTable(dynamo: DynamoDBDocumentClient, tableName: string, timeoutMs = 60_000): Promise<void> {
  if (!(await describeTable(dynamo, tableName))) {
    try {
      await dynamo.send(
        new CreateTableCommand({
          TableName: tableName,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [
            { AttributeName: 'PK', AttributeType: 'S' },
            { AttributeName: 'SK', AttributeType: 'S' },
            { AttributeName: 'GSI1PK', AttributeType: 'S' },
            { AttributeName: 'GSI1SK', AttributeType: 'S' },
          ],
          KeySchema: [
            { AttributeName: 'PK', KeyType: 'HASH' },
            { AttributeName: 'SK', KeyType: 'RANGE' },
          ],
          GlobalSecondaryIndexes: [
            {
              IndexName: GSI1,
              KeySchema: [
                { AttributeName: 'GSI1PK', KeyType: 'HASH' },
                { AttributeName: 'GSI1SK', KeyType: 'RANGE' },
              ],
              Projection: { ProjectionType: 'ALL' },
            },
          ],
        }),
      );
    } catch (error) {
      // Another instance started at the same moment and won the race: fine, wait for its table.
      if ((error as Error).name !== 'ResourceInUseException') throw error;
    }
  }
  await waitUntilActive(dynamo, tableName, timeoutMs);
  await enableTtl(dynamo, tableName);
}

async function describeTable(dynamo: DynamoDBDocumentClient, tableName: string): Promise<TableDescription | null> {
  try {
    const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: tableName }));
    return Table ?? null;
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') return null;
    throw error;
  }
}

async function waitUntilActive(dynamo: DynamoDBDocumentClient, tableName: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 50; ; delay = Math.min(delay * 2, 1000)) {
    const table = await describeTable(dynamo, tableName);
    const indexesActive = (table?.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE');
    if (table?.TableStatus === 'ACTIVE' && indexesActive) return;
    if (Date.now() > deadline) throw new Error(`DynamoDB table ${tableName} did not become ACTIVE within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

async function enableTtl(dynamo: DynamoDBDocumentClient, tableName: string): Promise<void> {
  try {
    const { TimeToLiveDescription } = await dynamo.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    const status = TimeToLiveDescription?.TimeToLiveStatus;
    if (status === 'ENABLED' || status === 'ENABLING') return;
    await dynamo.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true } }));
  } catch (error) {
    if ((error as Error).name !== 'UnknownOperationException') throw error;
  }
}
