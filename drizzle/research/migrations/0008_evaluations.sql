CREATE TABLE "breeding_values" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid DEFAULT studbook_current_tenant() NOT NULL,
	"run_id" uuid NOT NULL,
	"animal_id" uuid NOT NULL,
	"trait" text NOT NULL,
	"ebv" double precision NOT NULL,
	"accuracy" double precision,
	"birth_year" smallint
);
--> statement-breakpoint
CREATE TABLE "evaluation_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid DEFAULT studbook_current_tenant() NOT NULL,
	"scope" text NOT NULL,
	"species" text NOT NULL,
	"trait" text NOT NULL,
	"source" text NOT NULL,
	"status" text NOT NULL,
	"fixed_effects" text[] NOT NULL,
	"heritability" double precision,
	"additive_variance" double precision,
	"residual_variance" double precision,
	"progress" real DEFAULT 0 NOT NULL,
	"iterations" integer DEFAULT 0 NOT NULL,
	"converged" boolean,
	"animals" integer,
	"records" integer,
	"accuracy_method" text,
	"fixed_effect_solutions" jsonb,
	"error" text,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	"started_at" timestamp (3) with time zone,
	"finished_at" timestamp (3) with time zone,
	"heartbeat_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "breeding_values" ADD CONSTRAINT "breeding_values_run_id_evaluation_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."evaluation_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "breeding_values_run" ON "breeding_values" USING btree ("run_id","birth_year");--> statement-breakpoint
CREATE INDEX "breeding_values_animal" ON "breeding_values" USING btree ("animal_id","trait");--> statement-breakpoint
CREATE INDEX "evaluation_runs_trait" ON "evaluation_runs" USING btree ("tenant_id","species","trait","finished_at");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_runs_one_active" ON "evaluation_runs" USING btree ("tenant_id","scope","species","trait") WHERE status in ('QUEUED', 'RUNNING');
