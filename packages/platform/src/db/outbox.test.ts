import { describe, expect, it } from 'vitest';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import { z } from 'zod';
import { appendEvent, type EventContract } from './outbox.js';
import type { Tx } from './tenant-db.js';

const thingRenamed = { name: 'thing.renamed', aggregate: 'thing', version: 1, payload: z.strictObject({ name: z.string() }) } satisfies EventContract;

/** A transaction that records the statements it is given. */
function recordingTx() {
  const statements: { sql: string; params: unknown[] }[] = [];
  const tx = { execute: async (query: SQL) => void statements.push(new PgDialect().sqlToQuery(query)) } as unknown as Tx;
  return { tx, statements };
}

describe('appendEvent', () => {
  it('stores the contract name and aggregate with the checked payload', async () => {
    const { tx, statements } = recordingTx();
    await appendEvent(tx, thingRenamed, { aggregateId: 't1', payload: { name: 'Juniper' } });
    expect(statements).toHaveLength(1);
    expect(statements[0].params).toEqual(['thing', 't1', 'thing.renamed', '{"name":"Juniper"}', 'thing', 't1']);
  });

  it('refuses a payload its contract does not allow, writing nothing', async () => {
    const { tx, statements } = recordingTx();
    const unknownField = { name: 'Juniper', secret: 'x' } as { name: string };
    await expect(appendEvent(tx, thingRenamed, { aggregateId: 't1', payload: unknownField })).rejects.toThrow(/payload of thing.renamed does not match its contract/);
    await expect(appendEvent(tx, thingRenamed, { aggregateId: 't1', payload: { name: 7 } as unknown as { name: string } })).rejects.toThrow(/thing.renamed/);
    expect(statements).toEqual([]);
  });
});
