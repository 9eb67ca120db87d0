import type pg from 'pg';
import { inject } from 'vitest';
import { startAnimalSubgraph } from '@studbook/animal/src/server.js';
import { startGateway } from '@studbook/gateway/src/server.js';
import { loadSupergraph } from '@studbook/gateway/src/supergraph.js';
import { testObjectStore } from '../support/object-store.js';
import { createCache, createIdentitySigner, createIdentityVerifier, createLogger, createPgPool, Metrics, SQL_STATEMENTS_METRIC } from '@studbook/platform';

/**
 * One more animal subgraph against the test platform's database, behind a gateway of its own that
 * uses the platform's other subgraphs: a second replica of the animal service, as deployed.
 */
export interface ExtraInstance {
  gatewayUrl: string;
  /** SQL statements this instance's animal pool has sent so far. */
  statements(): number;
  stop(): Promise<void>;
}

export async function startExtraInstance(redisUrl: string | undefined): Promise<ExtraInstance> {
  const logger = createLogger('extra-animal', { silent: true });
  const metrics = new Metrics();
  const pool: pg.Pool = createPgPool({ url: inject('serviceDatabaseUrls').animal, label: 'animal', logger, metrics });
  const identitySigner = createIdentitySigner(inject('identityPrivateKey'));
  const identityVerifier = createIdentityVerifier(inject('identityPublicKey'));
  const cache = createCache(redisUrl, 'extra', logger);
  const objects = testObjectStore();
  const animal = await startAnimalSubgraph({ pool, identityVerifier, logger, metrics, redisUrl, objects }, { port: 0, host: '127.0.0.1' });
  const gateway = await startGateway(
    { supergraphSdl: loadSupergraph(), subgraphUrls: { ...inject('subgraphUrls'), animal: animal.url }, identitySigner, cache, logger, metrics },
    { port: 0, host: '127.0.0.1' },
  );
  return {
    gatewayUrl: gateway.url,
    statements: () => metrics.get(SQL_STATEMENTS_METRIC, { pool: 'animal' }),
    async stop() {
      await gateway.stop();
      await animal.stop();
      await Promise.all([pool.end(), cache.close()]);
      objects.close();
    },
  };
}
