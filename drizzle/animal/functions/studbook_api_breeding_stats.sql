-- The caller's tenant's breeding_stats lines for one species, most sessions first; nothing with no
-- tenant set. The materialized view has no RLS, so the service role reads it only through this.
CREATE OR REPLACE FUNCTION studbook_api_breeding_stats(for_species_id text)
RETURNS TABLE (sire_morph text, dam_morph text, sessions integer, clutches integer, eggs integer, mean_hatch_rate double precision, mean_offspring_inbreeding double precision)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT b.sire_morph, b.dam_morph, b.sessions, b.clutches, b.eggs, b.mean_hatch_rate, b.mean_offspring_inbreeding
  FROM public.breeding_stats b
  WHERE b.tenant_id = public.studbook_current_tenant() AND b.species_id = for_species_id
  ORDER BY b.sessions DESC, b.sire_morph, b.dam_morph
$$;
