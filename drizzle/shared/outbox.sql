-- The outbox's functions and trigger, the same in every service database. Applied after each
-- service's migrations on every migrate run; idempotent.

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

-- Published outbox rows are kept for a while (a relay crash republishes from them; they help when
-- investigating), then the relay deletes them. Like studbook_api_claim_outbox, this returns only
-- row ids and tenant ids and locks the rows FOR UPDATE SKIP LOCKED in the caller's transaction;
-- the relay then deletes them under each row's own tenant, with RLS. Each aggregate's latest row
-- is kept whatever its age: the next event's version is counted from it (appendEvent), so
-- versions never start again at 1. At least one day is kept, whatever the caller asks.
CREATE OR REPLACE FUNCTION studbook_api_claim_expired_outbox(retention_days integer, batch_size integer) RETURNS TABLE (id bigint, tenant_id uuid)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT o.id, o.tenant_id FROM public.outbox o
  WHERE o.published_at < now() - make_interval(days => greatest(retention_days, 1))
    AND EXISTS (
      SELECT 1 FROM public.outbox later
      WHERE later.aggregate_type = o.aggregate_type AND later.aggregate_id = o.aggregate_id AND later.version > o.version
    )
  ORDER BY o.id
  LIMIT least(greatest(batch_size, 1), 1000)
  FOR UPDATE OF o SKIP LOCKED
$$;

-- Wakes a LISTENing relay when a transaction that wrote events commits (NOTIFY is delivered at
-- commit and never for a rollback). Polling remains the safety net.
CREATE OR REPLACE FUNCTION studbook_outbox_notify() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM pg_notify('studbook_outbox', '');
  RETURN NULL;
END $$;

-- Created only when missing: every service migrates at start, and dropping a trigger takes an
-- exclusive lock on outbox, so a running platform's writes would queue behind each start. The
-- function above is replaced in place; a change to the trigger itself needs a migration.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'outbox_notify' AND tgrelid = 'public.outbox'::regclass) THEN
    CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION studbook_outbox_notify();
  END IF;
END $$;
