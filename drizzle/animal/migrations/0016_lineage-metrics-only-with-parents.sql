-- Custom SQL migration file, put your code below! --
-- An animal with no recorded parent has F = 0 and completeness 0 by definition, so it keeps no
-- lineage_metrics row: a parentless animal costs no write (nor audit row) when it is created or
-- imported, and a row that exists always describes a recorded lineage.

-- Removes the rows of animals that no longer have any recorded parent (their parents were cleared).
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
--> statement-breakpoint
-- Animals with a recorded parent but no metrics yet (recorded before they existed), with their tenant.
CREATE OR REPLACE FUNCTION studbook_api_animals_without_lineage_metrics(max_rows integer)
RETURNS TABLE (tenant_id uuid, id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT a.tenant_id, a.id FROM public.animals a
  WHERE (a.sire_id IS NOT NULL OR a.dam_id IS NOT NULL)
    AND NOT EXISTS (SELECT 1 FROM public.lineage_metrics m WHERE m.id = a.id)
  ORDER BY a.tenant_id
  LIMIT least(greatest(max_rows, 1), 1000000)
$$;
--> statement-breakpoint
DELETE FROM lineage_metrics m USING animals a WHERE m.id = a.id AND a.sire_id IS NULL AND a.dam_id IS NULL;
