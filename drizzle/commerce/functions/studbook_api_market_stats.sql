-- Per month (UTC) and currency, for one species and every listing whose animal had all of
-- `with_genes` (one or two copies; empty: every listing of the species), since `since_month`: how
-- many listings went on the market and their median asking price, how many of them were sold and
-- the median sold price (by the month the sale completed). Aggregates only, across organisations,
-- for any signed-in caller; nothing with no tenant set. A median of fewer than three prices is
-- null, so no single price (a sale's is private to its buyer and seller) can be read from it.
CREATE OR REPLACE FUNCTION studbook_api_market_stats(for_species text, with_genes text[], since_month date)
RETURNS TABLE (month date, currency text, listing_count integer, median_asking_price numeric, sale_count integer, median_sold_price numeric)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
  min_prices CONSTANT integer := 3;
BEGIN
  IF public.studbook_current_tenant() IS NULL THEN
    RETURN;
  END IF;
  RETURN QUERY
  WITH matching AS (
    SELECT m.listing_id, m.currency, m.listed_month, m.asking_price
    FROM public.market_listings m
    WHERE m.species_name = for_species AND m.genes @> with_genes
  ),
  asked AS (
    SELECT m.listed_month AS month, m.currency, count(*)::integer AS n,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY m.asking_price::double precision) AS median
    FROM matching m WHERE m.listed_month >= since_month GROUP BY 1, 2
  ),
  sold AS (
    SELECT date_trunc('month', f.completed_at AT TIME ZONE 'UTC')::date AS month, m.currency, count(*)::integer AS n,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY f.price::double precision) AS median
    FROM matching m JOIN public.studbook_sale_facts() f ON f.listing_id = m.listing_id AND f.status = 'COMPLETED'
    WHERE f.completed_at >= since_month GROUP BY 1, 2
  )
  SELECT coalesce(a.month, s.month), coalesce(a.currency, s.currency),
         coalesce(a.n, 0), CASE WHEN a.n >= min_prices THEN round(a.median::numeric, 2) END,
         coalesce(s.n, 0), CASE WHEN s.n >= min_prices THEN round(s.median::numeric, 2) END
  FROM asked a FULL JOIN sold s ON s.month = a.month AND s.currency = a.currency
  ORDER BY 1, 2;
END $$;
