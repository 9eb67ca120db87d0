import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createLogger, generateIdentityKeyPair } from '@studbook/platform';
import { SERVICE_DATABASES } from '@studbook/drizzle/migrate';
import { startPlatform } from '../../embedded/src/platform.js';
import { gatewayPolicyFrom } from '../../gateway/src/policy.js';
import { startStores } from '../../embedded/src/stores.js';
import { dropDatabases } from './drop-databases.js';
import { ensureWebBuild } from '../../gateway/src/web/web-build.js';
import { WEB_DIR } from '../../gateway/src/web/web-paths.js';

// Distinct prefixes let two test runs share one PostgreSQL server without dropping each other's databases.
export const TEST_DATABASE_PREFIX = process.env.STUDBOOK_TEST_DB_PREFIX ?? 'studbook_test';

declare module 'vitest' {
  export interface ProvidedContext {
    gatewayUrl: string;
    subgraphUrls: Record<'animal' | 'commerce' | 'research' | 'user', string>;
    postgresAdminUrl: string;
    serviceDatabaseUrls: Record<'animal' | 'commerce' | 'research', string>;
    dynamoEndpoint: string;
    /** The run's s3rver; the media bucket is testBucketName() (support/object-store.ts). */
    s3Endpoint: string;
    redisUrl: string;
    /** PEM keys of this run: tests sign as the gateway with the private one. */
    identityPrivateKey: string;
    identityPublicKey: string;
  }
}

/**
 * Starts the real platform once for all integration tests: PostgreSQL from POSTGRES_URL (else
 * embedded), Redis from REDIS_URL (else the in-process cache), dynalite for DynamoDB.
 */
export default async function setup(project: TestProject) {
  const logger = createLogger('test', { silent: true });
  // The gateway serves web/dist to the browser tests: built here once, before test files run in parallel.
  ensureWebBuild(WEB_DIR);
  const root = path.resolve(import.meta.dirname, '..', '..');
  const stores = await startStores({
    postgresUrl: process.env.POSTGRES_URL,
    postgresDataDir: path.join(root, '.data', 'test-postgres'),
    postgresPort: 54330,
    s3Directory: path.join(root, '.data', 'test-s3', TEST_DATABASE_PREFIX),
    logger,
  });
  await dropDatabases(
    stores.postgresAdminUrl,
    SERVICE_DATABASES.map((service) => `${TEST_DATABASE_PREFIX}_${service}`),
  );
  const identityKeys = generateIdentityKeyPair();
  const platform = await startPlatform({
    postgresAdminUrl: stores.postgresAdminUrl,
    databasePrefix: TEST_DATABASE_PREFIX,
    appRole: 'studbook_app',
    appPassword: 'studbook_app',
    redisUrl: process.env.REDIS_URL,
    dynamo: { endpoint: stores.dynamoEndpoint, region: 'local', tableName: 'studbook-test' },
    objectStore: { endpoint: stores.s3Endpoint, region: 'local', bucket: `${TEST_DATABASE_PREFIX}-media`.replace(/_/g, '-') },
    identityKeys,
    gateway: { port: 0, host: '127.0.0.1' },
    // Every test file signs up and queries from 127.0.0.1: the suite's traffic must not throttle
    // itself, nor spend the counters of gateways that test the production limits (their own prefix).
    gatewayPolicy: gatewayPolicyFrom({
      RATE_LIMIT_PER_ADDRESS: 1_000_000,
      RATE_LIMIT_PER_SESSION: 1_000_000,
      AUTH_RATE_LIMIT_PER_ADDRESS: 1_000_000,
      AUTH_RATE_LIMIT_PER_SESSION: 1_000_000,
      RATE_LIMIT_KEY_PREFIX: `${TEST_DATABASE_PREFIX}:rate`,
    }),
    logger,
  });
  project.provide('gatewayUrl', platform.gatewayUrl);
  project.provide('subgraphUrls', platform.subgraphUrls);
  project.provide('postgresAdminUrl', stores.postgresAdminUrl);
  project.provide('serviceDatabaseUrls', platform.databaseUrls);
  project.provide('dynamoEndpoint', stores.dynamoEndpoint);
  project.provide('s3Endpoint', stores.s3Endpoint!);
  project.provide('redisUrl', process.env.REDIS_URL ?? '');
  project.provide('identityPrivateKey', identityKeys.privateKey);
  project.provide('identityPublicKey', identityKeys.publicKey);

  return async () => {
    await platform.stop();
    await stores.stop();
  };
}
