import { randomUUID } from 'node:crypto';
import * as commerceSchema from '@studbook/drizzle/commerce';
import { appendEvent, createLogger, createPgPool, Metrics, TenantDb } from '@studbook/platform';
import { saleCompleted, type PayloadOf } from '@studbook/contracts/events';

export type Sale = PayloadOf<'sale.completed'>;

/** A completed sale of this animal from seller to buyer, as commerce's sale module will report it. */
export function saleOf(animalId: string, sellerOrganizationId: string, buyerOrganizationId: string): Sale {
  return { saleId: randomUUID(), listingId: randomUUID(), animalId, sellerOrganizationId, buyerOrganizationId, completedAt: new Date().toISOString() };
}

/**
 * Writes `sale.completed` to the commerce outbox `times` times, as the seller, the way the sale
 * module's completeSale will (until it exists, this stands in for it): the commerce relay then
 * publishes each row and appends it to the event's stream, so `times: 2` is a duplicated delivery.
 */
export async function emitSaleCompleted(commerceDatabaseUrl: string, sale: Sale, times = 1): Promise<void> {
  const pool = createPgPool({ url: commerceDatabaseUrl, label: 'test-sale', logger: createLogger('test', { silent: true }), metrics: new Metrics(), max: 1 });
  try {
    const db = new TenantDb(pool, commerceSchema);
    for (let i = 0; i < times; i++) {
      await db.run({ tenantId: sale.sellerOrganizationId, userId: null }, (tx) => appendEvent(tx, saleCompleted, { aggregateId: sale.saleId, payload: sale }));
    }
  } finally {
    await pool.end();
  }
}

/** Resolves with the first value `probe` gives that `done` accepts, asking again as the saga runs (no fixed wait). */
export async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  let value = await probe();
  for (let i = 0; i < 300 && !done(value); i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await probe();
  }
  if (!done(value)) throw new Error(`gave up waiting for ${what}: ${JSON.stringify(value)}`);
  return value;
}
