ALTER TYPE "public"."listing_status" ADD VALUE 'DRAFT';--> statement-breakpoint
ALTER TYPE "public"."listing_status" ADD VALUE 'RESERVED';--> statement-breakpoint
ALTER TYPE "public"."listing_status" ADD VALUE 'EXPIRED';--> statement-breakpoint
CREATE TABLE "listing_search" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid DEFAULT studbook_current_tenant() NOT NULL,
	"visibility" "visibility" DEFAULT 'PUBLIC' NOT NULL,
	"revision" integer NOT NULL,
	"searchable" boolean NOT NULL,
	"animal_id" uuid,
	"title" text,
	"animal_name" text,
	"species_name" text,
	"sex" text,
	"genes_one" text[],
	"genes_two" text[],
	"price" numeric(12, 2),
	"currency" char(3),
	"ships_to" text[],
	"seller_country" char(2),
	"seller_region" text,
	"inbreeding" double precision,
	"completeness" double precision,
	"published_at" timestamp (3) with time zone,
	"expires_at" timestamp (3) with time zone,
	"document" "tsvector",
	"search_text" text,
	"projected_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "title" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "description" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "ships_to" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "pickup" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "seller_country" char(2);--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "seller_region" text;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "expires_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "published_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "animal_name" text;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "species_name" text;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "sex" text;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "genes_one" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "genes_two" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "inbreeding" double precision;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "completeness" double precision;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "animal_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "listing_search_document" ON "listing_search" USING gin ("document");--> statement-breakpoint
CREATE INDEX "listing_search_published" ON "listing_search" USING btree ("published_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE searchable;--> statement-breakpoint
CREATE INDEX "listing_search_price" ON "listing_search" USING btree ("price") WHERE searchable;--> statement-breakpoint
CREATE INDEX "listings_updated" ON "listings" USING btree ("updated_at");