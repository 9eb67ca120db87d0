-- Removes the lineage_metrics rows of animals that no longer have any recorded parent (their parents
-- were cleared): a parentless animal has F = 0 and completeness 0 by definition and keeps no row.
-- A PUBLIC animal's change is announced as animal.lineageMetricsChanged under its owner, as
-- studbook_api_store_lineage_metrics announces its changes.
CREATE OR REPLACE FUNCTION studbook_api_clear_lineage_metrics(ids uuid[]) RETURNS integer
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH cleared AS (
    DELETE FROM public.lineage_metrics m
    USING public.animals a
    WHERE m.id = a.id AND a.id = ANY (ids) AND a.sire_id IS NULL AND a.dam_id IS NULL
      AND public.studbook_current_tenant() IS NOT NULL
    RETURNING m.id, m.tenant_id, m.inbreeding, m.completeness5, a.visibility
  ),
  announced AS (
    INSERT INTO public.outbox (tenant_id, aggregate_type, aggregate_id, version, event_type, payload)
    SELECT c.tenant_id, 'animal', c.id::text,
           (SELECT coalesce(max(o.version), 0) + 1 FROM public.outbox o WHERE o.aggregate_type = 'animal' AND o.aggregate_id = c.id::text),
           'animal.lineageMetricsChanged', jsonb_build_object('id', c.id, 'inbreeding', 0, 'completeness', 0)
    FROM cleared c
    WHERE c.visibility = 'PUBLIC' AND (c.inbreeding, c.completeness5) IS DISTINCT FROM (0::double precision, 0::double precision)
    RETURNING 1
  )
  SELECT count(*)::integer FROM cleared
$$;
