import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import { reviews } from '@studbook/drizzle/commerce';
import type { Tx } from '@studbook/platform';

/** A review as stored; resolvers map it to the GraphQL Review. */
export type ReviewRow = typeof reviews.$inferSelect;
export type NewReview = Pick<ReviewRow, 'saleId' | 'listingId' | 'sellerOrganizationId' | 'authorUserId' | 'rating' | 'text'>;

/** A seller's standing: how many reviews and their mean rating (null with none). */
export interface Reputation {
  sellerOrganizationId: string;
  reviewCount: number;
  averageRating: number | null;
}

/** The unique index that allows one review per sale. */
export const ONE_REVIEW_PER_SALE = 'reviews_one_per_sale';

export async function insertReview(tx: Tx, review: NewReview): Promise<ReviewRow> {
  const [row] = await tx.insert(reviews).values(review).returning();
  return row;
}

/** Count and mean rating of each of these sellers' reviews that RLS shows (public ones), in one statement. */
export async function reputationsOf(tx: Tx, sellerIds: readonly string[]): Promise<Reputation[]> {
  const rows = await tx
    .select({ sellerOrganizationId: reviews.sellerOrganizationId, reviewCount: sql<number>`count(*)::int`, averageRating: sql<number>`avg(${reviews.rating})::float8` })
    .from(reviews)
    .where(sql`${reviews.sellerOrganizationId} = any(${sql.param([...sellerIds])}::uuid[])`)
    .groupBy(reviews.sellerOrganizationId);
  return rows.map((row) => ({ ...row, averageRating: row.averageRating == null ? null : Number(row.averageRating) }));
}

/** The reviews of these sales (at most one each), in one statement. */
export function reviewsOfSales(tx: Tx, saleIds: readonly string[]): Promise<ReviewRow[]> {
  return tx
    .select()
    .from(reviews)
    .where(sql`${reviews.saleId} = any(${sql.param([...saleIds])}::uuid[])`);
}

/** One page of a seller's reviews, newest first, with one extra row to tell whether another page follows. */
export function listReviewsOf(tx: Tx, sellerId: string, params: { first: number; after?: { createdAt: Date; id: string } }): Promise<ReviewRow[]> {
  const after = params.after
    ? or(lt(reviews.createdAt, params.after.createdAt), and(eq(reviews.createdAt, params.after.createdAt), lt(reviews.id, params.after.id)))
    : undefined;
  return tx
    .select()
    .from(reviews)
    .where(and(eq(reviews.sellerOrganizationId, sellerId), after))
    .orderBy(desc(reviews.createdAt), desc(reviews.id))
    .limit(params.first + 1);
}

/** What SellerReputation resolves from: whose reputation it is. */
export interface SellerReputationOf {
  sellerOrganizationId: string;
}

/** An organisation is the user subgraph's; commerce knows it by id. */
export interface OrganizationRef {
  id: string;
}
