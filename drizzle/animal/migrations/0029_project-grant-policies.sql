-- Grants let project members read another organisation's animals (docs/research-projects.md). The
-- policy asks studbook_api_access_by_grant, and the walks studbook_api_access_granted (their current
-- bodies are in functions/; created here first because the policy and the walks' files, applied in
-- name order after the migrations, name them).
CREATE OR REPLACE FUNCTION studbook_api_access_by_grant()
RETURNS TABLE (grant_id uuid, project_id uuid, tenant_id uuid, animal_ids uuid[], species_id text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT g.id, g.project_id, g.tenant_id, g.animal_ids, g.species_id
  FROM public.project_members m
  JOIN public.project_grants g ON g.project_id = m.project_id AND g.revoked_at IS NULL
  WHERE m.user_id = nullif(current_setting('app.current_user_id', true), '')::uuid AND m.present
    AND public.studbook_current_tenant() IS NOT NULL
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION studbook_api_access_granted(animal_tenant uuid, animal_id uuid, animal_species text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (
    SELECT 1 FROM public.studbook_api_access_by_grant() g
    WHERE g.tenant_id = animal_tenant AND (animal_id = ANY (g.animal_ids) OR g.species_id = animal_species)
  )
$$;--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION studbook_api_access_by_grant(), studbook_api_access_granted(uuid, uuid, text) FROM PUBLIC;--> statement-breakpoint
DROP POLICY IF EXISTS project_grant_read ON animals;--> statement-breakpoint
CREATE POLICY project_grant_read ON animals FOR SELECT USING (
  EXISTS (SELECT 1 FROM studbook_api_access_by_grant() g
          WHERE g.tenant_id = animals.tenant_id AND (animals.id = ANY (g.animal_ids) OR g.species_id = animals.species_id))
);
