-- Custom SQL migration file, put your code below! --
-- The lineage walks must see every organisation's animals (a cycle or an offspring can run
-- through another tenant's private rows), so they run as the owner. They answer only about an
-- animal of the caller's own tenant, only with a boolean or a reason code, and with search_path
-- pinned (pg_temp last) so no session object can stand in for public.animals.
DROP FUNCTION IF EXISTS studbook_creates_cycle(uuid, uuid);
--> statement-breakpoint
-- Would making parent_id a parent of animal_id close a loop? Depth-capped against corrupt data.
CREATE OR REPLACE FUNCTION studbook_api_creates_cycle(animal_id uuid, parent_id uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH RECURSIVE descendants(id, depth) AS (
    SELECT a.id, 0 FROM public.animals a
    WHERE a.id = animal_id AND a.tenant_id = public.studbook_current_tenant()
    UNION
    SELECT o.id, d.depth + 1
    FROM public.animals o JOIN descendants d ON o.sire_id = d.id OR o.dam_id = d.id
    WHERE d.depth < 1000
  )
  SELECT EXISTS (SELECT 1 FROM descendants WHERE id = parent_id)
$$;
--> statement-breakpoint
-- Would giving animal_id this sex or hatch date break a rule of its recorded offspring, in any
-- organisation? 'sex' when a sire would stop being male or a dam female, 'hatchDate' when an
-- offspring hatched on or before the new date, null otherwise. A null argument is not checked.
CREATE OR REPLACE FUNCTION studbook_api_offspring_conflict(animal_id uuid, new_sex public.sex, new_hatch_date date) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT CASE
    WHEN EXISTS (
      SELECT 1 FROM public.animals o
      WHERE (o.sire_id = parent.id AND new_sex <> 'MALE') OR (o.dam_id = parent.id AND new_sex <> 'FEMALE')
    ) THEN 'sex'
    WHEN EXISTS (
      SELECT 1 FROM public.animals o
      WHERE (o.sire_id = parent.id OR o.dam_id = parent.id) AND o.hatch_date <= new_hatch_date
    ) THEN 'hatchDate'
  END
  FROM public.animals parent
  WHERE parent.id = animal_id AND parent.tenant_id = public.studbook_current_tenant()
$$;
