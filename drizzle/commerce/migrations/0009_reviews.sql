CREATE TABLE "reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid DEFAULT studbook_current_tenant() NOT NULL,
	"visibility" "visibility" DEFAULT 'PUBLIC' NOT NULL,
	"sale_id" uuid NOT NULL,
	"listing_id" uuid NOT NULL,
	"seller_organization_id" uuid NOT NULL,
	"author_user_id" text NOT NULL,
	"rating" smallint NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	CONSTRAINT "reviews_rating_range" CHECK ("reviews"."rating" between 1 and 5)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "reviews_one_per_sale" ON "reviews" USING btree ("sale_id");--> statement-breakpoint
CREATE INDEX "reviews_seller_newest" ON "reviews" USING btree ("seller_organization_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);
