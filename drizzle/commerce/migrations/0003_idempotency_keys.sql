CREATE TABLE "idempotency_keys" (
	"tenant_id" uuid DEFAULT studbook_current_tenant() NOT NULL,
	"operation" text NOT NULL,
	"key" text NOT NULL,
	"fingerprint" text NOT NULL,
	"result_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY("tenant_id","operation","key")
);
--> statement-breakpoint
CREATE INDEX "idempotency_keys_tenant_created" ON "idempotency_keys" USING btree ("tenant_id","created_at");