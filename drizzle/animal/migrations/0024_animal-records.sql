CREATE TYPE "public"."animal_status" AS ENUM('ACTIVE', 'HOLDBACK', 'SOLD', 'DECEASED');--> statement-breakpoint
ALTER TYPE "public"."visibility" ADD VALUE 'LINEAGE' BEFORE 'PUBLIC';--> statement-breakpoint
ALTER TABLE "animals" ADD COLUMN "status" "animal_status" DEFAULT 'ACTIVE' NOT NULL;--> statement-breakpoint
ALTER TABLE "animals" ADD COLUMN "deceased_at" date;--> statement-breakpoint
ALTER TABLE "animals" ADD COLUMN "description" text;--> statement-breakpoint
ALTER TABLE "species" ADD COLUMN "juvenile_from_days" integer DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE "species" ADD COLUMN "subadult_from_days" integer DEFAULT 365 NOT NULL;--> statement-breakpoint
ALTER TABLE "species" ADD COLUMN "adult_from_days" integer DEFAULT 730 NOT NULL;--> statement-breakpoint
ALTER TABLE "animals" ADD CONSTRAINT "animals_deceased_at" CHECK ((status = 'DECEASED') = (deceased_at IS NOT NULL));--> statement-breakpoint
ALTER TABLE "animals" ADD CONSTRAINT "animals_deceased_after_hatch" CHECK (deceased_at IS NULL OR hatch_date IS NULL OR deceased_at >= hatch_date);--> statement-breakpoint
ALTER TABLE "animals" ADD CONSTRAINT "animals_description_length" CHECK (char_length(description) <= 4000);--> statement-breakpoint
-- Maturity thresholds (age in days at which a juvenile, a subadult, an adult begins); sources and
-- assumptions in docs/animal-records.md.
UPDATE species SET juvenile_from_days = t.juvenile, subadult_from_days = t.subadult, adult_from_days = t.adult
FROM (VALUES
  ('ball-python', 90, 365, 1095),
  ('corn-snake', 90, 365, 730),
  ('boa-constrictor', 90, 365, 1095),
  ('leopard-gecko', 60, 180, 365),
  ('crested-gecko', 90, 270, 540),
  ('bearded-dragon', 60, 180, 365),
  ('sheep', 90, 210, 365),
  ('goat', 90, 210, 365),
  ('cattle', 210, 365, 730),
  ('pig', 28, 150, 240),
  ('horse', 180, 365, 1460),
  ('dog', 56, 180, 365)
) AS t(id, juvenile, subadult, adult)
WHERE species.id = t.id;
