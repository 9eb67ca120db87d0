-- Writes a listing.updated event for a listing whose status a buyer changed (a reservation took it
-- off the market, or its end put it back): the event goes under the listing's own organisation,
-- counted on from that listing's last version, as appendEvent would write it for the seller. Only
-- the reservation functions call it; not callable by the service role (its name is not studbook_api_*).
-- The payload is the listing.updated contract's (packages/contracts/src/events/catalog.ts).
CREATE OR REPLACE FUNCTION studbook_listing_changed(listing uuid) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  INSERT INTO public.outbox (tenant_id, aggregate_type, aggregate_id, version, event_type, payload)
  SELECT l.tenant_id, 'listing', l.id::text,
         coalesce((SELECT max(o.version) FROM public.outbox o WHERE o.aggregate_type = 'listing' AND o.aggregate_id = l.id::text), 0) + 1,
         'listing.updated',
         jsonb_build_object('id', l.id, 'animalId', l.animal_id, 'price', l.price::float8, 'currency', l.currency, 'status', l.status,
                            'revision', l.revision, 'changed', jsonb_build_array('status'))
  FROM public.listings l WHERE l.id = listing
$$;
