CREATE TABLE "project_grant_animals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grant_id" uuid NOT NULL,
	"tenant_id" uuid DEFAULT studbook_current_tenant() NOT NULL,
	"animal_id" uuid NOT NULL
);
--> statement-breakpoint
ALTER TABLE "project_grants" ADD COLUMN "farm_id" uuid;--> statement-breakpoint
ALTER TABLE "project_grants" ADD COLUMN "group_id" uuid;--> statement-breakpoint
ALTER TABLE "project_grant_animals" ADD CONSTRAINT "project_grant_animals_grant_id_project_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."project_grants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "project_grant_animals_grant_animal" ON "project_grant_animals" USING btree ("grant_id","animal_id");--> statement-breakpoint
CREATE INDEX "project_grant_animals_animal" ON "project_grant_animals" USING btree ("animal_id");--> statement-breakpoint
CREATE INDEX "farm_assignments_farm" ON "farm_assignments" USING btree ("farm_id");--> statement-breakpoint
CREATE INDEX "project_grants_farm" ON "project_grants" USING btree ("farm_id") WHERE farm_id is not null and revoked_at is null;