-- The index's function must exist before the index; its current body is in functions/studbook_api_earth_point.sql.
CREATE OR REPLACE FUNCTION studbook_api_earth_point(latitude float8, longitude float8) RETURNS public.earth
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = public, pg_temp
AS $$ SELECT public.ll_to_earth(latitude, longitude) $$;--> statement-breakpoint
DROP INDEX "farms_location";--> statement-breakpoint
CREATE INDEX "farms_location" ON "farms" USING gist (studbook_api_earth_point("latitude", "longitude"));