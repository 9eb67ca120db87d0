-- The contract between commerce's sale module and what reads sales without owning them (reviews,
-- market statistics): every sale's parties, listing, status and price, and when it completed. It is
-- the one place that knows the sales table's columns, so a change there is a change here only.
-- Not callable by the service role (no studbook_api_ prefix): it crosses organisations, and is read
-- only inside the owner-privileged helpers that answer the caller's own question
-- (studbook_api_sale_for_review) or aggregate (market_listings).
-- Until the sales table exists on this database no sale has completed, and this answers nothing.
CREATE OR REPLACE FUNCTION studbook_sale_facts()
RETURNS TABLE (sale_id uuid, listing_id uuid, buyer_org_id uuid, seller_org_id uuid, status text, price numeric, completed_at timestamptz)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF to_regclass('public.sales') IS NULL THEN
    RETURN;
  END IF;
  RETURN QUERY EXECUTE $q$
    SELECT s.id, s.listing_id, s.buyer_org_id, s.seller_org_id, s.status::text, s.price::numeric,
           CASE WHEN s.status::text = 'COMPLETED' THEN s.updated_at END
    FROM public.sales s
  $q$;
END $$;
