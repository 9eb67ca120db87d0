-- A buyer reserves a listing of another organisation: the one write a buyer makes to a seller's
-- listing (every tenant policy refuses it otherwise), so its rules are here, under the row lock:
--   * the caller is an organisation, and the listing one it may see (PUBLIC) of another organisation;
--   * the listing is on the market: ACTIVE and not past expires_at, or RESERVED by a reservation
--     that lapsed unaccepted (that sale is then stored EXPIRED, the state it already read as);
--   * two buyers at once: the second waits for the first's lock, then finds the listing RESERVED.
-- It writes the sale (tenant: the seller; buyer: the caller; the listing's price and currency as
-- agreed), marks the listing RESERVED until the reservation lapses, and writes listing.updated for
-- the search projection. outcome: OK with the sale's id, else NOT_FOUND, OWN_LISTING, or the
-- status the listing reads as (DRAFT, RESERVED, SOLD, WITHDRAWN, EXPIRED), and nothing is written.
CREATE OR REPLACE FUNCTION studbook_api_reserve_listing(listing uuid, hold_seconds integer)
RETURNS TABLE (outcome text, sale_id uuid)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  buyer uuid := public.studbook_current_tenant();
  l public.listings;
  reads_as text;
  sale uuid;
BEGIN
  IF buyer IS NULL THEN
    RAISE EXCEPTION 'a reservation is made by an organisation' USING ERRCODE = '42501';
  END IF;
  SELECT * INTO l FROM public.listings WHERE id = listing AND (visibility = 'PUBLIC' OR tenant_id = buyer) FOR UPDATE;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'NOT_FOUND', NULL::uuid;
    RETURN;
  END IF;
  IF l.tenant_id = buyer THEN
    RETURN QUERY SELECT 'OWN_LISTING', NULL::uuid;
    RETURN;
  END IF;
  reads_as := CASE
    WHEN l.status = 'RESERVED' AND l.reserved_until IS NOT NULL AND l.reserved_until <= now() THEN 'ACTIVE'
    ELSE l.status::text
  END;
  IF reads_as = 'ACTIVE' AND l.expires_at IS NOT NULL AND l.expires_at <= now() THEN
    reads_as := 'EXPIRED';
  END IF;
  IF reads_as <> 'ACTIVE' THEN
    RETURN QUERY SELECT reads_as, NULL::uuid;
    RETURN;
  END IF;
  UPDATE public.sales s SET state = 'EXPIRED', history = s.history || jsonb_build_array(jsonb_build_object('state', 'EXPIRED', 'at', s.expires_at)),
                            updated_at = now()
  WHERE s.listing_id = l.id AND s.state = 'RESERVED' AND s.expires_at <= now();
  INSERT INTO public.sales (tenant_id, buyer_organization_id, listing_id, animal_id, price, currency, state, expires_at, history)
  VALUES (l.tenant_id, buyer, l.id, l.animal_id, l.price, l.currency, 'RESERVED', now() + make_interval(secs => hold_seconds),
          jsonb_build_array(jsonb_build_object('state', 'RESERVED', 'at', now())))
  RETURNING id INTO sale;
  UPDATE public.listings SET status = 'RESERVED', reserved_until = now() + make_interval(secs => hold_seconds),
                             revision = revision + 1, updated_at = date_trunc('milliseconds', now())
  WHERE id = l.id;
  PERFORM public.studbook_listing_changed(l.id);
  RETURN QUERY SELECT 'OK', sale;
END $$;
