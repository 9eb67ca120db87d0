-- Whether an animal (its owner, id and species) is shared with the calling user through a project
-- grant: listed by the grant, or of the grant's species. The owner-privileged walks
-- (studbook_api_pedigree_structure, ...) start from such animals as they do from the caller's own.
CREATE OR REPLACE FUNCTION studbook_api_granted_to_caller(animal_tenant uuid, animal_id uuid, animal_species text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (
    SELECT 1 FROM public.studbook_api_caller_grants() g
    WHERE g.tenant_id = animal_tenant AND (animal_id = ANY (g.animal_ids) OR g.species_id = animal_species)
  )
$$;
