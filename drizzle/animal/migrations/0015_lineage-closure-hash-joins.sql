-- Custom SQL migration file, put your code below! --
-- studbook_api_lineage_closure, reshaped so it stays linear for a 100,000-animal import: the seeds
-- are joined from unnest (not matched with = ANY), and "affected" comes from a join with the
-- descendants instead of an EXISTS per row, which the planner could run as a scan of the whole
-- descendant set for every ancestor (quadratic). Same result as in 0012.
CREATE OR REPLACE FUNCTION studbook_api_lineage_closure(seeds uuid[])
RETURNS TABLE (id uuid, sire_id uuid, dam_id uuid, affected boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH RECURSIVE descendant(id) AS (
    SELECT a.id FROM unnest(seeds) AS seed(id) JOIN public.animals a ON a.id = seed.id
    WHERE a.tenant_id = public.studbook_current_tenant()
    UNION
    SELECT child.id
    FROM descendant d
    CROSS JOIN LATERAL (
      SELECT o.id FROM public.animals o WHERE o.sire_id = d.id
      UNION ALL
      SELECT o.id FROM public.animals o WHERE o.dam_id = d.id
    ) AS child
  ),
  ancestor(id, sire_id, dam_id) AS (
    SELECT a.id, a.sire_id, a.dam_id FROM descendant d JOIN public.animals a ON a.id = d.id
    UNION
    SELECT p.id, p.sire_id, p.dam_id
    FROM ancestor x
    CROSS JOIN LATERAL (VALUES (x.sire_id), (x.dam_id)) AS parent(id)
    JOIN public.animals p ON p.id = parent.id
  )
  SELECT x.id, x.sire_id, x.dam_id, d.id IS NOT NULL
  FROM ancestor x LEFT JOIN descendant d ON d.id = x.id
$$;
