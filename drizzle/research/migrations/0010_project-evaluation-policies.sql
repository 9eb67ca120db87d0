-- Evaluations scoped to a research project (docs/research-projects.md). A PROJECT run and its
-- breeding values belong to the project's owning organisation (tenant_id) and carry project_id.
-- Only the project's members read them, whatever their organisation; a RESTRICTIVE policy keeps
-- them from the owner's other members too, since they are computed from other organisations'
-- shared records. A LEAD or ANALYST of any organisation starts one (the runner then writes its
-- progress and results as that member); a row of a project must name the project's owner as tenant.
CREATE POLICY project_member_read ON evaluation_runs FOR SELECT USING (project_id IS NOT NULL AND studbook_api_project_role(project_id) IS NOT NULL);--> statement-breakpoint
CREATE POLICY project_analyst_insert ON evaluation_runs FOR INSERT WITH CHECK (
  project_id IS NOT NULL AND studbook_api_project_role(project_id) IN ('LEAD', 'ANALYST')
  AND tenant_id = (SELECT p.tenant_id FROM research_projects p WHERE p.id = evaluation_runs.project_id)
);--> statement-breakpoint
CREATE POLICY project_analyst_update ON evaluation_runs FOR UPDATE
  USING (project_id IS NOT NULL AND studbook_api_project_role(project_id) IN ('LEAD', 'ANALYST'))
  WITH CHECK (project_id IS NOT NULL AND studbook_api_project_role(project_id) IN ('LEAD', 'ANALYST'));--> statement-breakpoint
CREATE POLICY project_members_only ON evaluation_runs AS RESTRICTIVE FOR ALL
  USING (project_id IS NULL OR studbook_api_project_role(project_id) IS NOT NULL);--> statement-breakpoint
CREATE POLICY project_member_read ON breeding_values FOR SELECT USING (project_id IS NOT NULL AND studbook_api_project_role(project_id) IS NOT NULL);--> statement-breakpoint
CREATE POLICY project_analyst_insert ON breeding_values FOR INSERT WITH CHECK (
  project_id IS NOT NULL AND studbook_api_project_role(project_id) IN ('LEAD', 'ANALYST')
  AND tenant_id = (SELECT p.tenant_id FROM research_projects p WHERE p.id = breeding_values.project_id)
);--> statement-breakpoint
CREATE POLICY project_members_only ON breeding_values AS RESTRICTIVE FOR ALL
  USING (project_id IS NULL OR studbook_api_project_role(project_id) IS NOT NULL);
