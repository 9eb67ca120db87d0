-- breedingStats: per organisation, species and pairing of morphs (the sire's and the dam's
-- genotype notation, "Normal" when none is recorded), how many sessions, clutches and eggs, the
-- mean hatch rate (hatched / laid, over hatched clutches) and the mean expected offspring
-- inbreeding (over sessions). A genotype counts when the session's organisation recorded it, or
-- when the animal is public (a stud service with another breeder's public animal): a private
-- animal's genotype is its owner's alone and never labels our statistics.
-- Refreshed after the events that change it; a materialized view has no RLS, so the service role
-- has no access to it and reads its own tenant's lines through studbook_api_breeding_stats.
--
-- A materialized view cannot be replaced in place, and rebuilding it at every migrate would
-- recompute it over every breeding session. So the definition below is created empty under a
-- scratch name and compared with the live one: only when it differs (or is missing) does it take
-- the live one's place, and is filled once.
DROP MATERIALIZED VIEW IF EXISTS breeding_stats_next;

CREATE MATERIALIZED VIEW breeding_stats_next AS
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
JOIN public.animals sire ON sire.id = s.sire_id
JOIN public.animals dam ON dam.id = s.dam_id
LEFT JOIN public.clutches c ON c.session_id = s.id
LEFT JOIN public.animal_genotypes sire_genotype
  ON sire_genotype.animal_id = s.sire_id AND (sire.tenant_id = s.tenant_id OR sire.visibility = 'PUBLIC')
LEFT JOIN public.animal_genotypes dam_genotype
  ON dam_genotype.animal_id = s.dam_id AND (dam.tenant_id = s.tenant_id OR dam.visibility = 'PUBLIC')
GROUP BY s.tenant_id, s.species_id, coalesce(sire_genotype.notation, 'Normal'), coalesce(dam_genotype.notation, 'Normal')
WITH NO DATA;

DO $$
BEGIN
  IF to_regclass('public.breeding_stats') IS NOT NULL
     AND pg_get_viewdef('public.breeding_stats'::regclass) = pg_get_viewdef('public.breeding_stats_next'::regclass) THEN
    DROP MATERIALIZED VIEW public.breeding_stats_next;
    RETURN;
  END IF;
  DROP MATERIALIZED VIEW IF EXISTS public.breeding_stats;
  ALTER MATERIALIZED VIEW public.breeding_stats_next RENAME TO breeding_stats;
  REFRESH MATERIALIZED VIEW public.breeding_stats;
  -- REFRESH ... CONCURRENTLY needs a unique index; readers are never blocked by a refresh.
  CREATE UNIQUE INDEX breeding_stats_pairing ON public.breeding_stats (tenant_id, species_id, sire_morph, dam_morph);
  REVOKE ALL ON public.breeding_stats FROM PUBLIC;
END $$;
