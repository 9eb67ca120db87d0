ALTER TABLE "lineage_metrics" DROP CONSTRAINT "lineage_metrics_animal_fk";
--> statement-breakpoint
ALTER TABLE "lineage_metrics" ADD COLUMN "id" uuid PRIMARY KEY NOT NULL;--> statement-breakpoint
ALTER TABLE "lineage_metrics" ADD CONSTRAINT "lineage_metrics_animal_fk" FOREIGN KEY ("id") REFERENCES "public"."animals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lineage_metrics" DROP COLUMN "animal_id";