-- Custom SQL migration file, put your code below! --
-- A pairing with another breeder's public animal (a stud service) is labelled with that animal's
-- genotype too: a public animal's genotype is public, a private one's stays its owner's alone.
-- studbook_api_breeding_stats reads the view by column name, so it needs no change.
DROP MATERIALIZED VIEW breeding_stats;
--> statement-breakpoint
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
JOIN public.animals sire ON sire.id = s.sire_id
JOIN public.animals dam ON dam.id = s.dam_id
LEFT JOIN public.clutches c ON c.session_id = s.id
LEFT JOIN public.animal_genotypes sire_genotype
  ON sire_genotype.animal_id = s.sire_id AND (sire.tenant_id = s.tenant_id OR sire.visibility = 'PUBLIC')
LEFT JOIN public.animal_genotypes dam_genotype
  ON dam_genotype.animal_id = s.dam_id AND (dam.tenant_id = s.tenant_id OR dam.visibility = 'PUBLIC')
GROUP BY s.tenant_id, s.species_id, coalesce(sire_genotype.notation, 'Normal'), coalesce(dam_genotype.notation, 'Normal')
WITH DATA;
--> statement-breakpoint
CREATE UNIQUE INDEX breeding_stats_pairing ON breeding_stats (tenant_id, species_id, sire_morph, dam_morph);
--> statement-breakpoint
REVOKE ALL ON breeding_stats FROM PUBLIC;
