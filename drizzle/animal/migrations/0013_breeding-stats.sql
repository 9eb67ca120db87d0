-- Custom SQL migration file, put your code below! --
-- breedingStats: per organisation, species and pairing of morphs (the sire's and the dam's
-- genotype notation, "Normal" when none is recorded), how many sessions, clutches and eggs,
-- the mean hatch rate (hatched / laid, over hatched clutches) and the mean expected offspring
-- inbreeding (over sessions). A genotype counts only when the session's organisation recorded
-- it: another breeder's genotype of their animal is theirs, so it never labels our statistics.
-- Refreshed after the events that change it; a materialized view has no RLS, so the service
-- role has no access to it and reads its own tenant's lines through studbook_api_breeding_stats.
CREATE MATERIALIZED VIEW breeding_stats AS
SELECT s.tenant_id,
       s.species_id,
       coalesce(sire_genotype.notation, 'Normal') AS sire_morph,
       coalesce(dam_genotype.notation, 'Normal') AS dam_morph,
       count(*)::integer AS sessions,
       count(c.id)::integer AS clutches,
       coalesce(sum(c.egg_count), 0)::integer AS eggs,
       avg(c.hatched_count::double precision / c.egg_count) AS mean_hatch_rate,
       avg(s.offspring_inbreeding) AS mean_offspring_inbreeding
FROM public.breeding_sessions s
LEFT JOIN public.clutches c ON c.session_id = s.id
LEFT JOIN public.animal_genotypes sire_genotype ON sire_genotype.animal_id = s.sire_id AND sire_genotype.tenant_id = s.tenant_id
LEFT JOIN public.animal_genotypes dam_genotype ON dam_genotype.animal_id = s.dam_id AND dam_genotype.tenant_id = s.tenant_id
GROUP BY s.tenant_id, s.species_id, coalesce(sire_genotype.notation, 'Normal'), coalesce(dam_genotype.notation, 'Normal')
WITH DATA;
--> statement-breakpoint
-- REFRESH ... CONCURRENTLY needs a unique index; readers are never blocked by a refresh.
CREATE UNIQUE INDEX breeding_stats_pairing ON breeding_stats (tenant_id, species_id, sire_morph, dam_morph);
--> statement-breakpoint
REVOKE ALL ON breeding_stats FROM PUBLIC;
--> statement-breakpoint
-- Runs as the view's owner (only an owner may refresh). Concurrent calls queue on the view's lock.
CREATE OR REPLACE FUNCTION studbook_api_refresh_breeding_stats() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  REFRESH MATERIALIZED VIEW CONCURRENTLY public.breeding_stats;
END $$;
--> statement-breakpoint
-- The caller's tenant's lines for one species, most sessions first; nothing with no tenant set.
CREATE OR REPLACE FUNCTION studbook_api_breeding_stats(for_species_id text)
RETURNS TABLE (sire_morph text, dam_morph text, sessions integer, clutches integer, eggs integer, mean_hatch_rate double precision, mean_offspring_inbreeding double precision)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT b.sire_morph, b.dam_morph, b.sessions, b.clutches, b.eggs, b.mean_hatch_rate, b.mean_offspring_inbreeding
  FROM public.breeding_stats b
  WHERE b.tenant_id = public.studbook_current_tenant() AND b.species_id = for_species_id
  ORDER BY b.sessions DESC, b.sire_morph, b.dam_morph
$$;
