ALTER TABLE "animals" DROP CONSTRAINT "animals_sire_fk";
--> statement-breakpoint
ALTER TABLE "animals" DROP CONSTRAINT "animals_dam_fk";
--> statement-breakpoint
ALTER TABLE "animals" ADD CONSTRAINT "animals_sire_fk" FOREIGN KEY ("sire_id") REFERENCES "public"."animals"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "animals" ADD CONSTRAINT "animals_dam_fk" FOREIGN KEY ("dam_id") REFERENCES "public"."animals"("id") ON DELETE restrict ON UPDATE no action;