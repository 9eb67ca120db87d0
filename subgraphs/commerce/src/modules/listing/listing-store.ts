import { and, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { listings } from '@studbook/drizzle/commerce';
import type { Tx } from '@studbook/platform';

/** A listing as stored; resolvers map it to the GraphQL Listing. */
export type ListingRow = typeof listings.$inferSelect;
export type NewListing = Pick<ListingRow, 'animalId' | 'price' | 'currency'>;

export interface ListingListParams {
  first: number;
  after?: { createdAt: Date; id: string };
}

/** Listings with these ids that RLS lets the caller see (own tenant's or public), in no particular order. */
export function findListingsByIds(tx: Tx, ids: readonly string[]): Promise<ListingRow[]> {
  return tx
    .select()
    .from(listings)
    .where(inArray(listings.id, [...ids]));
}

/** The visible ACTIVE listing of each of these animals, in one statement however many animals. */
export function findActiveListingsByAnimalIds(tx: Tx, animalIds: readonly string[]): Promise<ListingRow[]> {
  return tx
    .select()
    .from(listings)
    .where(and(sql`${listings.animalId} = any(${sql.param([...animalIds])}::uuid[])`, eq(listings.status, 'ACTIVE')));
}

/** One page of visible ACTIVE listings, newest first, fetching one extra row to tell whether another page follows. */
export function listActiveListings(tx: Tx, params: ListingListParams): Promise<ListingRow[]> {
  const conditions: SQL[] = [eq(listings.status, 'ACTIVE')];
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

/** The partial unique index that refuses a second ACTIVE listing of the same animal. */
export const ONE_ACTIVE_LISTING_PER_ANIMAL = 'listings_one_active_per_animal';
