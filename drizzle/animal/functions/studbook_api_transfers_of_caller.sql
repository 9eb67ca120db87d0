-- The caller's organisation's ownership transfers, as seller (its own rows) or buyer (the seller's
-- rows naming it), newest first. Runs as the owner because a buyer's transfers are the sellers' rows.
CREATE OR REPLACE FUNCTION studbook_api_transfers_of_caller(max_rows integer)
RETURNS TABLE (sale_id uuid, listing_id uuid, animal_id uuid, seller_id uuid, buyer_id uuid, outcome text, failure_reason text, animal_name text, completed_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT t.sale_id, t.listing_id, t.animal_id, t.tenant_id, t.buyer_tenant_id, t.outcome::text, t.failure_reason, t.animal_name, t.completed_at
  FROM public.animal_transfers t
  WHERE public.studbook_current_tenant() IS NOT NULL
    AND (t.tenant_id = public.studbook_current_tenant() OR t.buyer_tenant_id = public.studbook_current_tenant())
  ORDER BY t.completed_at DESC, t.sale_id
  LIMIT least(greatest(max_rows, 1), 500)
$$;
