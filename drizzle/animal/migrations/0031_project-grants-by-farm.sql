CREATE TABLE "project_grant_animals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grant_id" uuid NOT NULL,
	"tenant_id" uuid DEFAULT studbook_current_tenant() NOT NULL,
	"animal_id" uuid NOT NULL,
	"present" boolean NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "project_grants" ADD COLUMN "farm_id" uuid;--> statement-breakpoint
ALTER TABLE "project_grants" ADD COLUMN "group_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "project_grant_animals_grant_animal" ON "project_grant_animals" USING btree ("grant_id","animal_id");