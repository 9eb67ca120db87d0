import { inject } from 'vitest';
import { createLogger, type Logger } from '@studbook/platform';
import { startPlatform, type RunningPlatform } from '../../embedded/src/platform.js';

/**
 * A second platform on the test databases with its own metrics, for tests that count SQL
 * statements or read its logs: the shared platform's counters also move with every other test file's requests.
 */
export function startCountingPlatform(name: string, options: { logger?: Logger } = {}): Promise<RunningPlatform> {
  return startPlatform({
    postgresAdminUrl: inject('postgresAdminUrl'),
    databasePrefix: new URL(inject('serviceDatabaseUrls').animal).pathname.slice(1).replace(/_animal$/, ''),
    appRole: 'studbook_app',
    appPassword: 'studbook_app',
    redisUrl: inject('redisUrl') || undefined,
    dynamo: { endpoint: inject('dynamoEndpoint'), region: 'local', tableName: 'studbook-test' },
    identityKeys: { privateKey: inject('identityPrivateKey'), publicKey: inject('identityPublicKey') },
    gateway: { port: 0 },
    logger: options.logger ?? createLogger(name, { silent: true }),
  });
}
