-- Runs as the view's owner (only an owner may refresh); CONCURRENTLY never blocks readers.
CREATE OR REPLACE FUNCTION studbook_api_refresh_market_stats() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  REFRESH MATERIALIZED VIEW CONCURRENTLY public.market_listings;
END $$;
