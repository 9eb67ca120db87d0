-- The contract between commerce's sale module and what reads sales without owning them (reviews,
-- market statistics): every sale's parties, listing, state and price, and when it completed (only
-- a COMPLETED sale has a completion time: one whose transfer is pending or failed counts nowhere).
-- It is the one place outside the sale module that knows the sales table's columns.
-- Read only inside the owner-privileged helpers that answer the caller's own question
-- (studbook_api_sale_for_review) or aggregate (studbook_api_market_stats), with their rights. It is
-- not SECURITY DEFINER and sets nothing, so that PostgreSQL inlines it into them: their conditions
-- (one sale's id) reach the sales table's indexes instead of filtering every sale ever made. Not
-- callable by the service role (no studbook_api_ prefix), which would see only its own sales anyway.
CREATE OR REPLACE FUNCTION studbook_sale_facts()
RETURNS TABLE (sale_id uuid, listing_id uuid, buyer_org_id uuid, seller_org_id uuid, status text, price numeric, completed_at timestamptz)
LANGUAGE sql STABLE AS $$
  SELECT s.id, s.listing_id, s.buyer_organization_id, s.tenant_id, s.state::text, s.price::numeric,
         CASE WHEN s.state = 'COMPLETED' THEN s.completed_at END
  FROM public.sales s
$$;
