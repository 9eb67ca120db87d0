-- farmsNear: cube and earthdistance, in public like every extension here. Their functions are pure
-- maths; studbook_secure_tables grants them to the service role (it revokes every other function).
CREATE EXTENSION IF NOT EXISTS cube;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS earthdistance;--> statement-breakpoint
CREATE TABLE "farm_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid DEFAULT studbook_current_tenant() NOT NULL,
	"animal_id" uuid NOT NULL,
	"farm_id" uuid NOT NULL,
	"group_id" uuid,
	"from" date NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "farm_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid DEFAULT studbook_current_tenant() NOT NULL,
	"farm_id" uuid NOT NULL,
	"name" text NOT NULL,
	"purpose" text,
	"created_at" timestamp (3) with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "farms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid DEFAULT studbook_current_tenant() NOT NULL,
	"name" text NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"region" text,
	"country" char(2),
	"created_at" timestamp (3) with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL
);
--> statement-breakpoint
ALTER TABLE "farm_assignments" ADD CONSTRAINT "farm_assignments_farm_id_farms_id_fk" FOREIGN KEY ("farm_id") REFERENCES "public"."farms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "farm_assignments" ADD CONSTRAINT "farm_assignments_group_id_farm_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."farm_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "farm_groups" ADD CONSTRAINT "farm_groups_farm_id_farms_id_fk" FOREIGN KEY ("farm_id") REFERENCES "public"."farms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "farm_assignments_animal" ON "farm_assignments" USING btree ("animal_id","from");--> statement-breakpoint
CREATE INDEX "farm_groups_farm" ON "farm_groups" USING btree ("farm_id");--> statement-breakpoint
CREATE INDEX "farms_location" ON "farms" USING gist (ll_to_earth("latitude", "longitude"));--> statement-breakpoint
-- Hand-written from here: measurements become partitioned by year of measured_at and move to the
-- trait catalog (subgraphs/research/src/modules/trait/trait-catalog.ts). drizzle-kit knows neither,
-- so the generated ALTERs of measurements were replaced by this; the snapshot matches schema.ts.
ALTER TABLE "measurements" RENAME TO "measurements_free_text";--> statement-breakpoint
CREATE TABLE "measurements" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid DEFAULT studbook_current_tenant() NOT NULL,
	"animal_id" uuid NOT NULL,
	"trait" text NOT NULL,
	"value" double precision NOT NULL,
	"unit" text NOT NULL,
	"entered_value" double precision NOT NULL,
	"entered_unit" text NOT NULL,
	"legacy" boolean DEFAULT false NOT NULL,
	"group_id" uuid,
	"measured_at" timestamp with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	CONSTRAINT "measurements_id_measured_at_pk" PRIMARY KEY("id","measured_at")
) PARTITION BY RANGE ("measured_at");--> statement-breakpoint
-- Indexes, RLS and the audit trigger are declared on the parent; PostgreSQL gives every partition
-- the indexes and trigger, and studbook_secure_tables forces RLS and the policy on each partition too.
CREATE INDEX "measurements_animal_trait" ON "measurements" USING btree ("animal_id","trait","measured_at");--> statement-breakpoint
CREATE INDEX "measurements_group_trait" ON "measurements" USING btree ("group_id","trait","measured_at") WHERE group_id is not null;--> statement-breakpoint
-- Before 2000 and beyond the years made ahead: the default partition.
CREATE TABLE "measurements_default" PARTITION OF "measurements" DEFAULT;--> statement-breakpoint
CREATE OR REPLACE FUNCTION studbook_ensure_measurement_partitions(first_year integer, last_year integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  year integer;
  lower_bound timestamptz;
BEGIN
  FOR year IN first_year..last_year LOOP
    CONTINUE WHEN to_regclass(format('public.measurements_y%s', year)) IS NOT NULL;
    lower_bound := make_timestamptz(year, 1, 1, 0, 0, 0, 'UTC');
    IF EXISTS (SELECT 1 FROM measurements_default WHERE measured_at >= lower_bound AND measured_at < lower_bound + interval '1 year') THEN
      RAISE NOTICE 'measurements_default holds rows of %; that year stays in the default partition', year;
      CONTINUE;
    END IF;
    EXECUTE format('CREATE TABLE public.%I PARTITION OF public.measurements FOR VALUES FROM (%L) TO (%L)',
                   'measurements_y' || year, lower_bound, lower_bound + interval '1 year');
  END LOOP;
END $$;--> statement-breakpoint
SELECT studbook_ensure_measurement_partitions(2000, extract(year FROM now())::integer + 3);--> statement-breakpoint
-- The free-text traits move to the catalog where both the name and the unit are known: the name
-- (lowercased, spaces and hyphens as "_") maps to a catalog trait, and the value is converted to
-- that trait's canonical unit; the value and unit as entered are kept. Anything else (an unknown
-- name, or a unit the trait does not accept) is kept exactly as entered with legacy = true: it is
-- still listed and read, but is no catalog trait, so no range was checked and no conversion made.
-- Ranges are per species, which this database does not hold: migrated values were not range-checked.
INSERT INTO "measurements" (id, tenant_id, animal_id, trait, value, unit, entered_value, entered_unit, legacy, measured_at, created_at)
WITH names (alias, trait) AS (VALUES
  ('weight', 'body_weight'), ('body_weight', 'body_weight'), ('bodyweight', 'body_weight'), ('mass', 'body_weight'),
  ('birth_weight', 'birth_weight'), ('birthweight', 'birth_weight'), ('bwt', 'birth_weight'),
  ('weaning_weight', 'weaning_weight'), ('wwt', 'weaning_weight'),
  ('yearling_weight', 'yearling_weight'), ('ywt', 'yearling_weight'),
  ('fleece_weight', 'greasy_fleece_weight'), ('greasy_fleece_weight', 'greasy_fleece_weight'), ('gfw', 'greasy_fleece_weight'),
  ('fibre_diameter', 'fibre_diameter'), ('fiber_diameter', 'fibre_diameter'), ('fd', 'fibre_diameter'),
  ('eye_muscle_depth', 'eye_muscle_depth'), ('emd', 'eye_muscle_depth'), ('fat_depth', 'fat_depth'),
  ('length', 'total_length'), ('total_length', 'total_length'), ('snout_vent_length', 'snout_vent_length'), ('svl', 'snout_vent_length'),
  ('scrotal_circumference', 'scrotal_circumference'), ('sc', 'scrotal_circumference'), ('wither_height', 'wither_height')
), canonical (trait, dimension, unit, base_per_unit) AS (VALUES
  ('body_weight', 'mass', 'kg', 1000.0), ('birth_weight', 'mass', 'kg', 1000.0), ('weaning_weight', 'mass', 'kg', 1000.0),
  ('yearling_weight', 'mass', 'kg', 1000.0), ('greasy_fleece_weight', 'mass', 'kg', 1000.0),
  ('fibre_diameter', 'fibre', 'micron', 1.0), ('eye_muscle_depth', 'length', 'mm', 1.0), ('fat_depth', 'length', 'mm', 1.0),
  ('total_length', 'length', 'cm', 10.0), ('snout_vent_length', 'length', 'cm', 10.0), ('scrotal_circumference', 'length', 'cm', 10.0),
  ('wither_height', 'length', 'cm', 10.0)
), units (unit, dimension, base) AS (VALUES
  -- grams and millimetres as the base of their dimension
  ('g', 'mass', 1.0), ('kg', 'mass', 1000.0), ('lb', 'mass', 453.59237), ('oz', 'mass', 28.349523125),
  ('mm', 'length', 1.0), ('cm', 'length', 10.0), ('m', 'length', 1000.0), ('in', 'length', 25.4),
  ('micron', 'fibre', 1.0), ('µm', 'fibre', 1.0), ('um', 'fibre', 1.0)
)
SELECT m.id, m.tenant_id, m.animal_id,
       coalesce(c.trait, m.trait), CASE WHEN c.trait IS NULL THEN m.value ELSE m.value * u.base / c.base_per_unit END,
       coalesce(c.unit, m.unit), m.value, m.unit, c.trait IS NULL, m.measured_at, m.created_at
FROM "measurements_free_text" m
LEFT JOIN names n ON n.alias = regexp_replace(lower(trim(m.trait)), '[ -]+', '_', 'g')
LEFT JOIN units u ON u.unit = lower(trim(m.unit))
LEFT JOIN canonical c ON c.trait = n.trait AND c.dimension = u.dimension;--> statement-breakpoint
DROP TABLE "measurements_free_text";
