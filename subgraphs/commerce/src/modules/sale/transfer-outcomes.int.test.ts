import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type pg from 'pg';
import { eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import * as commerceSchema from '@studbook/drizzle/commerce';
import { createEventStream, createLogger, createPgPool, Metrics, TenantDb, type EventStream, type PublishedEvent } from '@studbook/platform';
import { animalTransferFailed, animalTransferred } from '@studbook/contracts/events';
import { SALES_GROUP, SaleTransferOutcomes } from './transfer-outcomes.js';

const logger = createLogger('sale-outcomes-test', { silent: true });
let pool: pg.Pool;
let db: TenantDb;
const streams: EventStream[] = [];
const consumers: SaleTransferOutcomes[] = [];

beforeAll(() => {
  pool = createPgPool({ url: inject('serviceDatabaseUrls').commerce, label: 'sale-outcomes-test', logger, metrics: new Metrics() });
  db = new TenantDb(pool, commerceSchema);
});

afterAll(async () => {
  await Promise.all(consumers.map((consumer) => consumer.stop()));
  await Promise.all(streams.map((stream) => stream.close()));
  await pool.end();
});

/** A sale the seller has completed and whose animal is on its way: TRANSFER_PENDING. */
async function pendingSale(seller: string, buyer: string) {
  const [row] = await db.run({ tenantId: seller, userId: null }, (tx) =>
    tx
      .insert(commerceSchema.sales)
      .values({
        buyerOrganizationId: buyer,
        listingId: randomUUID(),
        animalId: randomUUID(),
        price: 100,
        currency: 'EUR',
        state: 'TRANSFER_PENDING',
        expiresAt: new Date(),
        history: [{ state: 'TRANSFER_PENDING', at: new Date().toISOString() }],
      })
      .returning(),
  );
  return row;
}

const saleAs = async (tenantId: string, id: string) =>
  (await db.run({ tenantId, userId: null }, (tx) => tx.select().from(commerceSchema.sales).where(eq(commerceSchema.sales.id, id))))[0];

function answer(type: 'transferred' | 'failed', sale: { id: string; animalId: string; tenantId: string }, tenantId: string, outboxId: number): PublishedEvent {
  const contract = type === 'transferred' ? animalTransferred : animalTransferFailed;
  const payload =
    type === 'transferred'
      ? { id: sale.animalId, saleId: sale.id, fromOrganizationId: sale.tenantId, toOrganizationId: tenantId, transferredAt: new Date().toISOString() }
      : { saleId: sale.id, animalId: sale.animalId, reason: 'ANIMAL_DELETED' };
  return {
    outboxId,
    tenantId,
    aggregateType: contract.aggregate,
    aggregateId: sale.animalId,
    version: outboxId,
    eventType: contract.name,
    payload,
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

describe.runIf(inject('redisUrl'))('the sale transfer answers on Redis Streams', () => {
  it('ends a sale once when the answer comes twice and the instance dies after committing but before acknowledging', async () => {
    const [seller, buyer] = [randomUUID(), randomUUID()];
    const sale = await pendingSale(seller, buyer);
    const namespace = `sale-outcomes-test-${randomUUID()}`;
    const stream = createEventStream(inject('redisUrl'), namespace, 'sale-outcomes-test', logger);
    streams.push(stream);
    await stream.append(answer('transferred', sale, buyer, 1));
    await stream.append(answer('transferred', sale, buyer, 2));

    let committed = 0;
    // Runs after the commit and before the acknowledgement: the instance "dies" here.
    const dying = new SaleTransferOutcomes({ db, stream, logger, consumerName: 'instance-1', ended: () => ((committed += 1), new Promise<void>(() => undefined)) });
    dying.start();
    await until(async () => committed === 1, 'the first commit');
    void dying.stop();

    const restarted = new SaleTransferOutcomes({ db, stream, logger, consumerName: 'instance-1' });
    consumers.push(restarted);
    restarted.start();
    await until(async () => (await pending(namespace, animalTransferred.name)) === 0, 'both deliveries acknowledged');

    const after = await saleAs(seller, sale.id);
    expect(after.state).toBe('COMPLETED');
    expect(after.history.map((entry) => entry.state)).toEqual(['TRANSFER_PENDING', 'COMPLETED']);
    expect(committed).toBe(1);
    // The buyer sees the same row (the sales_buyer policy), and a late failure answer changes nothing.
    const consumer = new SaleTransferOutcomes({ db, stream, logger });
    expect(await consumer.handle(answer('failed', sale, buyer, 3))).toBe(false);
    expect((await saleAs(buyer, sale.id)).state).toBe('COMPLETED');
  });

  it('records a failed transfer with its reason, and ignores an answer written under an organisation that is no party to the sale', async () => {
    const [seller, buyer, stranger] = [randomUUID(), randomUUID(), randomUUID()];
    const sale = await pendingSale(seller, buyer);
    const consumer = new SaleTransferOutcomes({ db, stream: streams[0], logger });
    // Under RLS the stranger's transaction cannot see the sale, let alone end it.
    expect(await consumer.handle(answer('failed', sale, stranger, 1))).toBe(false);
    expect((await saleAs(seller, sale.id)).state).toBe('TRANSFER_PENDING');
    expect(await saleAs(stranger, sale.id)).toBeUndefined();

    expect(await consumer.handle(answer('failed', sale, buyer, 2))).toBe(true);
    expect(await saleAs(seller, sale.id)).toMatchObject({ state: 'TRANSFER_FAILED', reason: 'ANIMAL_DELETED' });
  });
});

/** Entries the commerce-sales group has read but not acknowledged (XPENDING). */
async function pending(namespace: string, eventType: string): Promise<number> {
  const client = new Redis(inject('redisUrl'));
  try {
    const [count] = (await client.xpending(`${namespace}:stream:${eventType}`, SALES_GROUP)) as [number];
    return count;
  } finally {
    client.disconnect();
  }
}
