-- Removes the lineage_metrics rows of animals that no longer have any recorded parent (their parents
-- were cleared): a parentless animal has F = 0 and completeness 0 by definition and keeps no row.
CREATE OR REPLACE FUNCTION studbook_api_clear_lineage_metrics(ids uuid[]) RETURNS integer
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH cleared AS (
    DELETE FROM public.lineage_metrics m
    USING public.animals a
    WHERE m.id = a.id AND a.id = ANY (ids) AND a.sire_id IS NULL AND a.dam_id IS NULL
      AND public.studbook_current_tenant() IS NOT NULL
    RETURNING 1
  )
  SELECT count(*)::integer FROM cleared
$$;
