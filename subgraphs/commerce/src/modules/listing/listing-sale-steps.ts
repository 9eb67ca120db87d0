import { appendEvent, type Tx } from '@studbook/platform';
import { listingUpdated } from '@studbook/contracts/events';
import * as store from './listing-store.js';
import { snapshotOf } from './listing-service.js';

/**
 * The seller's steps of a sale on their own listing, in the sale's transaction, each with its
 * listing.updated event (the search projection follows). A buyer's steps (reserving, cancelling)
 * change another organisation's listing and go through studbook_api_reserve_listing and
 * studbook_api_release_listing instead.
 */
export const saleStepsOnListing = {
  /** The seller accepted: the listing stays RESERVED, no longer lapsing. */
  accepted: (tx: Tx, listingId: string, sellerId: string) => write(tx, listingId, sellerId, { reservedUntil: null }),
  /** The seller confirmed payment: SOLD, off the market for good. */
  sold: (tx: Tx, listingId: string, sellerId: string) => write(tx, listingId, sellerId, { status: 'SOLD', reservedUntil: null }),
};

async function write(tx: Tx, listingId: string, sellerId: string, changes: Parameters<typeof store.updateListing>[2]): Promise<void> {
  // Locked first: a concurrent edit of the listing waits, and the revision counts on once per write.
  if (!(await store.lockOwnListing(tx, listingId, sellerId))) return;
  const row = await store.updateListing(tx, listingId, changes);
  await appendEvent(tx, listingUpdated, { aggregateId: row.id, payload: { ...snapshotOf(row), changed: Object.keys(changes) } });
}
