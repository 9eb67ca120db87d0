-- Runs as the view's owner (only an owner may refresh). Concurrent calls queue on the view's lock;
-- CONCURRENTLY (it needs breeding_stats_pairing) never blocks readers.
CREATE OR REPLACE FUNCTION studbook_api_refresh_breeding_stats() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  REFRESH MATERIALIZED VIEW CONCURRENTLY public.breeding_stats;
END $$;
