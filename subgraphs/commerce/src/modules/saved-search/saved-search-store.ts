import { and, asc, desc, eq, gt, lt, or, sql } from 'drizzle-orm';
import { savedSearches, savedSearchMatches } from '@studbook/drizzle/commerce';
import type { Tx } from '@studbook/platform';

export type SavedSearchRow = typeof savedSearches.$inferSelect;
export type SavedSearchMatchRow = typeof savedSearchMatches.$inferSelect;
export type NewSavedSearch = Pick<SavedSearchRow, 'createdByUserId' | 'name' | 'query' | 'filter' | 'normalised'>;

/** The most matches one `matches` list returns; a subscriber resumes past them with `after`. */
export const MATCHES_PER_LIST = 500;

export async function insertSavedSearch(tx: Tx, search: NewSavedSearch): Promise<SavedSearchRow> {
  const [row] = await tx.insert(savedSearches).values(search).returning();
  return row;
}

/** How many saved searches the transaction's tenant has; counted under a lock so two saves cannot both pass the cap. */
export async function countSavedSearches(tx: Tx, tenantId: string): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('saved_searches'), hashtext(${tenantId}))`);
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(savedSearches);
  return row.n;
}

/** Saved searches with these ids that RLS shows (the tenant's own), in no particular order. */
export function findSavedSearches(tx: Tx, ids: readonly string[]): Promise<SavedSearchRow[]> {
  return tx
    .select()
    .from(savedSearches)
    .where(sql`${savedSearches.id} = any(${sql.param([...ids])}::uuid[])`);
}

/** Every saved search of the transaction's tenant: what a listing that goes on the market is checked against. */
export function allSavedSearches(tx: Tx): Promise<SavedSearchRow[]> {
  return tx.select().from(savedSearches);
}

/** One page of the tenant's saved searches, newest first, one extra row telling whether another follows. */
export function listSavedSearches(tx: Tx, params: { first: number; after?: { createdAt: Date; id: string } }): Promise<SavedSearchRow[]> {
  const after = params.after
    ? or(lt(savedSearches.createdAt, params.after.createdAt), and(eq(savedSearches.createdAt, params.after.createdAt), lt(savedSearches.id, params.after.id)))
    : undefined;
  return tx
    .select()
    .from(savedSearches)
    .where(after)
    .orderBy(desc(savedSearches.createdAt), desc(savedSearches.id))
    .limit(params.first + 1);
}

/** Deletes the tenant's saved search (its matches go with it); whether there was one. */
export async function deleteSavedSearch(tx: Tx, id: string): Promise<boolean> {
  const deleted = await tx.delete(savedSearches).where(eq(savedSearches.id, id)).returning({ id: savedSearches.id });
  return deleted.length > 0;
}

/** Records these listings as matches of the search; returns only the matches that are new (a listing matches once). */
export function insertMatches(tx: Tx, savedSearchId: string, listingIds: readonly string[]): Promise<SavedSearchMatchRow[]> {
  return tx
    .insert(savedSearchMatches)
    .values(listingIds.map((listingId) => ({ savedSearchId, listingId })))
    .onConflictDoNothing({ target: [savedSearchMatches.savedSearchId, savedSearchMatches.listingId] })
    .returning();
}

/** A search's matches after a position, in the order matched. */
export function matchesAfter(tx: Tx, savedSearchId: string, afterPosition: number): Promise<SavedSearchMatchRow[]> {
  return tx
    .select()
    .from(savedSearchMatches)
    .where(and(eq(savedSearchMatches.savedSearchId, savedSearchId), gt(savedSearchMatches.position, afterPosition)))
    .orderBy(asc(savedSearchMatches.position))
    .limit(MATCHES_PER_LIST);
}

export function findMatches(tx: Tx, ids: readonly string[]): Promise<SavedSearchMatchRow[]> {
  return tx
    .select()
    .from(savedSearchMatches)
    .where(sql`${savedSearchMatches.id} = any(${sql.param([...ids])}::uuid[])`);
}
