-- The pending, unexpired invitation whose token hashes to `token_hash`, whichever organisation
-- issued it: the invitee is signed in as their own organisation and cannot see it under RLS. Only
-- what accepting needs is returned; the service then accepts under the project's organisation.
CREATE OR REPLACE FUNCTION studbook_api_project_invitation(token_hash text)
RETURNS TABLE (id uuid, tenant_id uuid, project_id uuid, email text, role text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT i.id, i.tenant_id, i.project_id, i.email, i.role::text FROM public.project_invitations i
  WHERE i.token_hash = studbook_api_project_invitation.token_hash AND i.accepted_by IS NULL AND i.expires_at > now()
    AND public.studbook_current_tenant() IS NOT NULL
$$;
