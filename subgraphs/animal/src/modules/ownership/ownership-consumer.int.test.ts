import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type pg from 'pg';
import { eq, sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import * as animalSchema from '@studbook/drizzle/animal';
import { createEventStream, createLogger, createPgPool, Metrics, TenantDb, type EventStream, type PublishedEvent } from '@studbook/platform';
import { saleCompleted, type PayloadOf } from '@studbook/contracts/events';
import { OWNERSHIP_GROUP, OwnershipConsumer } from './ownership-consumer.js';

const logger = createLogger('ownership-test', { silent: true });
let pool: pg.Pool;
let db: TenantDb;
const streams: EventStream[] = [];
const consumers: OwnershipConsumer[] = [];

beforeAll(() => {
  pool = createPgPool({ url: inject('serviceDatabaseUrls').animal, label: 'ownership-test', logger, metrics: new Metrics() });
  db = new TenantDb(pool, animalSchema);
});

afterAll(async () => {
  await Promise.all(consumers.map((consumer) => consumer.stop()));
  await Promise.all(streams.map((stream) => stream.close()));
  await pool.end();
});

async function animalOf(tenantId: string): Promise<string> {
  const [row] = await db.run({ tenantId, userId: null }, (tx) =>
    tx.insert(animalSchema.animals).values({ name: 'For sale', speciesId: 'ball-python', sex: 'MALE' }).returning(),
  );
  return row.id;
}

/** A sale.completed event as the commerce relay appends it to the stream. */
function published(sale: PayloadOf<'sale.completed'>, outboxId: number): PublishedEvent {
  return {
    outboxId,
    tenantId: sale.sellerOrganizationId,
    aggregateType: saleCompleted.aggregate,
    aggregateId: sale.saleId,
    version: outboxId,
    eventType: saleCompleted.name,
    payload: sale,
    occurredAt: new Date().toISOString(),
  };
}

async function until(done: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await done()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`gave up waiting: ${what}`);
}

describe.runIf(inject('redisUrl'))('the ownership consumer on a Redis Stream', () => {
  it('handles a sale once when an instance dies after committing but before acknowledging, and its restart reads it again', async () => {
    const [seller, buyer] = [randomUUID(), randomUUID()];
    const animalId = await animalOf(seller);
    const sale = {
      saleId: randomUUID(),
      listingId: randomUUID(),
      animalId,
      sellerOrganizationId: seller,
      buyerOrganizationId: buyer,
      completedAt: new Date().toISOString(),
    };
    const namespace = `ownership-test-${randomUUID()}`;
    const stream = createEventStream(inject('redisUrl'), namespace, 'ownership-test', logger);
    streams.push(stream);
    // Delivered twice, as a relay that crashed between appending and committing would.
    await stream.append(published(sale, 1));
    await stream.append(published(sale, 2));

    let committed = 0;
    const dying = new OwnershipConsumer({
      db,
      stream,
      logger,
      consumerName: 'instance-1',
      // Runs after the commit and before the acknowledgement: the instance "dies" here.
      transferred: () => ((committed += 1), new Promise<void>(() => undefined)),
    });
    dying.start();
    await until(async () => committed === 1, 'the first commit');
    void dying.stop();

    const restarted = new OwnershipConsumer({ db, stream, logger, consumerName: 'instance-1' });
    consumers.push(restarted);
    restarted.start();
    await until(async () => (await pendingEntries(namespace)) === 0, 'both deliveries acknowledged');

    const after = await db.run({ tenantId: buyer, userId: null }, async (tx) => ({
      owner: (await tx.select({ tenantId: animalSchema.animals.tenantId }).from(animalSchema.animals).where(eq(animalSchema.animals.id, animalId)))[0]?.tenantId,
      transfers: (await tx.execute<{ outcome: string }>(sql`select outcome from studbook_api_transfers_of_caller(10)`)).rows,
      events: await tx.select().from(animalSchema.outbox).where(eq(animalSchema.outbox.aggregateId, animalId)),
    }));
    expect(after.owner).toBe(buyer);
    expect(after.transfers).toEqual([{ outcome: 'TRANSFERRED' }]);
    expect(after.events.filter((event) => event.eventType === 'animal.transferred')).toHaveLength(1);
    expect(committed).toBe(1);
  });
});

/** Entries the ownership group has read but not acknowledged (XPENDING). */
async function pendingEntries(namespace: string): Promise<number> {
  const client = new Redis(inject('redisUrl'));
  try {
    const [count] = (await client.xpending(`${namespace}:stream:${saleCompleted.name}`, OWNERSHIP_GROUP)) as [number];
    return count;
  } finally {
    client.disconnect();
  }
}
