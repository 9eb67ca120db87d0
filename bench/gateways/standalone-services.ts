import pg from 'pg';
import { SERVICE_DATABASES } from '@studbook/drizzle/migrate';
import type { IdentityKeyPair } from '@studbook/platform';
import { freePort, spawnEntry, stopProcess, type RunningProcess } from '../../tests/support/processes.js';
import type { SubgraphTargets } from './supergraph-routing.js';

export interface Service {
  name: string;
  url: string;
  pid: number;
  process: RunningProcess;
}

const graphqlUrl = (port: number) => `http://127.0.0.1:${port}/graphql`;
/** Every process started here and not yet stopped, so a failed start leaves none behind. */
const running = new Set<Service>();

/** Starts a TypeScript entry in a process of its own and waits until `readyPath` answers 200 (or anything, for '/graphql'). */
export async function startService(name: string, entry: string, env: Record<string, string>, readyPath = '/ready'): Promise<Service> {
  const port = await freePort();
  const process = spawnEntry(entry, { ...env, PORT: String(port), LOG_SILENT: 'true' });
  const service = { name, url: graphqlUrl(port), pid: process.child.pid!, process };
  running.add(service);
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (process.child.exitCode !== null) throw new Error(`${name} exited with ${process.child.exitCode}:\n${process.output()}`);
    if (Date.now() > deadline) throw new Error(`${name} not ready in time:\n${process.output()}`);
    const answered = await fetch(
      `http://127.0.0.1:${port}${readyPath}`,
      readyPath === '/graphql' ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{__typename}"}' } : {},
    ).then(
      (r) => readyPath === '/graphql' || r.ok,
      () => false,
    );
    if (answered) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return service;
}

/** SIGTERM, then SIGKILL after 5 s: Hive Gateway's process does not always exit on SIGTERM alone. */
export async function stopService(service: Service): Promise<void> {
  running.delete(service);
  const killer = setTimeout(() => service.process.child.kill('SIGKILL'), 5_000);
  await stopProcess(service.process, 'SIGTERM');
  clearTimeout(killer);
}

export const stopAllServices = () => Promise.all([...running].map(stopService));

/** The four subgraphs, each in its own process as docker-compose runs them, on databases named `<prefix>_<service>`. */
export async function startSubgraphs(options: {
  postgresAdminUrl: string;
  prefix: string;
  dynamoEndpoint: string;
  /** The bench's s3rver (bench/index.ts starts one); unset: AWS S3 by the usual settings. */
  s3Endpoint?: string;
  keys: IdentityKeyPair;
}): Promise<Service[]> {
  const admin = new URL(options.postgresAdminUrl);
  const client = new pg.Client({ connectionString: options.postgresAdminUrl });
  await client.connect();
  for (const service of SERVICE_DATABASES) await client.query(`drop database if exists ${options.prefix}_${service} with (force)`);
  await client.end();
  const serviceUrl = (service: string) => {
    const url = new URL(admin);
    Object.assign(url, { username: 'studbook_app', password: 'studbook_app', pathname: `/${options.prefix}_${service}` });
    return url.toString();
  };
  const shared = { ...(process.env.REDIS_URL && { REDIS_URL: process.env.REDIS_URL }), IDENTITY_PUBLIC_KEY: options.keys.publicKey };
  const [animal, user] = await Promise.all([
    startService('animal', 'subgraphs/animal/src/index.ts', {
      ...shared,
      DATABASE_URL: serviceUrl('animal'),
      MIGRATE_DATABASE_URL: admin.toString(),
      ...(options.s3Endpoint && { S3_ENDPOINT: options.s3Endpoint }),
      S3_BUCKET: `${options.prefix}-gateways-media`.replace(/_/g, '-'),
    }),
    startService('user', 'subgraphs/user/src/index.ts', { ...shared, DYNAMODB_ENDPOINT: options.dynamoEndpoint, DYNAMODB_TABLE: `bench-gateways-${Date.now()}` }),
  ]);
  const others = await Promise.all(
    (['commerce', 'research'] as const).map((name) =>
      startService(name, `subgraphs/${name}/src/index.ts`, {
        ...shared,
        DATABASE_URL: serviceUrl(name),
        MIGRATE_DATABASE_URL: admin.toString(),
        ANIMAL_SUBGRAPH_URL: animal.url,
      }),
    ),
  );
  return [animal, ...others, user];
}

export const targetsOf = (subgraphs: Service[]): SubgraphTargets => Object.fromEntries(subgraphs.map((s) => [s.name, s.url])) as SubgraphTargets;

/**
 * Studbook's own gateway, standalone, with rate limits off (one address sends everything) and every other limit as shipped;
 * `env` adds settings (SUBGRAPH_DEDUPE=off).
 */
export function startStudbookGateway(targets: SubgraphTargets, keys: IdentityKeyPair, env: Record<string, string> = {}, name = 'studbook'): Promise<Service> {
  return startService(name, 'gateway/src/index.ts', {
    ...(process.env.REDIS_URL && { REDIS_URL: process.env.REDIS_URL }),
    IDENTITY_PRIVATE_KEY: keys.privateKey,
    ANIMAL_URL: targets.animal,
    COMMERCE_URL: targets.commerce,
    RESEARCH_URL: targets.research,
    USER_URL: targets.user,
    // Rate limits counted on Redis as in production, with budgets no run reaches (one caller sends every request here).
    RATE_LIMIT_PER_ADDRESS: UNREACHED_BUDGET,
    RATE_LIMIT_PER_SESSION: UNREACHED_BUDGET,
    AUTH_RATE_LIMIT_PER_ADDRESS: UNREACHED_BUDGET,
    AUTH_RATE_LIMIT_PER_SESSION: UNREACHED_BUDGET,
    ...env,
  });
}

const UNREACHED_BUDGET = String(1_000_000_000);

export { freePort };
