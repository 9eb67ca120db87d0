import type pg from 'pg';
import { inject } from 'vitest';
import { startGateway } from '@studbook/gateway/src/server.js';
import { loadSupergraph } from '@studbook/gateway/src/supergraph.js';
import {
  createCache,
  createEventBus,
  createIdentitySigner,
  createIdentityVerifier,
  createLogger,
  createPgPool,
  Metrics,
  type Cache,
  type EventBus,
  type IdentityVerifier,
  type Logger,
  type RunningServer,
} from '@studbook/platform';

type Service = 'animal' | 'commerce';

/** What a second replica of one SQL subgraph is started from: the test platform's database, Redis and keys. */
export interface SecondInstanceParts {
  logger: Logger;
  metrics: Metrics;
  pool: pg.Pool;
  databaseUrl: string;
  redisUrl: string;
  cache: Cache;
  bus: EventBus;
  identityVerifier: IdentityVerifier;
}

/**
 * A second replica of `service` and a second gateway in front of it, sharing the test platform's
 * PostgreSQL and Redis (every other subgraph is the platform's): what two replicas behind a load
 * balancer are. `start` starts the subgraph (and anything beside it) from the shared parts.
 */
export async function startSecondInstance(
  service: Service,
  start: (parts: SecondInstanceParts) => Promise<RunningServer>,
): Promise<{ gatewayUrl: string; stop(): Promise<void> }> {
  const logger = createLogger(`second-${service}`, { silent: true });
  const redisUrl = inject('redisUrl');
  const databaseUrl = inject('serviceDatabaseUrls')[service];
  // Channels are namespaced by the database prefix, as in the platform (embedded/src/platform.ts).
  const namespace = new URL(databaseUrl).pathname.slice(1).replace(new RegExp(`_${service}$`), '');
  const metrics = new Metrics();
  const parts: SecondInstanceParts = {
    logger,
    metrics,
    databaseUrl,
    redisUrl,
    pool: createPgPool({ url: databaseUrl, label: `${service}-2`, logger, metrics }),
    cache: createCache(redisUrl, 'second', logger),
    bus: createEventBus(redisUrl, namespace, 'second', logger),
    identityVerifier: createIdentityVerifier(inject('identityPublicKey')),
  };
  const subgraph = await start(parts);
  const gateway = await startGateway(
    {
      supergraphSdl: loadSupergraph(),
      subgraphUrls: { ...inject('subgraphUrls'), [service]: subgraph.url },
      identitySigner: createIdentitySigner(inject('identityPrivateKey')),
      cache: parts.cache,
      events: parts.bus,
      logger,
      metrics,
    },
    { port: 0 },
  );
  return {
    gatewayUrl: gateway.url,
    async stop() {
      await gateway.stop();
      await subgraph.stop();
      await Promise.all([parts.pool.end(), parts.cache.close(), parts.bus.close()]);
    },
  };
}
