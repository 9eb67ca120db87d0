-- Tenancy, audit and grants shared by every service database.
-- Applied after each service's generated migrations on every migrate run; idempotent.
-- It secures every table that has a tenant_id column, so a new table cannot be forgotten.

CREATE OR REPLACE FUNCTION studbook_current_tenant() RETURNS uuid
LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.current_tenant_id', true), '')::uuid $$;

-- Runs as the table owner so the service role needs no write access to audit_log. Like every
-- SECURITY DEFINER function here it pins search_path with pg_temp last and names its tables, so a
-- session's temporary table cannot stand in for public.audit_log.
CREATE OR REPLACE FUNCTION studbook_audit() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
  new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
  row_data jsonb := coalesce(new_row, old_row);
  changed text[];
BEGIN
  IF TG_OP = 'UPDATE' THEN
    SELECT coalesce(array_agg(n.key ORDER BY n.key), '{}') INTO changed
    FROM jsonb_each(new_row) n WHERE n.value IS DISTINCT FROM old_row -> n.key;
    IF cardinality(changed) = 0 THEN RETURN NULL; END IF;
  ELSE
    SELECT array_agg(k ORDER BY k) INTO changed FROM jsonb_object_keys(row_data) k;
  END IF;
  INSERT INTO public.audit_log (tenant_id, table_name, record_id, action, old_data, new_data, changed_fields, user_id)
  -- A partition's trigger is its parent's clone: record the parent (measurements, not measurements_y2024).
  VALUES ((row_data ->> 'tenant_id')::uuid, coalesce((SELECT i.inhparent::regclass::text FROM pg_inherits i WHERE i.inhrelid = TG_RELID), TG_TABLE_NAME),
          row_data ->> 'id', TG_OP, old_row, new_row, changed,
          nullif(current_setting('app.current_user_id', true), ''));
  RETURN NULL;
END $$;

