-- One sale as a party to it sees it for a review: the listing, the seller, whether the caller's
-- organisation is its buyer and whether it has completed. Nothing when the caller is neither its
-- buyer nor its seller, so a stranger cannot learn that a sale exists.
-- PL/pgSQL, so that its body is bound at the first call, after every definitions file has run.
CREATE OR REPLACE FUNCTION studbook_api_sale_for_review(for_sale_id uuid)
RETURNS TABLE (listing_id uuid, seller_org_id uuid, caller_is_buyer boolean, completed boolean)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  RETURN QUERY
  SELECT f.listing_id, f.seller_org_id, f.buyer_org_id = public.studbook_current_tenant(), f.status = 'COMPLETED'
  FROM public.studbook_sale_facts() f
  WHERE f.sale_id = for_sale_id
    AND public.studbook_current_tenant() IS NOT NULL
    AND public.studbook_current_tenant() IN (f.buyer_org_id, f.seller_org_id);
END $$;
