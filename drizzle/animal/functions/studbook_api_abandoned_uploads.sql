-- Uploads requested but never completed, older than the given age, of every organisation: the
-- sweep's work list. Only what the sweep needs to delete them in each tenant's own scope (the row
-- id, its tenant and its object key); the service role sees nothing else of other organisations.
CREATE OR REPLACE FUNCTION studbook_api_abandoned_uploads(older_than interval, max_rows integer)
RETURNS TABLE (id uuid, tenant_id uuid, object_key text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT m.id, m.tenant_id, m.object_key FROM public.animal_media m
  WHERE m.status = 'AWAITING_UPLOAD' AND m.created_at < now() - older_than
  ORDER BY m.created_at LIMIT max_rows
$$;
