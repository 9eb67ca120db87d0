ALTER TABLE "listing_search" ADD COLUMN "juvenile_from" date;--> statement-breakpoint
ALTER TABLE "listing_search" ADD COLUMN "subadult_from" date;--> statement-breakpoint
ALTER TABLE "listing_search" ADD COLUMN "adult_from" date;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "hatch_date" date;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "maturity_from_days" integer[];
