-- Custom SQL migration file, put your code below! ---- studbook_api_creates_cycle (0004) kept each descendant once per depth (UNION over id and depth):
-- an animal reachable along paths of many lengths was walked again for every length, and the
-- depth cap of 1000 that kept it finite on corrupt data also missed a loop through a longer line.
-- Each descendant is now kept once (UNION over id alone), which is finite without a cap, and the
-- offspring are found by two index lookups per animal (as in 0015) instead of an OR join.
CREATE OR REPLACE FUNCTION studbook_api_creates_cycle(animal_id uuid, parent_id uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH RECURSIVE descendant(id) AS (
    SELECT a.id FROM public.animals a
    WHERE a.id = animal_id AND a.tenant_id = public.studbook_current_tenant()
    UNION
    SELECT child.id
    FROM descendant d
    CROSS JOIN LATERAL (
      SELECT o.id FROM public.animals o WHERE o.sire_id = d.id
      UNION ALL
      SELECT o.id FROM public.animals o WHERE o.dam_id = d.id
    ) AS child
  )
  SELECT EXISTS (SELECT 1 FROM descendant WHERE id = parent_id)
$$;
