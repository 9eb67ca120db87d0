import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { dropDatabases } from './drop-databases.js';
import { adminUrlFor, migrateServiceDatabase, serviceDatabaseUrl, type MigrateOptions, type ServiceDatabase } from '@studbook/drizzle/migrate';
import {
  createIdentitySigner,
  createIdentityVerifier,
  createLogger,
  createPgPool,
  generateIdentityKeyPair,
  IDENTITY_HEADER,
  Metrics,
  type Identity,
  type IdentityKeyPair,
  type IdentityVerifier,
  type Logger,
  type RunningServer,
  type UserIdentity,
} from '@studbook/platform';

/** What every SQL subgraph's start takes; the test adds what is its own (e.g. the animal subgraph's URL). */
export interface SqlSubgraphDeps {
  /** Connected to the fresh database as the RLS-bound service role, as in production. */
  pool: pg.Pool;
  identityVerifier: IdentityVerifier;
  logger: Logger;
  metrics: Metrics;
}

export type SqlSubgraphStart = (deps: SqlSubgraphDeps, listen: { port: number; host: string }) => Promise<RunningServer>;

export interface GraphQLResponse<Data = Record<string, unknown>> {
  status: number;
  data?: Data | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** The first error's code and field, as a client reads a refusal. */
export const errorOf = (response: GraphQLResponse<unknown>) => ({ code: response.errors?.[0]?.extensions?.code, field: response.errors?.[0]?.extensions?.field });

export interface SqlSubgraphHarness {
  url: string;
  databaseName: string;
  /** The gateway this harness plays: it signs with the private half, the subgraph holds the public one. */
  identityKeys: IdentityKeyPair;
  /** Sends an operation straight to the subgraph, as the gateway would forward it for `identity`. */
  request<Data = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, identity?: Identity): Promise<GraphQLResponse<Data>>;
  /** Runs SQL as the superuser, behind RLS, to see what was (not) written. */
  asAdmin<T extends pg.QueryResultRow = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  /** How many rows of each tenant table (domain, audit, outbox, idempotency keys) belong to this tenant. */
  tenantFootprint(tenantId: string): Promise<Record<string, number>>;
  /** Stops the server and drops its database. */
  stop(): Promise<void>;
}

/** A signed-in member of a new organisation of their own: a fresh tenant for each test. */
export function aMember(role: UserIdentity['role'] = 'OWNER'): UserIdentity {
  return { kind: 'user', userId: randomUUID(), organizationId: randomUUID(), role };
}

/**
 * One SQL subgraph in this process, on a random port, over a fresh database migrated as the
 * platform migrates (drizzle/migrate.ts) on the test run's PostgreSQL server. It verifies tokens
 * of a key pair of its own (or the one given, so two harnesses trust the same gateway), and
 * nothing else runs: no gateway, no other subgraph unless the test starts one.
 */
export async function startSqlSubgraphHarness(
  service: ServiceDatabase,
  start: SqlSubgraphStart,
  { identityKeys = generateIdentityKeyPair() }: { identityKeys?: IdentityKeyPair } = {},
): Promise<SqlSubgraphHarness> {
  const migration = freshDatabase(service);
  await migrateServiceDatabase(service, migration);
  const logger = createLogger(`${service}-harness`, { silent: true });
  const metrics = new Metrics();
  const pool = createPgPool({ url: serviceDatabaseUrl(migration), label: `${service}-harness`, logger, metrics });
  const admin = new pg.Pool({ connectionString: adminUrlFor(migration.adminUrl, migration.databaseName), max: 2 });
  const release = async () => {
    await Promise.all([pool.end(), admin.end()]);
    await dropDatabases(migration.adminUrl, [migration.databaseName]);
  };
  const signer = createIdentitySigner(identityKeys.privateKey);
  const server = await start({ pool, identityVerifier: createIdentityVerifier(identityKeys.publicKey), logger, metrics }, { port: 0, host: '127.0.0.1' }).catch(
    async (error) => {
      await release();
      throw error;
    },
  );
  const asAdmin = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => (await admin.query<T>(text, values)).rows;

  return {
    url: server.url,
    databaseName: migration.databaseName,
    identityKeys,
    async request(query, variables = {}, identity = { kind: 'anonymous' }) {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: await signer.sign(identity) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as Omit<GraphQLResponse<never>, 'status'>) };
    },
    asAdmin,
    async tenantFootprint(tenantId) {
      const tables = await asAdmin<{ table_name: string }>(
        `select table_name from information_schema.columns where table_schema = 'public' and column_name = 'tenant_id' order by table_name`,
      );
      const counts: Record<string, number> = {};
      for (const { table_name } of tables) {
        const [row] = await asAdmin<{ n: string }>(`select count(*) as n from "${table_name}" where tenant_id = $1`, [tenantId]);
        counts[table_name] = Number(row.n);
      }
      return counts;
    },
    async stop() {
      await server.stop();
      await release();
    },
  };
}

// Named after the run's own database of this service (so STUDBOOK_TEST_DB_PREFIX keeps runs apart)
// with a random tail, and with the run's service role, which already exists.
function freshDatabase(service: ServiceDatabase): MigrateOptions {
  const runDatabase = new URL(inject('serviceDatabaseUrls')[service]);
  return {
    adminUrl: inject('postgresAdminUrl'),
    databaseName: `${runDatabase.pathname.slice(1)}_${randomBytes(4).toString('hex')}`,
    appRole: decodeURIComponent(runDatabase.username),
    appPassword: decodeURIComponent(runDatabase.password),
  };
}
