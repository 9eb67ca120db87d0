-- marketStats: every listing that went on the market (published) as a PUBLIC advert, with what
-- statistics group and filter by: species, currency, the genes it was listed with (one or two
-- copies), the month it was published (UTC) and its asking price. Sold prices are joined at read
-- time from studbook_sale_facts(), the sale module's contract (studbook_api_market_stats).
-- Refreshed by commerce after listing events (modules/market-stats/). A materialized view has no
-- RLS: the service role has no access to it and reads only aggregates through
-- studbook_api_market_stats, which never shows a median of fewer than three prices.
--
-- Created under a scratch name and swapped in only when its definition changed (as breeding_stats).
DROP MATERIALIZED VIEW IF EXISTS market_listings_next;

CREATE MATERIALIZED VIEW market_listings_next AS
SELECT l.id AS listing_id,
       l.species_name,
       l.currency::text AS currency,
       l.genes_one || l.genes_two AS genes,
       date_trunc('month', l.published_at AT TIME ZONE 'UTC')::date AS listed_month,
       l.price AS asking_price
FROM public.listings l
WHERE l.published_at IS NOT NULL AND l.visibility = 'PUBLIC' AND l.species_name IS NOT NULL
WITH NO DATA;

DO $$
BEGIN
  -- Nested, not AND: the cast of a missing view's name would fail however the AND is ordered.
  IF to_regclass('public.market_listings') IS NOT NULL THEN
    IF pg_get_viewdef(to_regclass('public.market_listings')) = pg_get_viewdef(to_regclass('public.market_listings_next')) THEN
      DROP MATERIALIZED VIEW public.market_listings_next;
      RETURN;
    END IF;
  END IF;
  DROP MATERIALIZED VIEW IF EXISTS public.market_listings;
  ALTER MATERIALIZED VIEW public.market_listings_next RENAME TO market_listings;
  REFRESH MATERIALIZED VIEW public.market_listings;
  -- CONCURRENTLY needs a unique index; readers are never blocked by a refresh.
  CREATE UNIQUE INDEX market_listings_listing ON public.market_listings (listing_id);
  CREATE INDEX market_listings_species_genes ON public.market_listings USING gin (genes);
  CREATE INDEX market_listings_species_month ON public.market_listings (species_name, listed_month);
  REVOKE ALL ON public.market_listings FROM PUBLIC;
END $$;
