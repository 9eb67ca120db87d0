-- Projects are read by their members of any organisation, and measurements through the grants of
-- the projects the caller is a member of (docs/research-projects.md). The policies ask these two
-- functions (their current bodies are in functions/), created here first because functions are
-- applied after migrations. Project search needs unaccent ("Merino" finds "Mérino"), in a schema of
-- its own as in commerce: tenancy.sql revokes EXECUTE on every function of public from PUBLIC.
CREATE SCHEMA IF NOT EXISTS extensions;--> statement-breakpoint
GRANT USAGE ON SCHEMA extensions TO PUBLIC;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA extensions;--> statement-breakpoint
CREATE OR REPLACE FUNCTION studbook_api_project_role(project uuid) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT m.role::text FROM public.project_members m
  WHERE m.project_id = project AND m.user_id = nullif(current_setting('app.current_user_id', true), '')::uuid
    AND public.studbook_current_tenant() IS NOT NULL
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION studbook_api_access_by_grant()
RETURNS TABLE (grant_id uuid, project_id uuid, tenant_id uuid, animal_ids uuid[], species_id text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT g.id, g.project_id, g.tenant_id, g.animal_ids, g.species_id
  FROM public.project_members m
  JOIN public.project_grants g ON g.project_id = m.project_id AND g.revoked_at IS NULL
  WHERE m.user_id = nullif(current_setting('app.current_user_id', true), '')::uuid
    AND public.studbook_current_tenant() IS NOT NULL
$$;--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION studbook_api_project_role(uuid), studbook_api_access_by_grant() FROM PUBLIC;--> statement-breakpoint
CREATE POLICY project_member_read ON research_projects FOR SELECT USING (studbook_api_project_role(id) IS NOT NULL);--> statement-breakpoint
CREATE POLICY project_member_read ON project_members FOR SELECT USING (studbook_api_project_role(project_id) IS NOT NULL);--> statement-breakpoint
CREATE POLICY project_member_read ON project_findings FOR SELECT USING (studbook_api_project_role(project_id) IS NOT NULL);--> statement-breakpoint
CREATE POLICY project_member_read ON project_publications FOR SELECT USING (studbook_api_project_role(project_id) IS NOT NULL);--> statement-breakpoint
CREATE POLICY project_member_read ON project_grants FOR SELECT USING (studbook_api_project_role(project_id) IS NOT NULL);--> statement-breakpoint
CREATE POLICY project_grant_read ON measurements FOR SELECT USING (
  EXISTS (SELECT 1 FROM studbook_api_access_by_grant() g
          WHERE g.tenant_id = measurements.tenant_id AND (measurements.animal_id = ANY (g.animal_ids) OR g.species_id = measurements.species_id))
);
