-- Other organisations' LINEAGE ("lineage only") animals among `ids` that the caller may see named:
-- those reached from an animal the caller can see (its own or a public one, in `descendants`) by
-- walking up through parents the caller can see or that are themselves LINEAGE. A private parent
-- ends the line, as it does in a pedigree, so a lineage-only animal is never named through a
-- hidden one. Only what naming needs is returned: name, sex, species and parents' ids (which the
-- service resolves under the same rule); RLS keeps every other read of such an animal its owner's.
CREATE OR REPLACE FUNCTION studbook_api_lineage_named(descendants uuid[], ids uuid[])
RETURNS TABLE (id uuid, name text, sex sex, species_id text, sire_id uuid, dam_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH RECURSIVE walk(id, sire_id, dam_id) AS (
    SELECT a.id, a.sire_id, a.dam_id
    FROM public.animals a
    WHERE a.id = ANY (descendants) AND public.studbook_current_tenant() IS NOT NULL
      AND (a.tenant_id = public.studbook_current_tenant() OR a.visibility = 'PUBLIC'
           OR public.studbook_api_access_granted(a.tenant_id, a.id, a.species_id))
    UNION
    SELECT p.id, p.sire_id, p.dam_id
    FROM walk w
    CROSS JOIN LATERAL (VALUES (w.sire_id), (w.dam_id)) AS parent(id)
    JOIN public.animals p ON p.id = parent.id
    WHERE p.tenant_id = public.studbook_current_tenant() OR p.visibility IN ('PUBLIC', 'LINEAGE')
  )
  SELECT DISTINCT a.id, a.name, a.sex, a.species_id, a.sire_id, a.dam_id
  FROM walk w
  JOIN public.animals a ON a.id = w.id
  WHERE a.id = ANY (ids) AND a.visibility = 'LINEAGE' AND a.tenant_id <> public.studbook_current_tenant()
$$;
