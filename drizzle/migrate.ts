import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';

export const SERVICE_DATABASES = ['animal', 'commerce', 'research'] as const;
export type ServiceDatabase = (typeof SERVICE_DATABASES)[number];

export interface MigrateOptions {
  /** A superuser (or database owner) URL to the server; its database part is ignored. */
  adminUrl: string;
  databaseName: string;
  appRole: string;
  appPassword: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** The URL a service uses at run time: same server, its own database, the RLS-bound role. */
export function serviceDatabaseUrl(options: MigrateOptions): string {
  const url = new URL(options.adminUrl);
  url.username = options.appRole;
  url.password = options.appPassword;
  url.pathname = `/${options.databaseName}`;
  return url.toString();
}

export function adminUrlFor(adminUrl: string, databaseName: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
}

/**
 * Creates the service database and its role when missing, applies the generated Drizzle
 * migrations and the current hand-written functions, triggers and views, then secures every
 * tenant table (RLS forced, audit trigger, least-privilege grants).
 * Safe to run concurrently: the work inside the database holds an advisory lock.
 */
export async function migrateServiceDatabase(service: ServiceDatabase, options: MigrateOptions): Promise<void> {
  for (const name of [options.databaseName, options.appRole]) {
    if (!IDENTIFIER.test(name)) throw new Error(`Not a safe SQL identifier: ${name}`);
  }
  await ensureDatabaseAndRole(options);
  const client = new pg.Client({ connectionString: adminUrlFor(options.adminUrl, options.databaseName) });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock(7707)');
    await client.query(await readFile(path.join(here, 'shared', 'tenancy.sql'), 'utf8'));
    await migrate(drizzle(client), { migrationsFolder: path.join(here, service, 'migrations') });
    await applyDefinitions(client, service);
    await secureTables(client, options.appRole);
  } finally {
    await client.query('select pg_advisory_unlock(7707)').catch(() => undefined);
    await client.end();
  }
}

const DEADLOCK = '40P01';
const SECURE_ATTEMPTS = 5;

/**
 * Runs studbook_secure_tables, whose ALTER TABLE and policy statements take each tenant table's
 * exclusive lock in turn, against a database that may be serving: a request reading two tables can
 * hold one of them while this waits for it. The migrator waits only briefly before PostgreSQL's
 * deadlock check (so it, not the request, is the one aborted) and tries again.
 */
async function secureTables(client: pg.Client, appRole: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await client.query('begin');
    try {
      await preferToBeTheDeadlockVictim(client);
      await client.query('select studbook_secure_tables($1)', [appRole]);
      await client.query('commit');
      return;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      if ((error as { code?: string }).code !== DEADLOCK || attempt === SECURE_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

/** deadlock_timeout is a superuser setting; a database owner migrating keeps the server's (a savepoint absorbs the refusal). */
async function preferToBeTheDeadlockVictim(client: pg.Client): Promise<void> {
  await client.query('savepoint deadlock_timeout');
  try {
    await client.query("set local deadlock_timeout = '50ms'");
    await client.query('release savepoint deadlock_timeout');
  } catch {
    await client.query('rollback to savepoint deadlock_timeout');
  }
}

/**
 * The files that hold the current definition of a database's hand-written functions, triggers and
 * views (see drizzle/README.md), in the order they are applied: the shared outbox SQL, then the
 * database's own functions/ folder by name.
 */
export async function definitionFiles(service: ServiceDatabase): Promise<string[]> {
  const folder = path.join(here, service, 'functions');
  const own = await readdir(folder).catch((error: { code?: string }) => (error.code === 'ENOENT' ? [] : Promise.reject(error)));
  return [
    path.join(here, 'shared', 'outbox.sql'),
    ...own
      .filter((name) => name.endsWith('.sql'))
      .sort()
      .map((name) => path.join(folder, name)),
  ];
}

// The migrations are history; these files are the current bodies, so a body change needs no new
// migration. One transaction: a file that fails leaves every previous body in place.
async function applyDefinitions(client: pg.Client, service: ServiceDatabase): Promise<void> {
  const files = await definitionFiles(service);
  const sources = await Promise.all(files.map((file) => readFile(file, 'utf8')));
  await client.query('begin');
  try {
    for (const [index, sql] of sources.entries()) {
      await client.query(sql).catch((error: Error) => {
        throw new Error(`${path.relative(here, files[index])}: ${error.message}`, { cause: error });
      });
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
}

/** Creates the service role and an empty database when missing (migrateServiceDatabase then fills it; a restore loads a dump into it). */
export async function ensureDatabaseAndRole(options: MigrateOptions): Promise<void> {
  const client = new pg.Client({ connectionString: options.adminUrl });
  await client.connect();
  try {
    const { rowCount: hasRole } = await client.query('select 1 from pg_roles where rolname = $1', [options.appRole]);
    if (!hasRole) {
      const password = (await client.query('select quote_literal($1) as p', [options.appPassword])).rows[0].p;
      // A role that owns nothing, is no superuser and cannot bypass RLS.
      await client.query(`create role ${options.appRole} login password ${password} nosuperuser nobypassrls nocreatedb nocreaterole`).catch(ignoreCode('42710', '23505')); // concurrent migrations race to create it
    }
    const { rowCount: hasDatabase } = await client.query('select 1 from pg_database where datname = $1', [options.databaseName]);
    if (!hasDatabase) await client.query(`create database ${options.databaseName}`).catch(ignoreCode('42P04', '23505'));
  } finally {
    await client.end();
  }
}

function ignoreCode(...codes: string[]) {
  return (error: { code?: string }) => {
    if (!codes.includes(error.code ?? '')) throw error;
  };
}

/** Migrates the database a service URL points at, creating its role with that URL's credentials. */
export function migrateForServiceUrl(service: ServiceDatabase, adminUrl: string, serviceUrl: string): Promise<void> {
  const url = new URL(serviceUrl);
  return migrateServiceDatabase(service, {
    adminUrl,
    databaseName: url.pathname.slice(1),
    appRole: decodeURIComponent(url.username),
    appPassword: decodeURIComponent(url.password),
  });
}
