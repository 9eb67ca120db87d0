-- Custom SQL migration file, put your code below! ---- A herdbook import no longer takes the global lineage lock: its new rows get fresh ids that nothing
-- outside the file names, so they cannot close a loop with existing animals. What it must hold still
-- while it checks and recomputes F are the existing animals it names as parents and everything above
-- them: no parent deleted, no sex or hatch date changed, no ancestor given new parents (that write's
-- F recompute could not see the import's uncommitted offspring). This locks exactly those rows
-- FOR SHARE until the caller's transaction ends; a lineage write to one of them waits for the import.
-- Seeds must be the caller tenant's animals; the ancestors may be anyone's. Returns a count only.
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
