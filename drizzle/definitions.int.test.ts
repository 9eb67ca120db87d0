import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { dropDatabases } from '../tests/support/drop-databases.js';
import { adminUrlFor, definitionFiles, migrateServiceDatabase, SERVICE_DATABASES } from './migrate.js';

const here = import.meta.dirname;

/** Every hand-written object of a database, as PostgreSQL itself prints it, with its grants. */
async function catalog(client: pg.Client) {
  const rows = async (text: string) => (await client.query(text)).rows;
  return {
    functions: await rows(
      `select p.oid::regprocedure::text as signature, p.proname as name, pg_get_functiondef(p.oid) as definition, p.proacl::text as grants
       -- An extension's own functions (cube, earthdistance: farmsNear's maths) are not hand-written and are the extension's to define.
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public'
         and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e') order by 1`,
    ),
    triggers: await rows(
      `select t.tgrelid::regclass::text as "table", t.tgname as name, pg_get_triggerdef(t.oid) as definition
       from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and not t.tgisinternal order by 1, 2`,
    ),
    views: await rows(
      `select c.relname as name, c.relkind as kind, pg_get_viewdef(c.oid) as definition, c.relacl::text as grants, c.relispopulated as populated,
              (select array_agg(pg_get_indexdef(i.indexrelid) order by i.indexrelid::regclass::text) from pg_index i where i.indrelid = c.oid) as indexes
       from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('v', 'm') order by 1`,
    ),
  };
}

describe.each(SERVICE_DATABASES)('the hand-written SQL of the %s database', (service) => {
  const prefix = new URL(inject('serviceDatabaseUrls').animal).pathname.slice(1).replace(/_animal$/, '');
  const databaseName = `${prefix}_definitions_${service}`;
  const adminUrl = inject('postgresAdminUrl');
  const migrateAgain = () => migrateServiceDatabase(service, { adminUrl, databaseName, appRole: 'studbook_app', appPassword: 'studbook_app' });
  let client: pg.Client;

  beforeAll(async () => {
    await dropDatabases(adminUrl, [databaseName]);
    await migrateAgain();
    client = new pg.Client({ connectionString: adminUrlFor(adminUrl, databaseName) });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await dropDatabases(adminUrl, [databaseName]);
  });

  it('has a source file for every function, trigger and view, and no file for a missing one', async () => {
    const files = [path.join(here, 'shared', 'tenancy.sql'), ...(await definitionFiles(service))];
    const sources = (await Promise.all(files.map((file) => readFile(file, 'utf8')))).join('\n');
    const own = (name: string) => path.join(here, service, 'functions', `${name}.sql`);
    const { functions, triggers, views } = await catalog(client);
    for (const { name } of functions) {
      expect(existsSync(own(name)) || new RegExp(`FUNCTION ${name}\\(`).test(sources), `function ${name}`).toBe(true);
    }
    for (const { name } of triggers) expect(existsSync(own(name)) || sources.includes(`TRIGGER ${name} `), `trigger ${name}`).toBe(true);
    for (const { name } of views) expect(existsSync(own(name)), `view ${name}`).toBe(true);

    const objects = new Set([...functions, ...triggers, ...views].map(({ name }) => name));
    const ownFiles = files.filter((file) => path.dirname(file) === path.join(here, service, 'functions'));
    for (const file of ownFiles) expect(objects, file).toContain(path.basename(file, '.sql'));
  });

  it('changes nothing when migrated again, and keeps the materialized views it has', async () => {
    const before = await catalog(client);
    const viewIds = await client.query(`select relname, oid from pg_class where relkind = 'm' order by 1`);
    await migrateAgain();
    expect(await catalog(client)).toEqual(before);
    expect((await client.query(`select relname, oid from pg_class where relkind = 'm' order by 1`)).rows).toEqual(viewIds.rows);
  });

  it('puts back every object from its file at the next migrate, when dropped or changed by hand', async () => {
    const before = await catalog(client);
    const tenancy = await readFile(path.join(here, 'shared', 'tenancy.sql'), 'utf8');
    const fromFiles = before.functions.filter(({ name }) => !tenancy.includes(`FUNCTION ${name}(`));
    expect(fromFiles.length).toBeGreaterThan(0);
    // CASCADE takes the triggers that run them too.
    for (const { signature } of fromFiles) await client.query(`drop function ${signature} cascade`);
    for (const { name, kind } of before.views) {
      await client.query(`drop ${kind === 'm' ? 'materialized view' : 'view'} ${name}`);
      await client.query(`create ${kind === 'm' ? 'materialized view' : 'view'} ${name} as select 1 as stale`);
    }
    await migrateAgain();
    expect(await catalog(client)).toEqual(before);
  });
});
