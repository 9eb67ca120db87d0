-- The listings of any organisation whose search row is missing or behind the listing's revision: ids
-- and tenants only, so the projector re-projects each under its own tenant, with RLS. It is how the
-- projection catches up on events it missed (pub/sub drops what is sent while a consumer is away) and
-- how `npm run search:rebuild` refills it from nothing.
-- `changed_since` bounds the scan to listings written since then (their updated_at, indexed): the
-- periodic pass looks at the last minutes only; a pass from '-infinity' looks at everything.
CREATE OR REPLACE FUNCTION studbook_api_stale_search_listings(max_rows integer, changed_since timestamptz)
RETURNS TABLE (listing_id uuid, tenant_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT l.id, l.tenant_id
  FROM public.listings l
  LEFT JOIN public.listing_search s ON s.id = l.id
  WHERE l.updated_at >= changed_since AND (s.id IS NULL OR s.revision < l.revision)
  -- By tenant first: a batch is then one or two tenants' transactions, not one per organisation.
  ORDER BY l.tenant_id, l.id
  LIMIT max_rows
$$;
