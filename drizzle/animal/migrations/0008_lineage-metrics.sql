CREATE TABLE "lineage_metrics" (
	"animal_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid DEFAULT studbook_current_tenant() NOT NULL,
	"inbreeding" double precision NOT NULL,
	"completeness5" double precision NOT NULL,
	CONSTRAINT "lineage_metrics_inbreeding_range" CHECK ("lineage_metrics"."inbreeding" >= 0 and "lineage_metrics"."inbreeding" <= 1),
	CONSTRAINT "lineage_metrics_completeness_range" CHECK ("lineage_metrics"."completeness5" >= 0 and "lineage_metrics"."completeness5" <= 1)
);
--> statement-breakpoint
ALTER TABLE "lineage_metrics" ADD CONSTRAINT "lineage_metrics_animal_fk" FOREIGN KEY ("animal_id") REFERENCES "public"."animals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lineage_metrics_tenant" ON "lineage_metrics" USING btree ("tenant_id");