import pg from 'pg';
import { inject } from 'vitest';
import { SERVICE_DATABASES } from '@studbook/drizzle/migrate';
import { generateIdentityKeyPair } from '@studbook/platform';
import { freePort, spawnEntry, stopProcess, waitUntilAnswering, type RunningProcess } from './processes.js';

type Service = 'animal' | 'commerce' | 'research' | 'user' | 'gateway';

const ENTRIES: Record<Service, string> = {
  animal: 'subgraphs/animal/src/index.ts',
  commerce: 'subgraphs/commerce/src/index.ts',
  research: 'subgraphs/research/src/index.ts',
  user: 'subgraphs/user/src/index.ts',
  gateway: 'gateway/src/index.ts',
};

/**
 * The whole platform as docker-compose runs it, each service a process of its own on databases
 * `<prefix>_<service>` and its own Redis namespace (so nothing else on the Redis server reads its
 * streams), for a test that kills a service mid-way (SIGKILL: no shutdown hook runs) and starts it
 * again on the same port and with the same consumer names, as a supervisor restarts a container.
 */
export interface ProcessPlatform {
  gatewayUrl: string;
  /** The Redis namespace of its channels and streams (`<namespace>:stream:<event type>`). */
  namespace: string;
  /** The superuser's URL of a service database, to look behind RLS. */
  adminUrlOf(service: 'animal' | 'commerce'): string;
  /** The service role's URL of a service database (as the service connects). */
  serviceUrlOf(service: 'animal' | 'commerce'): string;
  kill(service: Service): Promise<void>;
  /** SIGSTOP, then SIGCONT: a service that hangs (its port open, answering nothing), then carries on. */
  pause(service: Service): void;
  resume(service: Service): void;
  start(service: Service): Promise<void>;
  stop(): Promise<void>;
}

export async function startProcessPlatform(prefix: string): Promise<ProcessPlatform> {
  const admin = new URL(inject('postgresAdminUrl'));
  const urlOf = (service: string, user?: string) => {
    const url = new URL(admin);
    if (user) Object.assign(url, { username: user, password: user });
    url.pathname = `/${prefix}_${service}`;
    return url.toString();
  };
  await dropDatabases(admin.toString(), prefix);
  const keys = generateIdentityKeyPair();
  const ports = Object.fromEntries(await Promise.all(Object.keys(ENTRIES).map(async (service) => [service, await freePort()]))) as Record<Service, number>;
  const graphqlUrl = (service: Service) => `http://127.0.0.1:${ports[service]}/graphql`;
  const shared = { REDIS_URL: inject('redisUrl'), EVENTS_NAMESPACE: prefix, LOG_SILENT: 'true' };
  const subgraph = { ...shared, IDENTITY_PUBLIC_KEY: keys.publicKey, MIGRATE_DATABASE_URL: admin.toString() };
  const env: Record<Service, Record<string, string>> = {
    animal: { ...subgraph, DATABASE_URL: urlOf('animal', 'studbook_app'), S3_ENDPOINT: inject('s3Endpoint'), S3_BUCKET: `${prefix}-media`.replace(/_/g, '-') },
    user: { ...shared, IDENTITY_PUBLIC_KEY: keys.publicKey, DYNAMODB_ENDPOINT: inject('dynamoEndpoint'), DYNAMODB_TABLE: `${prefix}-${Date.now()}` },
    commerce: { ...subgraph, DATABASE_URL: urlOf('commerce', 'studbook_app'), ANIMAL_SUBGRAPH_URL: graphqlUrl('animal') },
    research: { ...subgraph, DATABASE_URL: urlOf('research', 'studbook_app'), ANIMAL_SUBGRAPH_URL: graphqlUrl('animal') },
    gateway: {
      ...shared,
      IDENTITY_PRIVATE_KEY: keys.privateKey,
      ANIMAL_URL: graphqlUrl('animal'),
      COMMERCE_URL: graphqlUrl('commerce'),
      RESEARCH_URL: graphqlUrl('research'),
      USER_URL: graphqlUrl('user'),
      RATE_LIMIT_PER_ADDRESS: '0',
      RATE_LIMIT_PER_SESSION: '0',
      AUTH_RATE_LIMIT_PER_ADDRESS: '0',
      AUTH_RATE_LIMIT_PER_SESSION: '0',
    },
  };
  const running = new Map<Service, RunningProcess>();
  const start = async (service: Service) => {
    const process = spawnEntry(ENTRIES[service], { ...env[service], PORT: String(ports[service]) });
    running.set(service, process);
    await waitUntilAnswering(ports[service], process);
  };
  const platform: ProcessPlatform = {
    gatewayUrl: graphqlUrl('gateway'),
    namespace: prefix,
    adminUrlOf: (service) => urlOf(service),
    serviceUrlOf: (service) => urlOf(service, 'studbook_app'),
    start,
    async kill(service) {
      const process = running.get(service);
      running.delete(service);
      if (process) await stopProcess(process, 'SIGKILL');
    },
    pause: (service) => void running.get(service)?.child.kill('SIGSTOP'),
    resume: (service) => void running.get(service)?.child.kill('SIGCONT'),
    async stop() {
      await Promise.all([...running.values()].map((process) => stopProcess(process, 'SIGKILL')));
      running.clear();
      await dropDatabases(admin.toString(), prefix);
    },
  };
  try {
    // Animal first: it creates the shared service role the others connect as.
    await Promise.all([start('animal'), start('user')]);
    await Promise.all([start('commerce'), start('research')]);
    await start('gateway');
  } catch (error) {
    await platform.stop();
    throw error;
  }
  return platform;
}

async function dropDatabases(adminUrl: string, prefix: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (const service of SERVICE_DATABASES) await client.query(`drop database if exists ${prefix}_${service} with (force)`);
  } finally {
    await client.end();
  }
}
