-- Objects of deleted animals not yet removed, of every organisation, oldest first: the media
-- cleanup's backstop work list (a deletion whose event this instance never saw, or a failed try).
-- Only the row id, its tenant and the object key; the cleanup deletes each row in its tenant's scope.
CREATE OR REPLACE FUNCTION studbook_api_media_object_deletions(max_rows integer)
RETURNS TABLE (id uuid, tenant_id uuid, object_key text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT d.id, d.tenant_id, d.object_key FROM public.media_object_deletions d ORDER BY d.created_at LIMIT max_rows
$$;
