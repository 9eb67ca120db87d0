-- The organisations that have saved searches: ids only, so the matcher runs each organisation's
-- searches under that organisation, with RLS, when a listing goes on the market.
CREATE OR REPLACE FUNCTION studbook_api_saved_search_tenants()
RETURNS TABLE (tenant_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT DISTINCT s.tenant_id FROM public.saved_searches s
$$;
