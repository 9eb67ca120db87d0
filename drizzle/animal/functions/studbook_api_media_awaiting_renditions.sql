-- Photos completed but not yet rendered, of every organisation: what a starting renderer resumes
-- (jobs queued in a process that stopped). Only the row id and its tenant, so the renderer can
-- read and write the item in that organisation's own scope.
CREATE OR REPLACE FUNCTION studbook_api_media_awaiting_renditions(max_rows integer)
RETURNS TABLE (id uuid, tenant_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT m.id, m.tenant_id FROM public.animal_media m
  WHERE m.status = 'PENDING' ORDER BY m.completed_at LIMIT max_rows
$$;
