-- The searchable listings whose title, animal name, genes or species are within typing distance of
-- the query (pg_trgm word similarity at least the transaction's pg_trgm.word_similarity_threshold,
-- which the search sets: 0.35, so "pastle clwn" finds Pastel Clown), the search's fallback when the
-- words match nothing: ids only, through the trigram index, for the reason
-- studbook_api_listings_matching_words gives (`<%` is not leakproof either, so under RLS it scans).
-- `query` is lowercased and unaccented, as search_text is.
CREATE OR REPLACE FUNCTION studbook_api_listings_matching_typos(query text)
RETURNS TABLE (listing_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT s.id FROM public.listing_search s
  WHERE public.studbook_current_tenant() IS NOT NULL AND s.searchable AND query OPERATOR(extensions.<%) s.search_text
$$;
