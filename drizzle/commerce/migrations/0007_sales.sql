CREATE TYPE "public"."sale_state" AS ENUM('RESERVED', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'CANCELLED', 'TRANSFER_PENDING', 'COMPLETED', 'TRANSFER_FAILED');--> statement-breakpoint
CREATE TABLE "sales" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid DEFAULT studbook_current_tenant() NOT NULL,
	"buyer_organization_id" uuid NOT NULL,
	"listing_id" uuid NOT NULL,
	"animal_id" uuid NOT NULL,
	"price" numeric(12, 2) NOT NULL,
	"currency" char(3) NOT NULL,
	"state" "sale_state" DEFAULT 'RESERVED' NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reason" text,
	"sold_animal" jsonb,
	"completed_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL
);
--> statement-breakpoint
CREATE INDEX "sales_seller_created" ON "sales" USING btree ("tenant_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "sales_buyer_created" ON "sales" USING btree ("buyer_organization_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "sales_one_open_per_listing" ON "sales" USING btree ("listing_id") WHERE state in ('RESERVED', 'ACCEPTED', 'TRANSFER_PENDING', 'COMPLETED');