-- The statement-level form for inserts and deletes: one INSERT … SELECT into audit_log per statement
-- from its transition table, the same rows the per-row trigger writes (a 100,000-row import paid
-- three quarters of its time in 100,000 trigger calls). Updates stay per row: pairing an old row with
-- its new one needs a key the transition tables do not carry, and an update names one row or a few.
-- A partitioned table's statement trigger fires on the parent, so the parent's name is recorded.
CREATE OR REPLACE FUNCTION studbook_audit_statement() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  -- Every row of one table has the same keys: the changed fields of an insert or delete are its columns, listed once.
  columns text[];
  user_id text := nullif(current_setting('app.current_user_id', true), '');
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(k ORDER BY k) INTO columns FROM jsonb_object_keys((SELECT to_jsonb(n) FROM new_rows n LIMIT 1)) k;
    INSERT INTO public.audit_log (tenant_id, table_name, record_id, action, old_data, new_data, changed_fields, user_id)
    SELECT (r.row_data ->> 'tenant_id')::uuid, TG_TABLE_NAME, r.row_data ->> 'id', TG_OP, NULL, r.row_data, columns, user_id
    FROM (SELECT to_jsonb(n) AS row_data FROM new_rows n) r;
  ELSE
    SELECT array_agg(k ORDER BY k) INTO columns FROM jsonb_object_keys((SELECT to_jsonb(o) FROM old_rows o LIMIT 1)) k;
    INSERT INTO public.audit_log (tenant_id, table_name, record_id, action, old_data, new_data, changed_fields, user_id)
    SELECT (r.row_data ->> 'tenant_id')::uuid, TG_TABLE_NAME, r.row_data ->> 'id', TG_OP, r.row_data, NULL, columns, user_id
    FROM (SELECT to_jsonb(o) AS row_data FROM old_rows o) r;
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION studbook_secure_tables(app_role text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  t record;
  f record;
BEGIN
  -- No temporary tables or new objects for anyone but the owner: they could shadow ours.
  EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
  REVOKE CREATE ON SCHEMA public FROM PUBLIC;
  -- Functions are callable only where granted: the tenant lookup (policies and defaults use it)
  -- and the studbook_api_* helpers a service calls; never the owner-privileged internals.
  REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC;
  EXECUTE format('GRANT EXECUTE ON FUNCTION studbook_current_tenant() TO %I', app_role);
  FOR f IN
    SELECT p.oid::regprocedure AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'public' AND p.proname LIKE 'studbook\_api\_%'
  LOOP
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %I', f.signature, app_role);
  END LOOP;
  -- Functions of extensions (cube and earthdistance in research, for farmsNear) are pure maths.
  FOR f IN
    SELECT p.oid::regprocedure AS signature FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
    JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
  LOOP
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %I', f.signature, app_role);
  END LOOP;
  -- The service's statements are short index walks; the planner's estimates for recursive lineage
  -- walks are large enough to trigger JIT, whose compilation (about 90 ms a statement) then
  -- dwarfed the walk itself.
  EXECUTE format('ALTER ROLE %I IN DATABASE %I SET jit = off', app_role, current_database());
  EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', app_role);
  EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I', app_role);
  FOR t IN
    SELECT c.relname AS name,
           bool_or(a.attname = 'tenant_id') AS tenant_scoped,
           bool_or(a.attname = 'visibility') AS has_visibility,
           bool_or(c.relispartition) AS is_partition
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
    GROUP BY c.relname
  LOOP
    IF NOT t.tenant_scoped THEN
      -- Reference data (the species catalog): readable by all, written only by migrations.
      EXECUTE format('GRANT SELECT ON %I TO %I', t.name, app_role);
      EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON %I FROM %I', t.name, app_role);
      CONTINUE;
    END IF;
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t.name);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t.name);
    EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %I', t.name);
    -- The tenant as a subselect: PostgreSQL reads the setting once per statement (an InitPlan) instead
    -- of once or twice per row, which on a scan of 100,000 search rows cost three times the scan itself.
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = (SELECT studbook_current_tenant())) WITH CHECK (tenant_id = (SELECT studbook_current_tenant()))', t.name);
    EXECUTE format('DROP POLICY IF EXISTS public_read ON %I', t.name);
    IF t.has_visibility THEN
      EXECUTE format($p$CREATE POLICY public_read ON %I FOR SELECT USING ((SELECT studbook_current_tenant()) IS NOT NULL AND visibility = 'PUBLIC')$p$, t.name);
    END IF;
    IF t.name = 'audit_log' THEN
      EXECUTE format('GRANT SELECT ON %I TO %I', t.name, app_role);
      EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON %I FROM %I', t.name, app_role);
      CONTINUE;
    END IF;
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO %I', t.name, app_role);
    EXECUTE format('REVOKE TRUNCATE ON %I FROM %I', t.name, app_role);
    -- A partition has its parent's row trigger (PostgreSQL clones it and refuses to drop the clone);
    -- statement triggers stay on the parent, which every write names.
    CONTINUE WHEN t.is_partition;
    -- audit was the one per-row trigger for all three operations before the statement-level ones.
    EXECUTE format('DROP TRIGGER IF EXISTS audit ON %I', t.name);
    EXECUTE format('DROP TRIGGER IF EXISTS audit_insert ON %I', t.name);
    EXECUTE format('DROP TRIGGER IF EXISTS audit_update ON %I', t.name);
    EXECUTE format('DROP TRIGGER IF EXISTS audit_delete ON %I', t.name);
    -- The outbox and idempotency keys are bookkeeping of writes that the audit log already shows;
    -- listing_search is a projection of listings (audited), rewritten by every listing event;
    -- project_grant_reads is itself a log (of reads through project grants), written on every such read.
    IF t.name NOT IN ('outbox', 'idempotency_keys', 'listing_search', 'project_grant_reads') THEN
      -- PostgreSQL allows transition tables only on a trigger of one event, hence one trigger each.
      EXECUTE format('CREATE TRIGGER audit_insert AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION studbook_audit_statement()', t.name);
      EXECUTE format('CREATE TRIGGER audit_update AFTER UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION studbook_audit()', t.name);
      EXECUTE format('CREATE TRIGGER audit_delete AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION studbook_audit_statement()', t.name);
    END IF;
  END LOOP;
END $$;
