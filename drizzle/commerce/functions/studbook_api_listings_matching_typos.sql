-- The searchable listings whose title, animal name, genes or species are within typing distance of
-- the query (pg_trgm word similarity at least 0.35: "pastle clwn" finds Pastel Clown), the search's
-- fallback when the words match nothing: ids only, through the trigram index, for the reason
-- studbook_api_listings_matching_words gives (`<%` is not leakproof either, so under RLS it scans).
-- `query` is lowercased and unaccented, as search_text is.
CREATE OR REPLACE FUNCTION studbook_api_listings_matching_typos(query text)
RETURNS TABLE (listing_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp SET pg_trgm.word_similarity_threshold = 0.35 AS $$
  SELECT s.id FROM public.listing_search s
  WHERE public.studbook_current_tenant() IS NOT NULL AND s.searchable AND query OPERATOR(extensions.<%) s.search_text
$$;
