-- Whether an animal (its owner, id and species) is shared with the calling user through a project
-- grant: listed by the grant; of the grant's species (a species grant); or, for a farm or group grant,
-- in the set it covers now and of its species when it names one. The animals policy
-- (project_grant_read) asks it, and the owner-privileged walks (studbook_api_pedigree_structure, ...)
-- start from such animals as they do from the caller's own.
-- Its name sorts before the walks that call it and after studbook_api_access_by_grant(_covers), which
-- it calls: functions files are applied in name order, and a SQL function's body must name existing functions.
CREATE OR REPLACE FUNCTION studbook_api_access_granted(animal_tenant uuid, animal_id uuid, animal_species text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (
    SELECT 1 FROM public.studbook_api_access_by_grant() g
    WHERE g.tenant_id = animal_tenant
      AND (animal_id = ANY (g.animal_ids)
           OR (g.farm_id IS NULL AND g.species_id = animal_species)
           OR (g.farm_id IS NOT NULL AND (g.species_id IS NULL OR g.species_id = animal_species)
               AND public.studbook_api_access_by_grant_covers(g.grant_id, animal_id)))
  )
$$;
