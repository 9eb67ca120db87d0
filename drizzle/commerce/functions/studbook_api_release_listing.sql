-- Puts a sale's listing back on the market (ACTIVE) once the sale has ended before completion
-- (DECLINED, CANCELLED or EXPIRED, written by the caller in this transaction): a buyer who cancels
-- changes the seller's listing, which every tenant policy refuses otherwise. Acts only when the
-- caller is one of the sale's two organisations and the listing is RESERVED with no other sale
-- holding it; returns whether it did, and then writes listing.updated for the search projection.
CREATE OR REPLACE FUNCTION studbook_api_release_listing(sale uuid)
RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  caller uuid := public.studbook_current_tenant();
  s public.sales;
BEGIN
  SELECT * INTO s FROM public.sales WHERE id = sale AND caller IN (tenant_id, buyer_organization_id) AND state IN ('DECLINED', 'CANCELLED', 'EXPIRED');
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  PERFORM 1 FROM public.listings WHERE id = s.listing_id FOR UPDATE;
  UPDATE public.listings l SET status = 'ACTIVE', reserved_until = NULL, revision = l.revision + 1, updated_at = date_trunc('milliseconds', now())
  WHERE l.id = s.listing_id AND l.status = 'RESERVED'
    AND NOT EXISTS (SELECT 1 FROM public.sales o WHERE o.listing_id = l.id AND o.id <> s.id AND o.state IN ('RESERVED', 'ACCEPTED', 'TRANSFER_PENDING', 'COMPLETED'));
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  PERFORM public.studbook_listing_changed(s.listing_id);
  RETURN true;
END $$;
