-- Would giving animal_id this sex or hatch date break a rule of its recorded offspring, in any
-- organisation? 'sex' when a sire would stop being male or a dam female, 'hatchDate' when an
-- offspring hatched on or before the new date, null otherwise. A null argument is not checked.
-- Runs as the owner (offspring may be another tenant's private rows) and answers only with a reason code.
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
