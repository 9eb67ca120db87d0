import { randomUUID } from 'node:crypto';
import * as commerceSchema from '@studbook/drizzle/commerce';
import { appendEvent, createLogger, createPgPool, Metrics, TenantDb } from '@studbook/platform';
import { saleCompleted, type PayloadOf } from '@studbook/contracts/events';
import { gqlData, type Member } from '../support/gateway-client.js';
import { graphql } from '../__generated__/index.js';

export type Sale = PayloadOf<'sale.completed'>;

const LIST = graphql(`mutation SaleEventsList($input: CreateListingInput!) { createListing(input: $input) { id } }`);
const RESERVE = graphql(`mutation SaleEventsReserve($listingId: ID!) { reserveListing(listingId: $listingId) { id } }`);
const ACCEPT = graphql(`mutation SaleEventsAccept($id: ID!) { acceptReservation(id: $id) { id } }`);
const COMPLETE = graphql(`mutation SaleEventsComplete($saleId: ID!) { completeSale(saleId: $saleId) { id completedAt listing { id } } }`);
const SALE_STATE = graphql(`query SaleEventsSaleState($id: ID!) { sale(id: $id) { state } }`);

/**
 * Sells the seller's public animal to the buyer on the marketplace, as its users would: listed,
 * reserved by the buyer, accepted and completed by the seller. Resolves with the sale.completed
 * payload commerce wrote, once completeSale answered (the transfer follows asynchronously).
 */
export async function sellThroughMarketplace(seller: Member, buyer: Member, animalId: string, price = 500): Promise<Sale> {
  const { createListing } = await gqlData(LIST, { input: { animalId, price, currency: 'EUR' } }, seller.token);
  const { reserveListing } = await gqlData(RESERVE, { listingId: createListing.id }, buyer.token);
  await gqlData(ACCEPT, { id: reserveListing.id }, seller.token);
  const { completeSale } = await gqlData(COMPLETE, { saleId: reserveListing.id }, seller.token);
  return {
    saleId: completeSale.id,
    listingId: createListing.id,
    animalId,
    sellerOrganizationId: seller.organizationId,
    buyerOrganizationId: buyer.organizationId,
    completedAt: new Date(completeSale.completedAt!).toISOString(),
  };
}

/** The buyer reserves the listing, as in the marketplace: the new sale's id, RESERVED until the seller answers. */
export async function reserveAs(buyer: Member, listingId: string): Promise<string> {
  return (await gqlData(RESERVE, { listingId }, buyer.token)).reserveListing.id;
}

/** The seller accepts a reservation: ACCEPTED, the listing held for the buyer. */
export async function acceptAs(seller: Member, saleId: string): Promise<void> {
  await gqlData(ACCEPT, { id: saleId }, seller.token);
}

/**
 * The seller confirms payment of an accepted sale; resolves with the animal subgraph's answer, once
 * the sale has it: COMPLETED (the animal is the buyer's) or TRANSFER_FAILED.
 */
export async function confirmPaymentAs(seller: Member, saleId: string): Promise<string | undefined> {
  await gqlData(COMPLETE, { saleId }, seller.token);
  return eventually(
    async () => (await gqlData(SALE_STATE, { id: saleId }, seller.token)).sale?.state,
    (now) => now !== 'TRANSFER_PENDING',
    `sale ${saleId} to end its transfer`,
  );
}

/** confirmPaymentAs, for a sale that must end COMPLETED: throws when the transfer failed. */
export async function completeAcceptedAs(seller: Member, saleId: string): Promise<void> {
  const state = await confirmPaymentAs(seller, saleId);
  if (state !== 'COMPLETED') throw new Error(`sale ${saleId} ended ${state}, not COMPLETED`);
}

/** The seller accepts a reservation and completes the sale, until it is COMPLETED. */
export async function completeAs(seller: Member, saleId: string): Promise<void> {
  await acceptAs(seller, saleId);
  await completeAcceptedAs(seller, saleId);
}

/**
 * A sale of this animal from seller to buyer, as commerce reports it, for deliveries the API cannot
 * produce (an animal the seller does not own or that is already deleted; see emitSaleCompleted).
 */
export function saleOf(animalId: string, sellerOrganizationId: string, buyerOrganizationId: string): Sale {
  return { saleId: randomUUID(), listingId: randomUUID(), animalId, sellerOrganizationId, buyerOrganizationId, completedAt: new Date().toISOString() };
}

/**
 * Writes `sale.completed` to the commerce outbox `times` times, as the seller, the way the sale
 * module's completeSale does: the commerce relay then publishes each row and appends it to the
 * event's stream. After sellThroughMarketplace, `times: 1` is a duplicated delivery of a real sale.
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
