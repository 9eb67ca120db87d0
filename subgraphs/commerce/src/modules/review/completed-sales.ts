import { sql } from 'drizzle-orm';
import type { Tx } from '@studbook/platform';

/** A sale as a party to it sees it, for a review. */
export interface SaleForReview {
  listingId: string;
  sellerOrganizationId: string;
  /** Whether the caller's organisation bought it (only the buyer reviews). */
  callerIsBuyer: boolean;
  /** Whether it reached COMPLETED (the animal paid for and handed over). */
  completed: boolean;
}

/**
 * The contract between reviews and the sale module: the sale `saleId` as the caller's organisation,
 * a party to it, sees it; null when there is no such sale or the caller is neither buyer nor seller.
 * It reads sales through `studbook_sale_facts()` (drizzle/commerce/functions/), the one place that
 * knows the sales table's columns; nothing else of reviews or market statistics touches sales.
 */
export async function completedSaleForReview(tx: Tx, saleId: string): Promise<SaleForReview | null> {
  const result = await tx.execute<{ listing_id: string; seller_org_id: string; caller_is_buyer: boolean; completed: boolean }>(
    sql`select listing_id, seller_org_id, caller_is_buyer, completed from studbook_api_sale_for_review(${saleId}::uuid)`,
  );
  const row = result.rows[0];
  return row ? { listingId: row.listing_id, sellerOrganizationId: row.seller_org_id, callerIsBuyer: row.caller_is_buyer, completed: row.completed } : null;
}
