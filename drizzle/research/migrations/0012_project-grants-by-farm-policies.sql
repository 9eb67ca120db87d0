-- Farm and group grants (docs/research-projects.md): studbook_api_access_by_grant also returns the
-- grant's farm, and a farm grant covers the animals of its set (project_grant_animals) rather than
-- every animal of its species. The function's result changes shape, so the policy that names it is
-- dropped and made again; the current bodies are in functions/.
DROP POLICY IF EXISTS project_grant_read ON measurements;--> statement-breakpoint
DROP FUNCTION IF EXISTS studbook_api_access_by_grant();--> statement-breakpoint
CREATE FUNCTION studbook_api_access_by_grant()
RETURNS TABLE (grant_id uuid, project_id uuid, tenant_id uuid, animal_ids uuid[], species_id text, farm_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT g.id, g.project_id, g.tenant_id, g.animal_ids, g.species_id, g.farm_id
  FROM public.project_members m
  JOIN public.project_grants g ON g.project_id = m.project_id AND g.revoked_at IS NULL
  WHERE m.user_id = nullif(current_setting('app.current_user_id', true), '')::uuid
    AND public.studbook_current_tenant() IS NOT NULL
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION studbook_api_access_by_grant_covers(grant_id uuid, animal_id uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM public.project_grant_animals ga WHERE ga.grant_id = $1 AND ga.animal_id = $2)
$$;--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION studbook_api_access_by_grant(), studbook_api_access_by_grant_covers(uuid, uuid) FROM PUBLIC;--> statement-breakpoint
CREATE POLICY project_grant_read ON measurements FOR SELECT USING (
  EXISTS (SELECT 1 FROM studbook_api_access_by_grant() g
          WHERE g.tenant_id = measurements.tenant_id
            AND (measurements.animal_id = ANY (g.animal_ids)
                 OR (g.farm_id IS NULL AND g.species_id = measurements.species_id)
                 OR (g.farm_id IS NOT NULL AND (g.species_id IS NULL OR g.species_id = measurements.species_id)
                     AND studbook_api_access_by_grant_covers(g.grant_id, measurements.animal_id))))
);
