import { userError, ErrorCode } from '@studbook/platform';
import type { ListingRow } from './listing-store.js';

export type ListingStatus = ListingRow['status'];

/**
 * Expiry is evaluated at read time rather than by a sweep: an ACTIVE listing is EXPIRED from the
 * instant its expiry passes, on every instance, with nothing scheduled that could lag or be down.
 * (The row is rewritten as EXPIRED only when the one-active-listing slot of its animal is needed.)
 */
export function statusAt(listing: Pick<ListingRow, 'status' | 'expiresAt'> & { reservedUntil?: Date | null }, now = new Date()): ListingStatus {
  // A reservation the seller left unaccepted past its hold puts the listing back on the market, the same way.
  const lapsed = listing.status === 'RESERVED' && listing.reservedUntil != null && listing.reservedUntil.getTime() <= now.getTime();
  const status = lapsed ? 'ACTIVE' : listing.status;
  return status === 'ACTIVE' && listing.expiresAt && listing.expiresAt.getTime() <= now.getTime() ? 'EXPIRED' : status;
}

/** What each write may start from; anything else is a CONFLICT naming the listing. */
const ALLOWED_FROM = {
  update: ['DRAFT', 'ACTIVE', 'EXPIRED'],
  publish: ['DRAFT'],
  withdraw: ['DRAFT', 'ACTIVE', 'EXPIRED'],
} as const satisfies Record<string, readonly ListingStatus[]>;

export type ListingTransition = keyof typeof ALLOWED_FROM;
const DONE: Record<ListingTransition, string> = { update: 'changed', publish: 'published', withdraw: 'withdrawn' };

export function assertTransition(transition: ListingTransition, listing: Parameters<typeof statusAt>[0]): void {
  const status = statusAt(listing);
  if (!(ALLOWED_FROM[transition] as readonly ListingStatus[]).includes(status)) {
    throw userError(ErrorCode.Conflict, `A ${status} listing cannot be ${DONE[transition]}`, { field: 'id' });
  }
}
