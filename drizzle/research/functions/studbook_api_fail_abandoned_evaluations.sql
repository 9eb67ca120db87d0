-- Fails every queued or running evaluation, in any organisation, whose heartbeat is older than
-- `stale_after`: the process that ran it stopped (a restart, a crash) and no one else will finish it.
-- Runs as the owner because a starting instance acts for no tenant; it returns the ids it failed.
CREATE OR REPLACE FUNCTION studbook_api_fail_abandoned_evaluations(stale_after interval)
RETURNS TABLE (id uuid)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  UPDATE public.evaluation_runs r
  SET status = 'FAILED', finished_at = now(),
      error = 'The platform stopped while this evaluation ran; start it again'
  WHERE r.status IN ('QUEUED', 'RUNNING') AND coalesce(r.heartbeat_at, r.created_at) < now() - stale_after
  RETURNING r.id
$$;
