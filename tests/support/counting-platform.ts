import { inject } from 'vitest';
import { createLogger, type Logger } from '@studbook/platform';
import { testBucketName } from './object-store.js';
import { startPlatform, type PlatformConfig, type RunningPlatform } from '../../embedded/src/platform.js';

/**
 * A second platform on the test databases with its own metrics, for tests that count SQL
 * statements or read its logs: the shared platform's counters also move with every other test file's requests.
 */
export function startCountingPlatform(name: string, options: Pick<PlatformConfig, 'mediaSettings'> & { logger?: Logger } = {}): Promise<RunningPlatform> {
  return startPlatform({
    postgresAdminUrl: inject('postgresAdminUrl'),
    databasePrefix: new URL(inject('serviceDatabaseUrls').animal).pathname.slice(1).replace(/_animal$/, ''),
    appRole: 'studbook_app',
    appPassword: 'studbook_app',
    redisUrl: inject('redisUrl') || undefined,
    dynamo: { endpoint: inject('dynamoEndpoint'), region: 'local', tableName: 'studbook-test' },
    objectStore: { endpoint: inject('s3Endpoint'), region: 'local', bucket: testBucketName() },
    identityKeys: { privateKey: inject('identityPrivateKey'), publicKey: inject('identityPublicKey') },
    gateway: { port: 0 },
    ...options,
    logger: options.logger ?? createLogger(name, { silent: true }),
  });
}
