CREATE TYPE "public"."transfer_outcome" AS ENUM('TRANSFERRED', 'FAILED');--> statement-breakpoint
CREATE TABLE "animal_transfers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid DEFAULT studbook_current_tenant() NOT NULL,
	"sale_id" uuid NOT NULL,
	"listing_id" uuid NOT NULL,
	"animal_id" uuid NOT NULL,
	"buyer_tenant_id" uuid NOT NULL,
	"outcome" "transfer_outcome" NOT NULL,
	"failure_reason" text,
	"animal_name" text,
	"completed_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	CONSTRAINT "animal_transfers_sale" UNIQUE("sale_id")
);
--> statement-breakpoint
CREATE INDEX "animal_transfers_animal" ON "animal_transfers" USING btree ("animal_id","completed_at");--> statement-breakpoint
CREATE INDEX "animal_transfers_tenant" ON "animal_transfers" USING btree ("tenant_id","created_at" DESC NULLS LAST);