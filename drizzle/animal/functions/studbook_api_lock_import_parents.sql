-- A herdbook import must hold still the existing animals it names as parents and everything above
-- them while it checks and recomputes F (no parent deleted, no sex or hatch date changed, no
-- ancestor given new parents), without the global lineage lock. This locks exactly those rows FOR
-- SHARE until the caller's transaction ends. Seeds must be the caller tenant's animals; the
-- ancestors may be anyone's. Returns a count only.
CREATE OR REPLACE FUNCTION studbook_api_lock_import_parents(seeds uuid[]) RETURNS integer
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH RECURSIVE ancestor(id) AS (
    SELECT a.id FROM unnest(seeds) AS seed(id) JOIN public.animals a ON a.id = seed.id
    WHERE a.tenant_id = public.studbook_current_tenant()
    UNION
    SELECT parent.id
    FROM ancestor x
    JOIN public.animals a ON a.id = x.id
    CROSS JOIN LATERAL (VALUES (a.sire_id), (a.dam_id)) AS parent(id)
    WHERE parent.id IS NOT NULL
  ),
  locked AS (
    SELECT a.id FROM public.animals a WHERE a.id IN (SELECT id FROM ancestor) FOR SHARE
  )
  SELECT count(*)::integer FROM locked
$$;
