ALTER TABLE "listing_search" ADD COLUMN "held_until" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "reserved_until" timestamp (3) with time zone;--> statement-breakpoint
CREATE INDEX "listing_search_held" ON "listing_search" USING btree ("held_until") WHERE held_until is not null;