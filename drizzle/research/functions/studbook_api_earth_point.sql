-- A farm's point on the earth, for the GiST index on farms and the queries it answers.
-- earthdistance's own ll_to_earth names the earth type and cube functions without a schema, so an
-- index on it cannot be rebuilt under pg_restore's empty search_path ("type earth does not exist"):
-- the index goes through this wrapper, which pins the search path.
CREATE OR REPLACE FUNCTION studbook_api_earth_point(latitude float8, longitude float8) RETURNS public.earth
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = public, pg_temp
AS $$ SELECT public.ll_to_earth(latitude, longitude) $$;
