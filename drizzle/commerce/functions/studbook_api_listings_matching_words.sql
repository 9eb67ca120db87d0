-- The searchable listings whose document matches the query's words: ids only, through the GIN index
-- on the document. Under RLS no index can answer `@@` (its function is not leakproof, so PostgreSQL
-- evaluates it only after the policies, row by row: a scan of every listing), so the search asks this
-- for the candidates and reads them under the caller's RLS by id. It answers nothing RLS would hide:
-- a searchable row is a PUBLIC listing of a PUBLIC animal, which public_read shows every signed-in
-- organisation; and nothing with no tenant set, as public_read.
CREATE OR REPLACE FUNCTION studbook_api_listings_matching_words(words tsquery)
RETURNS TABLE (listing_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT s.id FROM public.listing_search s
  WHERE public.studbook_current_tenant() IS NOT NULL AND s.searchable AND s.document @@ words
$$;
