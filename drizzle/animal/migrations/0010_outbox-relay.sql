-- Custom SQL migration file, put your code below! --
-- The outbox relay (packages/platform/src/events/outbox-relay.ts) runs as the service role, which
-- sees one tenant's outbox rows at a time. To find unpublished rows across tenants it may claim
-- them here: this returns only row ids and tenant ids (nothing private) and locks the rows FOR
-- UPDATE SKIP LOCKED in the caller's transaction, so several relays never publish the same row
-- at once. The relay then reads and marks each row under its own tenant, with RLS.
CREATE OR REPLACE FUNCTION studbook_api_claim_outbox(batch_size integer) RETURNS TABLE (id bigint, tenant_id uuid)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT o.id, o.tenant_id FROM public.outbox o
  WHERE o.published_at IS NULL
  ORDER BY o.id
  LIMIT least(greatest(batch_size, 1), 1000)
  FOR UPDATE SKIP LOCKED
$$;
--> statement-breakpoint
-- Wakes a LISTENing relay when a transaction that wrote events commits (NOTIFY is delivered at
-- commit and never for a rollback). Polling remains the safety net.
CREATE OR REPLACE FUNCTION studbook_outbox_notify() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM pg_notify('studbook_outbox', '');
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS outbox_notify ON outbox;
--> statement-breakpoint
CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION studbook_outbox_notify();
