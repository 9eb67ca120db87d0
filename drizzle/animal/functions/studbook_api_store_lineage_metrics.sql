-- Stores F and completeness computed by the lineage engine. It takes the caller's changed animals
-- (seeds, which must be the caller tenant's) and writes only rows of their descendants, seeds
-- included: exactly the animals whose F a lineage change of the caller can move, in any
-- organisation. Values outside [0, 1] are ignored; unchanged values are not rewritten, so the
-- audit log records only real changes. Each real change of a PUBLIC animal is announced as
-- animal.lineageMetricsChanged, written to the outbox under the animal's owner (its aggregate, its
-- next version), so commerce's listings and search follow F and completeness; a private animal's
-- F is its owner's alone and is not announced.
CREATE OR REPLACE FUNCTION studbook_api_store_lineage_metrics(seeds uuid[], ids uuid[], inbreeding double precision[], completeness double precision[])
RETURNS integer
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
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
  written AS (
    INSERT INTO public.lineage_metrics AS m (id, tenant_id, inbreeding, completeness5)
    SELECT a.id, a.tenant_id, given.f, given.c
    FROM unnest(ids, inbreeding, completeness) AS given(id, f, c)
    JOIN descendant d ON d.id = given.id
    JOIN public.animals a ON a.id = given.id
    WHERE given.f BETWEEN 0 AND 1 AND given.c BETWEEN 0 AND 1
    ON CONFLICT (id) DO UPDATE SET inbreeding = excluded.inbreeding, completeness5 = excluded.completeness5
      WHERE (m.inbreeding, m.completeness5) IS DISTINCT FROM (excluded.inbreeding, excluded.completeness5)
    RETURNING m.id, m.tenant_id, m.inbreeding, m.completeness5
  ),
  announced AS (
    INSERT INTO public.outbox (tenant_id, aggregate_type, aggregate_id, version, event_type, payload)
    SELECT w.tenant_id, 'animal', w.id::text,
           (SELECT coalesce(max(o.version), 0) + 1 FROM public.outbox o WHERE o.aggregate_type = 'animal' AND o.aggregate_id = w.id::text),
           'animal.lineageMetricsChanged', jsonb_build_object('id', w.id, 'inbreeding', w.inbreeding, 'completeness', w.completeness5)
    FROM written w JOIN public.animals a ON a.id = w.id
    WHERE a.visibility = 'PUBLIC'
    RETURNING 1
  )
  SELECT count(*)::integer FROM written
$$;
