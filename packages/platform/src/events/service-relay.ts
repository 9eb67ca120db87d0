import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { createPgPool } from '../db/pg-pool.js';
import { createEventBus } from './event-bus.js';
import { createEventStream } from './event-stream.js';
import { OutboxRelay } from './outbox-relay.js';

export interface ServiceRelayOptions {
  service: string;
  databaseUrl: string;
  redisUrl: string | undefined;
  namespace: string;
  logger: Logger;
  metrics: Metrics;
  /** Events also appended to their Redis Streams (the catalog's DURABLE_EVENT_TYPES). */
  durableEventTypes?: ReadonlySet<string>;
  /** Days published outbox rows are kept (default 7). */
  retentionDays?: number;
}

/**
 * The outbox relay a standalone SQL subgraph runs beside itself: committed events go to Redis,
 * where every gateway listens. Without Redis no other process could hear them, so it relays nothing.
 */
export async function startServiceRelay(options: ServiceRelayOptions): Promise<{ stop(): Promise<void> }> {
  const { service, databaseUrl, redisUrl, logger, metrics } = options;
  if (!redisUrl) return { stop: async () => {} };
  const bus = createEventBus(redisUrl, options.namespace, service, logger);
  const stream = createEventStream(redisUrl, options.namespace, service, logger);
  const pool = createPgPool({ url: databaseUrl, label: `${service}-relay`, logger, metrics, max: 2 });
  const { durableEventTypes, retentionDays } = options;
  const relay = new OutboxRelay({ pool, databaseUrl, bus, stream, durableEventTypes, logger: logger.child('relay'), metrics, label: service, retentionDays });
  await relay.start();
  return {
    async stop() {
      await relay.stop();
      await Promise.all([pool.end(), bus.close(), stream.close()]);
    },
  };
}
