ALTER TABLE "animals" ADD COLUMN "external_id" text;--> statement-breakpoint
CREATE UNIQUE INDEX "animals_tenant_external_id" ON "animals" USING btree ("tenant_id","external_id");