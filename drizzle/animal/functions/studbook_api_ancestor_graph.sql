-- Every ancestor of the given visible animals (and the animals themselves), with parents' ids, for
-- inbreeding coefficients. Runs as the owner across organisations and returns ids only; UNION stops
-- at rows already seen, so a corrupt loop cannot make it endless.
CREATE OR REPLACE FUNCTION studbook_api_ancestor_graph(subjects uuid[])
RETURNS TABLE (id uuid, sire_id uuid, dam_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH RECURSIVE walk(id, sire_id, dam_id) AS (
    SELECT a.id, a.sire_id, a.dam_id
    FROM public.animals a
    WHERE a.id = ANY (subjects) AND public.studbook_current_tenant() IS NOT NULL
      AND (a.tenant_id = public.studbook_current_tenant() OR a.visibility = 'PUBLIC'
           OR public.studbook_api_access_granted(a.tenant_id, a.id, a.species_id))
    UNION
    SELECT p.id, p.sire_id, p.dam_id
    FROM walk w
    CROSS JOIN LATERAL (VALUES (w.sire_id), (w.dam_id)) AS parent(id)
    JOIN public.animals p ON p.id = parent.id
  )
  SELECT w.id, w.sire_id, w.dam_id FROM walk w
$$;
