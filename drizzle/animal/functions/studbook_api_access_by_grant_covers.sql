-- Whether a farm or group grant covers an animal now, by the set the research subgraph resolved from
-- its farm assignments and sent as projectGrant.animalsChanged (this database knows no farms): one
-- primary-key lookup, whatever the farm's size. Asked only for a grant of studbook_api_access_by_grant(),
-- i.e. one the caller reads through. Runs as the owner: the rows are the granting organisation's.
CREATE OR REPLACE FUNCTION studbook_api_access_by_grant_covers(grant_id uuid, animal_id uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM public.project_grant_animals ga WHERE ga.grant_id = $1 AND ga.animal_id = $2 AND ga.present)
$$;
