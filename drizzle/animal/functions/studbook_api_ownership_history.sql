-- The organisations that have kept each of these animals, first owner first: the first from the
-- record's creation, then each buyer from its sale's completion, each until the next sale (null
-- for the current owner). Only for animals the caller can see (its own or public ones), to whom the
-- history is the same: anyone who can see an animal can verify where it came from. Runs as the
-- owner because the transfer records are the sellers' rows.
CREATE OR REPLACE FUNCTION studbook_api_ownership_history(subjects uuid[])
RETURNS TABLE (animal_id uuid, organization_id uuid, owned_from timestamptz, owned_to timestamptz, sale_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH visible AS (
    SELECT a.id, a.tenant_id, a.created_at
    FROM public.animals a
    WHERE a.id = ANY (subjects) AND public.studbook_current_tenant() IS NOT NULL
      AND (a.tenant_id = public.studbook_current_tenant() OR a.visibility = 'PUBLIC')
  ),
  moves AS (
    SELECT t.animal_id, t.tenant_id AS seller, t.buyer_tenant_id AS buyer, t.completed_at, t.sale_id,
           row_number() OVER (PARTITION BY t.animal_id ORDER BY t.completed_at, t.created_at) AS n
    FROM public.animal_transfers t
    JOIN visible v ON v.id = t.animal_id
    WHERE t.outcome = 'TRANSFERRED'
  ),
  stints AS (
    SELECT v.id AS animal_id, coalesce(first_move.seller, v.tenant_id) AS organization_id, v.created_at AS owned_from,
           first_move.completed_at AS owned_to, NULL::uuid AS sale_id, 0::bigint AS n
    FROM visible v
    LEFT JOIN moves first_move ON first_move.animal_id = v.id AND first_move.n = 1
    UNION ALL
    SELECT m.animal_id, m.buyer, m.completed_at, next_move.completed_at, m.sale_id, m.n
    FROM moves m
    LEFT JOIN moves next_move ON next_move.animal_id = m.animal_id AND next_move.n = m.n + 1
  )
  SELECT s.animal_id, s.organization_id, s.owned_from, s.owned_to, s.sale_id FROM stints s ORDER BY s.animal_id, s.n
$$;
