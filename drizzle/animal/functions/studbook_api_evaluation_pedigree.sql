-- The pedigree of a genetic evaluation: the caller's own animals of a species, the other visible
-- animals among `subjects` (those with records in the evaluation: public ones, and private ones
-- shared with the calling user through a project grant), and every ancestor of them.
-- Runs as the owner across organisations, like the inbreeding walk, because other organisations'
-- private ancestors take part in A⁻¹; it returns `visible` so the service can replace what the caller
-- may not see by pseudonyms, and gives sex and birth date of visible animals only. UNION stops at rows
-- already seen, so a corrupt loop cannot make it endless.
CREATE OR REPLACE FUNCTION studbook_api_evaluation_pedigree(species text, subjects uuid[])
RETURNS TABLE (id uuid, sire_id uuid, dam_id uuid, sex text, birth_date date, visible boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH RECURSIVE walk(id, sire_id, dam_id) AS (
    SELECT a.id, a.sire_id, a.dam_id
    FROM public.animals a
    WHERE public.studbook_current_tenant() IS NOT NULL AND a.species_id = species
      AND (a.tenant_id = public.studbook_current_tenant()
           OR (a.id = ANY (subjects) AND (a.visibility = 'PUBLIC' OR public.studbook_api_access_granted(a.tenant_id, a.id, a.species_id))))
    UNION
    SELECT p.id, p.sire_id, p.dam_id
    FROM walk w
    CROSS JOIN LATERAL (VALUES (w.sire_id), (w.dam_id)) AS parent(id)
    JOIN public.animals p ON p.id = parent.id
  )
  SELECT w.id, w.sire_id, w.dam_id,
         CASE WHEN v.visible THEN a.sex::text END,
         CASE WHEN v.visible THEN a.hatch_date END,
         v.visible
  FROM walk w
  JOIN public.animals a ON a.id = w.id
  CROSS JOIN LATERAL (
    SELECT a.tenant_id = public.studbook_current_tenant() OR a.visibility = 'PUBLIC'
           OR public.studbook_api_access_granted(a.tenant_id, a.id, a.species_id) AS visible
  ) v
$$;
