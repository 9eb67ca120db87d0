CREATE INDEX "animals_tenant_name" ON "animals" USING btree ("tenant_id","name","id");--> statement-breakpoint
CREATE INDEX "animals_tenant_hatch" ON "animals" USING btree ("tenant_id","hatch_date","id");
