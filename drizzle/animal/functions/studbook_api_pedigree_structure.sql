-- The ancestry of each visible root up to `generations` back: every animal within generations-1
-- of a root, with its parents' ids (so the last generation is known by id only). A pedigree runs
-- through every organisation's animals, so this runs as the owner and returns ids only; the service
-- loads the details it shows under RLS. UNION and the depth limit keep the walk finite.
CREATE OR REPLACE FUNCTION studbook_api_pedigree_structure(roots uuid[], generations integer)
RETURNS TABLE (id uuid, sire_id uuid, dam_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH RECURSIVE walk(id, sire_id, dam_id, depth) AS (
    SELECT a.id, a.sire_id, a.dam_id, 0
    FROM public.animals a
    WHERE a.id = ANY (roots) AND public.studbook_current_tenant() IS NOT NULL
      AND (a.tenant_id = public.studbook_current_tenant() OR a.visibility = 'PUBLIC'
           OR public.studbook_api_access_granted(a.tenant_id, a.id, a.species_id))
    UNION
    SELECT p.id, p.sire_id, p.dam_id, w.depth + 1
    FROM walk w
    CROSS JOIN LATERAL (VALUES (w.sire_id), (w.dam_id)) AS parent(id)
    JOIN public.animals p ON p.id = parent.id
    WHERE w.depth < least(generations, 30) - 1
  )
  SELECT DISTINCT w.id, w.sire_id, w.dam_id FROM walk w
$$;
