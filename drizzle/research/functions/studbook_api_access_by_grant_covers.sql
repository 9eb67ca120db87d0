-- Whether a farm or group grant covers an animal now: one unique-index lookup in the set the research
-- subgraph keeps (project_grant_animals), whatever the farm's size. The policies ask it only for a
-- grant of studbook_api_access_by_grant(), i.e. one the caller reads through. Runs as the owner: the
-- rows are the granting organisation's.
CREATE OR REPLACE FUNCTION studbook_api_access_by_grant_covers(grant_id uuid, animal_id uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM public.project_grant_animals ga WHERE ga.grant_id = $1 AND ga.animal_id = $2)
$$;
