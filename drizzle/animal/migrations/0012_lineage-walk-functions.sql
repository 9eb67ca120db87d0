-- Custom SQL migration file, put your code below! --
-- Lineage walks for pedigrees and inbreeding. A pedigree or an inbreeding coefficient runs through
-- every organisation's animals, private ones included, so these run as the owner. They return only
-- ids and parent ids, never a name or any other detail: the service loads details of the animals
-- it shows through the caller's own queries, under RLS, and shows nothing for the rest.
-- Every walk is cycle-safe: UNION stops at rows already seen, and depth-limited walks stop at the limit.

-- The ancestry of each visible root up to `generations` back: every animal within generations-1
-- of a root, with its parents' ids (so the last generation is known by id only).
CREATE OR REPLACE FUNCTION studbook_api_pedigree_structure(roots uuid[], generations integer)
RETURNS TABLE (id uuid, sire_id uuid, dam_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH RECURSIVE walk(id, sire_id, dam_id, depth) AS (
    SELECT a.id, a.sire_id, a.dam_id, 0
    FROM public.animals a
    WHERE a.id = ANY (roots) AND public.studbook_current_tenant() IS NOT NULL
      AND (a.tenant_id = public.studbook_current_tenant() OR a.visibility = 'PUBLIC')
    UNION
    SELECT p.id, p.sire_id, p.dam_id, w.depth + 1
    FROM walk w
    CROSS JOIN LATERAL (VALUES (w.sire_id), (w.dam_id)) AS parent(id)
    JOIN public.animals p ON p.id = parent.id
    WHERE w.depth < least(generations, 30) - 1
  )
  SELECT DISTINCT w.id, w.sire_id, w.dam_id FROM walk w
$$;
--> statement-breakpoint
-- Every ancestor of the given visible animals (and the animals themselves), with parents' ids.
CREATE OR REPLACE FUNCTION studbook_api_ancestor_graph(subjects uuid[])
RETURNS TABLE (id uuid, sire_id uuid, dam_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH RECURSIVE walk(id, sire_id, dam_id) AS (
    SELECT a.id, a.sire_id, a.dam_id
    FROM public.animals a
    WHERE a.id = ANY (subjects) AND public.studbook_current_tenant() IS NOT NULL
      AND (a.tenant_id = public.studbook_current_tenant() OR a.visibility = 'PUBLIC')
    UNION
    SELECT p.id, p.sire_id, p.dam_id
    FROM walk w
    CROSS JOIN LATERAL (VALUES (w.sire_id), (w.dam_id)) AS parent(id)
    JOIN public.animals p ON p.id = parent.id
  )
  SELECT w.id, w.sire_id, w.dam_id FROM walk w
$$;
--> statement-breakpoint
-- What a lineage change to the caller's own animals `seeds` touches: the seeds and all their
-- descendants in any organisation (affected: their F and completeness change), plus every
-- ancestor of those (needed to compute them).
CREATE OR REPLACE FUNCTION studbook_api_lineage_closure(seeds uuid[])
RETURNS TABLE (id uuid, sire_id uuid, dam_id uuid, affected boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH RECURSIVE descendant(id) AS (
    SELECT a.id FROM public.animals a
    WHERE a.id = ANY (seeds) AND a.tenant_id = public.studbook_current_tenant()
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
  SELECT x.id, x.sire_id, x.dam_id, EXISTS (SELECT 1 FROM descendant d WHERE d.id = x.id)
  FROM ancestor x
$$;
--> statement-breakpoint
-- Stores F and completeness computed by the lineage engine for the animals it recomputed, in any
-- organisation (a change to one animal changes its descendants'). The tenant is the animal's;
-- unchanged values are not rewritten, so the audit log records only real changes.
CREATE OR REPLACE FUNCTION studbook_api_store_lineage_metrics(ids uuid[], inbreeding double precision[], completeness double precision[])
RETURNS integer
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH written AS (
    INSERT INTO public.lineage_metrics AS m (id, tenant_id, inbreeding, completeness5)
    SELECT a.id, a.tenant_id, given.f, given.c
    FROM unnest(ids, inbreeding, completeness) AS given(id, f, c)
    JOIN public.animals a ON a.id = given.id
    WHERE public.studbook_current_tenant() IS NOT NULL
    ON CONFLICT (id) DO UPDATE SET inbreeding = excluded.inbreeding, completeness5 = excluded.completeness5
      WHERE (m.inbreeding, m.completeness5) IS DISTINCT FROM (excluded.inbreeding, excluded.completeness5)
    RETURNING 1
  )
  SELECT count(*)::integer FROM written
$$;
--> statement-breakpoint
-- Animals recorded before lineage metrics existed, with their tenant, so the service can fill them in per tenant.
CREATE OR REPLACE FUNCTION studbook_api_animals_without_lineage_metrics(max_rows integer)
RETURNS TABLE (tenant_id uuid, id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT a.tenant_id, a.id FROM public.animals a
  WHERE NOT EXISTS (SELECT 1 FROM public.lineage_metrics m WHERE m.id = a.id)
  ORDER BY a.tenant_id
  LIMIT least(greatest(max_rows, 1), 1000000)
$$;
--> statement-breakpoint
-- An animal's lineage numbers are as visible as the animal: the subquery on animals runs under the
-- caller's RLS, so another organisation's public animal shows its F and a private one does not.
DROP POLICY IF EXISTS visible_animal_read ON lineage_metrics;
--> statement-breakpoint
CREATE POLICY visible_animal_read ON lineage_metrics FOR SELECT
  USING (studbook_current_tenant() IS NOT NULL AND EXISTS (SELECT 1 FROM animals a WHERE a.id = lineage_metrics.id));
