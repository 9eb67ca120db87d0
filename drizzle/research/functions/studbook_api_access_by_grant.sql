-- The grants the calling user reads through: those of projects they are a member of, not revoked
-- (the animal database has the same function over its copy of these rows). The measurements policy
-- asks it; it runs as the owner because grants and memberships belong to other organisations.
-- farm_id is set for a farm or group grant, whose animals are those of studbook_api_access_by_grant_covers.
CREATE OR REPLACE FUNCTION studbook_api_access_by_grant()
RETURNS TABLE (grant_id uuid, project_id uuid, tenant_id uuid, animal_ids uuid[], species_id text, farm_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT g.id, g.project_id, g.tenant_id, g.animal_ids, g.species_id, g.farm_id
  FROM public.project_members m
  JOIN public.project_grants g ON g.project_id = m.project_id AND g.revoked_at IS NULL
  WHERE m.user_id = nullif(current_setting('app.current_user_id', true), '')::uuid
    AND public.studbook_current_tenant() IS NOT NULL
$$;
