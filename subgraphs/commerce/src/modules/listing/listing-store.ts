import { and, desc, eq, gt, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { listings } from '@studbook/drizzle/commerce';
import type { Tx } from '@studbook/platform';

/** A listing as stored; resolvers map it to the GraphQL Listing. */
export type ListingRow = typeof listings.$inferSelect;
/** What the seller writes. */
export type ListingFields = Pick<ListingRow, 'price' | 'currency' | 'title' | 'description' | 'shipsTo' | 'pickup' | 'sellerCountry' | 'sellerRegion' | 'expiresAt'>;
/** The listed animal's public facts, copied onto the listing. */
export type AnimalFacts = Pick<
  ListingRow,
  'animalName' | 'speciesName' | 'sex' | 'genesOne' | 'genesTwo' | 'inbreeding' | 'completeness' | 'hatchDate' | 'maturityFromDays'
>;
export type NewListing = ListingFields & AnimalFacts & Pick<ListingRow, 'animalId' | 'status' | 'publishedAt' | 'visibility'>;

export interface ListingListParams {
  first: number;
  after?: { createdAt: Date; id: string };
}

/** ACTIVE (or RESERVED by a reservation that lapsed unaccepted) and not past its expiry: on the market now. */
const onTheMarket = () =>
  and(
    or(eq(listings.status, 'ACTIVE'), and(eq(listings.status, 'RESERVED'), lte(listings.reservedUntil, sql`now()`))),
    or(isNull(listings.expiresAt), gt(listings.expiresAt, sql`now()`)),
  )!;
/** Still the seller's to change: what the animal's own changes are copied onto. */
const LIVE_STATUSES: ListingRow['status'][] = ['DRAFT', 'ACTIVE', 'RESERVED'];
/** Every write counts the revision on and stamps updated_at (what the search catch-up scans by). */
const written = () => ({ revision: sql`${listings.revision} + 1`, updatedAt: sql`date_trunc('milliseconds', now())` });

/** Listings with these ids that RLS lets the caller see (own tenant's or public), in no particular order. */
export function findListingsByIds(tx: Tx, ids: readonly string[]): Promise<ListingRow[]> {
  return tx
    .select()
    .from(listings)
    .where(inArray(listings.id, [...ids]));
}

/** The visible listing on the market of each of these animals, in one statement however many animals. */
export function findActiveListingsByAnimalIds(tx: Tx, animalIds: readonly string[]): Promise<ListingRow[]> {
  return tx
    .select()
    .from(listings)
    .where(and(sql`${listings.animalId} = any(${sql.param([...animalIds])}::uuid[])`, onTheMarket()));
}

/** One page of visible listings on the market, newest first, fetching one extra row to tell whether another page follows. */
export function listActiveListings(tx: Tx, params: ListingListParams): Promise<ListingRow[]> {
  const conditions: SQL[] = [onTheMarket()];
  if (params.after) {
    const { createdAt, id } = params.after;
    conditions.push(or(lt(listings.createdAt, createdAt), and(eq(listings.createdAt, createdAt), lt(listings.id, id)))!);
  }
  return tx
    .select()
    .from(listings)
    .where(and(...conditions))
    .orderBy(desc(listings.createdAt), desc(listings.id))
    .limit(params.first + 1);
}

export async function insertListing(tx: Tx, listing: NewListing): Promise<ListingRow> {
  const [row] = await tx.insert(listings).values(listing).returning();
  return row;
}

/** The caller's own listing, locked for a write; null when it is not theirs. */
export async function lockOwnListing(tx: Tx, id: string, tenantId: string): Promise<ListingRow | null> {
  const [row] = await tx
    .select()
    .from(listings)
    .where(and(eq(listings.id, id), eq(listings.tenantId, tenantId)))
    .for('update');
  return row ?? null;
}

/** Writes the changes and counts the revision on. */
export async function updateListing(
  tx: Tx,
  id: string,
  changes: Partial<ListingFields & AnimalFacts & Pick<ListingRow, 'status' | 'publishedAt' | 'visibility' | 'reservedUntil'>>,
): Promise<ListingRow> {
  const [row] = await tx
    .update(listings)
    .set({ ...changes, ...written() })
    .where(eq(listings.id, id))
    .returning();
  return row;
}

/** Stores as EXPIRED this animal's ACTIVE listings past their expiry, freeing its one-active slot. */
export function storeExpiredListingsOf(tx: Tx, animalId: string): Promise<ListingRow[]> {
  return tx
    .update(listings)
    .set({ status: 'EXPIRED', ...written() })
    .where(and(eq(listings.animalId, animalId), eq(listings.status, 'ACTIVE'), lte(listings.expiresAt, sql`now()`)))
    .returning();
}

/**
 * Copies an animal event's facts onto the tenant's live listings of that animal, only when the
 * event is newer than the last one copied (at-least-once delivery: a repeat or a late older event
 * changes nothing). Returns the listings it changed.
 */
export function applyAnimalFacts(tx: Tx, animalId: string, animalVersion: number, facts: Partial<AnimalFacts>): Promise<ListingRow[]> {
  return tx
    .update(listings)
    .set({ ...facts, animalVersion, ...written() })
    .where(and(eq(listings.animalId, animalId), inArray(listings.status, LIVE_STATUSES), lt(listings.animalVersion, animalVersion)))
    .returning();
}

/** Withdraws the tenant's live listings of an animal that is no longer public (or no more). */
export function withdrawListingsOf(tx: Tx, animalId: string, animalVersion: number): Promise<ListingRow[]> {
  return tx
    .update(listings)
    .set({ status: 'WITHDRAWN', animalVersion, ...written() })
    .where(and(eq(listings.animalId, animalId), inArray(listings.status, [...LIVE_STATUSES, 'EXPIRED']), lt(listings.animalVersion, animalVersion)))
    .returning();
}

/** Whether the tenant has a RESERVED listing of this animal (lapsed or not: a lapsed one is on the market again). */
export async function hasReservedListing(tx: Tx, animalId: string): Promise<boolean> {
  const rows = await tx
    .select({ id: listings.id })
    .from(listings)
    .where(and(eq(listings.animalId, animalId), eq(listings.status, 'RESERVED')))
    .limit(1);
  return rows.length > 0;
}

/** The partial unique index that refuses a second ACTIVE listing of the same animal. */
export const ONE_ACTIVE_LISTING_PER_ANIMAL = 'listings_one_active_per_animal';
