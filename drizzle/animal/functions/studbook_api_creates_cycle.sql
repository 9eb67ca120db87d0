-- Would making parent_id a parent of animal_id close a loop? The walk must see every organisation's
-- descendants (a loop can run through another tenant's private rows), so it runs as the owner and
-- answers only about an animal of the caller's own tenant, only with a boolean. Each descendant is
-- kept once (UNION over id alone), which is finite without a depth cap even on corrupt data, and
-- offspring are found by two index lookups per animal rather than an OR join.
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
