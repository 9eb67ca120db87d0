import { describe, expect, it } from 'vitest';
import { asAdmin, asServiceRole } from '../support/postgres.js';

const SERVICES = ['animal', 'commerce', 'research'] as const;
/** Tables without tenant_id that are allowed to exist: shared reference data. */
const REFERENCE_TABLES: Record<(typeof SERVICES)[number], string[]> = { animal: ['species', 'genes'], commerce: [], research: [] };

describe.each(SERVICES)('the %s database catalog', (service) => {
  it('has RLS enabled and forced, with a tenant policy, on every tenant table', async () => {
    const tables = await asAdmin(
      service,
      `select c.relname as name, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
              exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped) as tenant_scoped,
              (select count(*)::int from pg_policy p where p.polrelid = c.oid and p.polname = 'tenant_isolation') as policies
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname`,
    );
    expect(tables.length).toBeGreaterThan(2);
    for (const table of tables) {
      if (!table.tenant_scoped) {
        expect(REFERENCE_TABLES[service], `${table.name} has no tenant_id`).toContain(table.name);
        continue;
      }
      expect(table, table.name).toMatchObject({ enabled: true, forced: true, policies: 1 });
    }
  });

  it('has the audit triggers on every tenant table except the audit log, outbox, idempotency keys, the search projection and the grant read log', async () => {
    // Partitioned tables (relkind p) carry them on the parent; their partitions inherit only the row trigger.
    const missing = await asAdmin(
      service,
      `select c.relname, w.tgname from pg_class c join pg_namespace n on n.oid = c.relnamespace
       cross join (values ('audit_insert'), ('audit_update'), ('audit_delete')) as w(tgname)
       where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
         and c.relname not in ('audit_log', 'outbox', 'idempotency_keys', 'listing_search', 'project_grant_reads')
         and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id')
         and not exists (select 1 from pg_trigger t where t.tgrelid = c.oid and t.tgname = w.tgname)`,
    );
    expect(missing).toEqual([]);
  });

  it('connects the service as a role that owns nothing and cannot bypass RLS', async () => {
    const [role] = await asAdmin(service, `select rolsuper, rolbypassrls, rolcreaterole, rolcreatedb from pg_roles where rolname = 'studbook_app'`);
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false });
    const owned = await asAdmin(service, `select c.relname from pg_class c join pg_roles r on r.oid = c.relowner where r.rolname = 'studbook_app'`);
    expect(owned).toEqual([]);
    const auditWrites = await asAdmin(
      service,
      `select has_table_privilege('studbook_app', 'audit_log', 'INSERT') as ins, has_table_privilege('studbook_app', 'audit_log', 'UPDATE') as upd`,
    );
    expect(auditWrites[0]).toEqual({ ins: false, upd: false });
  });

  it('runs the service role without JIT, whose compile time dwarfed its short lineage walks', async () => {
    const client = await asServiceRole(service);
    try {
      expect((await client.query('show jit')).rows[0].jit).toBe('off');
    } finally {
      await client.end();
    }
  });

  it('gives the service role no temporary tables and no way to create objects', async () => {
    const [privileges] = await asAdmin(
      service,
      `select has_database_privilege('studbook_app', current_database(), 'TEMPORARY') as temp,
              has_schema_privilege('studbook_app', 'public', 'CREATE') as create`,
    );
    expect(privileges).toEqual({ temp: false, create: false });
  });

  it('lets the service role execute only the tenant lookup and studbook_api_* helpers', async () => {
    const functions = await asAdmin(
      service,
      `select p.proname as name, has_function_privilege('studbook_app', p.oid, 'EXECUTE') as callable
       -- An extension's own functions (cube, earthdistance: farmsNear's maths) are not hand-written and are the extension's to define.
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public'
         and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e') order by 1`,
    );
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) {
      expect(fn.callable, fn.name).toBe(fn.name === 'studbook_current_tenant' || fn.name.startsWith('studbook_api_'));
    }
  });

  it('pins search_path, with pg_temp last, on every owner-privileged function', async () => {
    const definers = await asAdmin(
      service,
      `select p.proname as name, array_to_string(p.proconfig, ',') as config
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public' and p.prosecdef`,
    );
    expect(definers.length).toBeGreaterThan(0);
    for (const fn of definers) expect(fn.config, fn.name).toMatch(/search_path=.*pg_temp$/);
  });
});
