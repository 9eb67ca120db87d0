import { sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Tx } from '@studbook/platform';

export interface MarketMonthRow {
  /** YYYY-MM, UTC. */
  month: string;
  currency: string;
  listingCount: number;
  medianAskingPrice: number | null;
  saleCount: number;
  medianSoldPrice: number | null;
}

/**
 * Aggregates of market_listings and completed sales for one species and gene combination. The view
 * has no RLS, so the service role reads it only through this owner-privileged function, which
 * answers aggregates only and withholds a median of fewer than three prices.
 */
export async function findMarketMonths(tx: Tx, species: string, genes: readonly string[], sinceMonth: string): Promise<MarketMonthRow[]> {
  const result = await tx.execute<Record<string, unknown>>(sql`
    select to_char(month, 'YYYY-MM') as month, currency, listing_count, median_asking_price, sale_count, median_sold_price
    from studbook_api_market_stats(${species}, ${sql.param([...genes])}::text[], ${sinceMonth}::date)`);
  const price = (value: unknown) => (value == null ? null : Number(value));
  return result.rows.map((row) => ({
    month: String(row.month),
    currency: String(row.currency),
    listingCount: Number(row.listing_count),
    medianAskingPrice: price(row.median_asking_price),
    saleCount: Number(row.sale_count),
    medianSoldPrice: price(row.median_sold_price),
  }));
}

/** Recomputes market_listings for every organisation (the function runs as the view's owner). */
export async function refreshMarketListings(pool: pg.Pool): Promise<void> {
  await pool.query('select studbook_api_refresh_market_stats() /* refresh market stats */');
}
