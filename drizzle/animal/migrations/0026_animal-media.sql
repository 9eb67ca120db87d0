CREATE TYPE "public"."media_kind" AS ENUM('PHOTO', 'DOCUMENT');--> statement-breakpoint
CREATE TYPE "public"."media_status" AS ENUM('AWAITING_UPLOAD', 'PENDING', 'READY', 'FAILED');--> statement-breakpoint
CREATE TABLE "animal_media" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid DEFAULT studbook_current_tenant() NOT NULL,
	"animal_id" uuid NOT NULL,
	"visibility" "visibility" NOT NULL,
	"kind" "media_kind" NOT NULL,
	"status" "media_status" DEFAULT 'AWAITING_UPLOAD' NOT NULL,
	"failure_reason" text,
	"content_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"file_name" text NOT NULL,
	"object_key" text NOT NULL,
	"caption" text,
	"taken_at" timestamp (3) with time zone,
	"position" integer DEFAULT 0 NOT NULL,
	"is_cover" boolean DEFAULT false NOT NULL,
	"width" integer,
	"height" integer,
	"renditions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"completed_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	CONSTRAINT "animal_media_byte_size" CHECK ("animal_media"."byte_size" > 0)
);
--> statement-breakpoint
CREATE TABLE "pedigree_certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid DEFAULT studbook_current_tenant() NOT NULL,
	"animal_id" uuid NOT NULL,
	"generations" integer NOT NULL,
	"facts" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"object_key" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL
);
--> statement-breakpoint
ALTER TABLE "animal_media" ADD CONSTRAINT "animal_media_animal_id_animals_id_fk" FOREIGN KEY ("animal_id") REFERENCES "public"."animals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pedigree_certificates" ADD CONSTRAINT "pedigree_certificates_animal_id_animals_id_fk" FOREIGN KEY ("animal_id") REFERENCES "public"."animals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "animal_media_animal_position" ON "animal_media" USING btree ("animal_id","position","created_at");--> statement-breakpoint
CREATE INDEX "animal_media_awaiting_upload" ON "animal_media" USING btree ("created_at") WHERE status = 'AWAITING_UPLOAD';--> statement-breakpoint
CREATE UNIQUE INDEX "animal_media_one_cover" ON "animal_media" USING btree ("animal_id") WHERE is_cover;