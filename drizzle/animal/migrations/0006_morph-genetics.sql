CREATE TYPE "public"."gene_inheritance" AS ENUM('RECESSIVE', 'INCOMPLETE_DOMINANT', 'DOMINANT');--> statement-breakpoint
CREATE TYPE "public"."breeding_event_type" AS ENUM('INTRODUCED', 'LOCK_OBSERVED', 'OVULATION', 'PRE_LAY_SHED', 'EGGS_LAID', 'CANDLED', 'HATCHED', 'NOTE', 'ENDED');--> statement-breakpoint
CREATE TYPE "public"."breeding_session_status" AS ENUM('ACTIVE', 'ENDED');--> statement-breakpoint
CREATE TABLE "animal_genotypes" (
	"animal_id" uuid PRIMARY KEY NOT NULL,
	"id" uuid GENERATED ALWAYS AS (animal_id) STORED NOT NULL,
	"tenant_id" uuid DEFAULT studbook_current_tenant() NOT NULL,
	"notation" text NOT NULL,
	"genes" jsonb NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "genes" (
	"species_id" text NOT NULL,
	"name" text NOT NULL,
	"inheritance" "gene_inheritance" NOT NULL,
	"aliases" text[] DEFAULT '{}'::text[] NOT NULL,
	"super_name" text,
	"lethal_super" boolean DEFAULT false NOT NULL,
	"locus" text NOT NULL,
	"compound_phenotype" text,
	CONSTRAINT "genes_species_id_name_pk" PRIMARY KEY("species_id","name")
);
--> statement-breakpoint
CREATE TABLE "breeding_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid DEFAULT studbook_current_tenant() NOT NULL,
	"session_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"type" "breeding_event_type" NOT NULL,
	"occurred_at" timestamp (3) with time zone NOT NULL,
	"notes" text,
	"egg_count" integer,
	"fertile_count" integer,
	"hatched_count" integer,
	"registered_hatchlings" integer,
	"created_at" timestamp (3) with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	CONSTRAINT "breeding_events_session_seq" UNIQUE("session_id","seq"),
	CONSTRAINT "breeding_events_seq_positive" CHECK ("breeding_events"."seq" > 0)
);
--> statement-breakpoint
CREATE TABLE "breeding_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid DEFAULT studbook_current_tenant() NOT NULL,
	"sire_id" uuid NOT NULL,
	"dam_id" uuid NOT NULL,
	"species_id" text NOT NULL,
	"status" "breeding_session_status" DEFAULT 'ACTIVE' NOT NULL,
	"notes" text,
	"offspring_inbreeding" double precision,
	"last_seq" integer DEFAULT 0 NOT NULL,
	"last_event_at" timestamp (3) with time zone,
	"ended_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	CONSTRAINT "breeding_sessions_distinct_pair" CHECK ("breeding_sessions"."sire_id" <> "breeding_sessions"."dam_id"),
	CONSTRAINT "breeding_sessions_ended_at" CHECK (("breeding_sessions"."status" = 'ENDED') = ("breeding_sessions"."ended_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "clutch_hatchlings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid DEFAULT studbook_current_tenant() NOT NULL,
	"clutch_id" uuid NOT NULL,
	"animal_id" uuid NOT NULL,
	"ordinal" integer NOT NULL,
	CONSTRAINT "clutch_hatchlings_animal" UNIQUE("animal_id"),
	CONSTRAINT "clutch_hatchlings_clutch_ordinal" UNIQUE("clutch_id","ordinal")
);
--> statement-breakpoint
CREATE TABLE "clutches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid DEFAULT studbook_current_tenant() NOT NULL,
	"session_id" uuid NOT NULL,
	"laid_at" timestamp (3) with time zone NOT NULL,
	"egg_count" integer NOT NULL,
	"fertile_count" integer,
	"hatched_count" integer,
	"created_at" timestamp (3) with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	CONSTRAINT "clutches_session" UNIQUE("session_id"),
	CONSTRAINT "clutches_egg_count" CHECK ("clutches"."egg_count" between 1 and 1000),
	CONSTRAINT "clutches_fertile_count" CHECK ("clutches"."fertile_count" between 0 and "clutches"."egg_count"),
	CONSTRAINT "clutches_hatched_count" CHECK ("clutches"."hatched_count" between 0 and coalesce("clutches"."fertile_count", "clutches"."egg_count"))
);
--> statement-breakpoint
ALTER TABLE "animal_genotypes" ADD CONSTRAINT "animal_genotypes_animal_id_animals_id_fk" FOREIGN KEY ("animal_id") REFERENCES "public"."animals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "genes" ADD CONSTRAINT "genes_species_id_species_id_fk" FOREIGN KEY ("species_id") REFERENCES "public"."species"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breeding_events" ADD CONSTRAINT "breeding_events_session_id_breeding_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."breeding_sessions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breeding_sessions" ADD CONSTRAINT "breeding_sessions_species_id_species_id_fk" FOREIGN KEY ("species_id") REFERENCES "public"."species"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breeding_sessions" ADD CONSTRAINT "breeding_sessions_sire_fk" FOREIGN KEY ("sire_id") REFERENCES "public"."animals"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breeding_sessions" ADD CONSTRAINT "breeding_sessions_dam_fk" FOREIGN KEY ("dam_id") REFERENCES "public"."animals"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clutch_hatchlings" ADD CONSTRAINT "clutch_hatchlings_clutch_id_clutches_id_fk" FOREIGN KEY ("clutch_id") REFERENCES "public"."clutches"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clutch_hatchlings" ADD CONSTRAINT "clutch_hatchlings_animal_id_animals_id_fk" FOREIGN KEY ("animal_id") REFERENCES "public"."animals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clutches" ADD CONSTRAINT "clutches_session_id_breeding_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."breeding_sessions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "breeding_sessions_one_active_pair" ON "breeding_sessions" USING btree ("tenant_id","sire_id","dam_id") WHERE status = 'ACTIVE';--> statement-breakpoint
CREATE INDEX "breeding_sessions_tenant_created" ON "breeding_sessions" USING btree ("tenant_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "breeding_sessions_sire" ON "breeding_sessions" USING btree ("sire_id");--> statement-breakpoint
CREATE INDEX "breeding_sessions_dam" ON "breeding_sessions" USING btree ("dam_id");