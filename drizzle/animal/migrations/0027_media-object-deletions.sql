CREATE TABLE "media_object_deletions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid DEFAULT studbook_current_tenant() NOT NULL,
	"animal_id" uuid NOT NULL,
	"object_key" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pedigree_certificates" ADD COLUMN "owner_name" text;--> statement-breakpoint
CREATE INDEX "media_object_deletions_animal" ON "media_object_deletions" USING btree ("animal_id");--> statement-breakpoint
CREATE INDEX "media_object_deletions_created" ON "media_object_deletions" USING btree ("created_at");