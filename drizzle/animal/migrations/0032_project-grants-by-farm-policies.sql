-- Farm and group grants (docs/research-projects.md): studbook_api_access_by_grant also returns the
-- grant's farm, and a farm grant covers the animals of its set (project_grant_animals, sent by the
-- research subgraph) rather than every animal of its species. The function's result changes shape, so
-- the policy that names it is dropped and made again with the same test as studbook_api_access_granted
-- (which the walks ask). The policy keeps it inline: the grants in force are then read once per query
-- (a function scan without outer parameters is not re-run per row), and the set's index lookup is made
-- only for rows of an organisation that gave the caller a farm grant. The current bodies are in functions/.
DROP POLICY IF EXISTS project_grant_read ON animals;--> statement-breakpoint
DROP FUNCTION IF EXISTS studbook_api_access_by_grant();--> statement-breakpoint
CREATE FUNCTION studbook_api_access_by_grant()
RETURNS TABLE (grant_id uuid, project_id uuid, tenant_id uuid, animal_ids uuid[], species_id text, farm_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT g.id, g.project_id, g.tenant_id, g.animal_ids, g.species_id, g.farm_id
  FROM public.project_members m
  JOIN public.project_grants g ON g.project_id = m.project_id AND g.revoked_at IS NULL
  WHERE m.user_id = nullif(current_setting('app.current_user_id', true), '')::uuid AND m.present
    AND public.studbook_current_tenant() IS NOT NULL
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION studbook_api_access_by_grant_covers(grant_id uuid, animal_id uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM public.project_grant_animals ga WHERE ga.grant_id = $1 AND ga.animal_id = $2 AND ga.present)
$$;--> statement-breakpoint
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
$$;--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION studbook_api_access_by_grant(), studbook_api_access_by_grant_covers(uuid, uuid), studbook_api_access_granted(uuid, uuid, text) FROM PUBLIC;--> statement-breakpoint
CREATE POLICY project_grant_read ON animals FOR SELECT USING (
  EXISTS (SELECT 1 FROM studbook_api_access_by_grant() g
          WHERE g.tenant_id = animals.tenant_id
            AND (animals.id = ANY (g.animal_ids)
                 OR (g.farm_id IS NULL AND g.species_id = animals.species_id)
                 OR (g.farm_id IS NOT NULL AND (g.species_id IS NULL OR g.species_id = animals.species_id)
                     AND studbook_api_access_by_grant_covers(g.grant_id, animals.id))))
);
