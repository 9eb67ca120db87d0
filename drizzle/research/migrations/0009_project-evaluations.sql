ALTER TABLE "breeding_values" ADD COLUMN "project_id" uuid;--> statement-breakpoint
ALTER TABLE "evaluation_runs" ADD COLUMN "project_id" uuid;--> statement-breakpoint
CREATE INDEX "evaluation_runs_project" ON "evaluation_runs" USING btree ("project_id","species","trait","finished_at") WHERE project_id is not null;