import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createLogger, generateIdentityKeyPair } from '@studbook/platform';
import { migrateServiceDatabase, SERVICE_DATABASES, serviceDatabaseUrl, type ServiceDatabase } from '@studbook/drizzle/migrate';
import { startStores } from '../../embedded/src/stores.js';
import { dropDatabases } from './drop-databases.js';
import { TEST_DATABASE_PREFIX } from './global-setup.js';

/** Not the integration run's databases: both setups may run at once, and each drops its own at start. */
const MODULE_DATABASE_PREFIX = `${TEST_DATABASE_PREFIX}_modules`;

/**
 * The stores alone, for the tests that sit next to their code (a module against real PostgreSQL,
 * a store against DynamoDB, the cache against Redis): migrated service databases, no subgraph and
 * no gateway, so `npx vitest run subgraphs/commerce` is ready in seconds. The cross-service
 * tests in tests/ get the whole platform (global-setup.ts).
 */
export default async function setup(project: TestProject) {
  const logger = createLogger('test', { silent: true });
  const root = path.resolve(import.meta.dirname, '..', '..');
  const stores = await startStores({
    postgresUrl: process.env.POSTGRES_URL,
    // Its own embedded server when none is configured: the integration setup may be running one.
    postgresDataDir: path.join(root, '.data', 'test-postgres-modules'),
    postgresPort: 54331,
    s3Directory: path.join(root, '.data', 'test-s3-modules', TEST_DATABASE_PREFIX),
    logger,
  });
  const options = (service: ServiceDatabase) => ({
    adminUrl: stores.postgresAdminUrl,
    databaseName: `${MODULE_DATABASE_PREFIX}_${service}`,
    appRole: 'studbook_app',
    appPassword: 'studbook_app',
  });
  await dropDatabases(
    stores.postgresAdminUrl,
    SERVICE_DATABASES.map((service) => options(service).databaseName),
  );
  await Promise.all(SERVICE_DATABASES.map((service) => migrateServiceDatabase(service, options(service))));
  const identityKeys = generateIdentityKeyPair();
  project.provide('postgresAdminUrl', stores.postgresAdminUrl);
  project.provide('serviceDatabaseUrls', Object.fromEntries(SERVICE_DATABASES.map((s) => [s, serviceDatabaseUrl(options(s))])) as Record<ServiceDatabase, string>);
  project.provide('dynamoEndpoint', stores.dynamoEndpoint);
  project.provide('s3Endpoint', stores.s3Endpoint!);
  project.provide('redisUrl', process.env.REDIS_URL ?? '');
  project.provide('identityPrivateKey', identityKeys.privateKey);
  project.provide('identityPublicKey', identityKeys.publicKey);
  return () => stores.stop();
}
