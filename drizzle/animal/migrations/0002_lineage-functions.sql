-- Custom SQL migration file, put your code below! --
-- Would making parent_id a parent of animal_id close a loop? The walk must see every
-- descendant, including other organisations' private ones that RLS hides from the caller,
-- so it runs as the owner and returns only a boolean. Depth-capped against corrupt data.
CREATE OR REPLACE FUNCTION studbook_creates_cycle(animal_id uuid, parent_id uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  WITH RECURSIVE descendants(id, depth) AS (
    SELECT animal_id, 0
    UNION
    SELECT a.id, d.depth + 1
    FROM animals a JOIN descendants d ON a.sire_id = d.id OR a.dam_id = d.id
    WHERE d.depth < 1000
  )
  SELECT EXISTS (SELECT 1 FROM descendants WHERE id = parent_id)
$$;
