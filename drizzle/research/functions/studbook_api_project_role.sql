-- The calling user's role in a project (LEAD, ANALYST, VIEWER), or null when they are no member.
-- The policies that show a project and its records to members of other organisations ask it; it
-- runs as the owner because memberships are the project owner's rows, hidden from other tenants.
CREATE OR REPLACE FUNCTION studbook_api_project_role(project uuid) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT m.role::text FROM public.project_members m
  WHERE m.project_id = project AND m.user_id = nullif(current_setting('app.current_user_id', true), '')::uuid
    AND public.studbook_current_tenant() IS NOT NULL
$$;
