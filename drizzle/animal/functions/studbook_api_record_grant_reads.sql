-- Logs a read of `ids` by the calling user: one row per grant that let them see some of those
-- animals (another organisation's, not public), with the animals it covered, in the granting
-- organisation's project_grant_reads. Runs as the owner because the rows are the granting
-- organisation's, which the reader cannot write under RLS; it writes nothing else.
CREATE OR REPLACE FUNCTION studbook_api_record_grant_reads(ids uuid[]) RETURNS integer
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH logged AS (
    INSERT INTO public.project_grant_reads (tenant_id, grant_id, project_id, user_id, reader_organization_id, animal_ids)
    SELECT g.tenant_id, g.grant_id, g.project_id, nullif(current_setting('app.current_user_id', true), '')::uuid,
           public.studbook_current_tenant(), array_agg(DISTINCT a.id ORDER BY a.id)
    FROM public.studbook_api_access_by_grant() g
    JOIN public.animals a ON a.tenant_id = g.tenant_id
     AND (a.id = ANY (g.animal_ids)
          OR (g.farm_id IS NULL AND a.species_id = g.species_id)
          OR (g.farm_id IS NOT NULL AND (g.species_id IS NULL OR a.species_id = g.species_id)
              AND public.studbook_api_access_by_grant_covers(g.grant_id, a.id)))
    WHERE a.id = ANY (ids) AND a.tenant_id <> public.studbook_current_tenant() AND a.visibility <> 'PUBLIC'
    GROUP BY g.tenant_id, g.grant_id, g.project_id
    RETURNING 1
  )
  SELECT count(*)::integer FROM logged
$$;
