import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { dynamoImplementations } from '../../../../tests/support/dynamo-servers.js';
import { startForEachTest, type UserSubgraphHarness } from '../testing/user-subgraph-harness.js';
import { writeTogether, type GroupedWrite } from './write-together.js';

describe.each(dynamoImplementations())('writeTogether on $name', (implementation) => {
  let harness: UserSubgraphHarness;
  startForEachTest(implementation, (started) => (harness = started));

  const table = () => ({ dynamo: harness.dynamo, tableName: harness.tableName });
  const put = (PK: string, value: string): GroupedWrite => ({
    write: { Put: { TableName: harness.tableName, Item: { PK, SK: 'ITEM', value }, ConditionExpression: 'attribute_not_exists(PK)' } },
    undo: () => harness.dynamo.send(new DeleteCommand({ TableName: harness.tableName, Key: { PK, SK: 'ITEM' } })),
  });
  const stored = async () => (await harness.allItems()).map((item) => `${item.PK}=${item.value}`).sort();

  it('writes every item of a group', async () => {
    expect(await writeTogether(table(), [put('A', '1'), put('B', '2'), put('C', '3')])).toEqual({ ok: true });
    expect(await stored()).toEqual(['A=1', 'B=2', 'C=3']);
  });

  it('writes nothing when a later condition fails, and says which write it was', async () => {
    await writeTogether(table(), [put('C', 'old')]);
    expect(await writeTogether(table(), [put('A', '1'), put('B', '2'), put('C', 'new')])).toEqual({ ok: false, failedIndex: 2 });
    expect(await stored()).toEqual(['C=old']);
  });

  it('treats a failed ConditionCheck as a failed write that changes nothing', async () => {
    await writeTogether(table(), [put('COUNTER', 'closed')]);
    const check: GroupedWrite = {
      write: {
        ConditionCheck: {
          TableName: harness.tableName,
          Key: { PK: 'COUNTER', SK: 'ITEM' },
          ConditionExpression: '#value = :open',
          ExpressionAttributeNames: { '#value': 'value' },
          ExpressionAttributeValues: { ':open': 'open' },
        },
      },
    };
    expect(await writeTogether(table(), [put('A', '1'), check])).toEqual({ ok: false, failedIndex: 1 });
    expect(await stored()).toEqual(['COUNTER=closed']);
    const { Item } = await harness.dynamo.send(new GetCommand({ TableName: harness.tableName, Key: { PK: 'COUNTER', SK: 'ITEM' }, ConsistentRead: true }));
    expect(Item).toEqual({ PK: 'COUNTER', SK: 'ITEM', value: 'closed' });
  });
});
