import { migrateForServiceUrl } from '@studbook/drizzle/migrate';
import { DURABLE_EVENT_TYPES } from '@studbook/contracts/events';
import {
  createCache,
  createEventBus,
  createEventStream,
  createIdentityVerifier,
  createLogger,
  createPgPool,
  Metrics,
  startServiceRelay,
  stopOnSignals,
} from '@studbook/platform';
import { commerceEnv } from './env.js';
import { startCommerceSubgraph } from './server.js';

const env = commerceEnv();
const logger = createLogger('commerce', { level: env.LOG_LEVEL, silent: env.LOG_SILENT });
if (env.MIGRATE_DATABASE_URL) {
  await migrateForServiceUrl('commerce', env.MIGRATE_DATABASE_URL, env.DATABASE_URL);
  logger.info('database migrated');
}
const metrics = new Metrics();
const pool = createPgPool({ url: env.DATABASE_URL, label: 'commerce', logger, metrics });
const identityVerifier = createIdentityVerifier(env.IDENTITY_PUBLIC_KEY);
const backgroundPool = createPgPool({ url: env.DATABASE_URL, label: 'commerce-background', logger, metrics, max: 2 });
const cache = createCache(env.REDIS_URL, 'commerce', logger);
// Without Redis no other process's events arrive; the search projector's catch-up pass still keeps search current.
const events = createEventBus(env.REDIS_URL, env.EVENTS_NAMESPACE, 'commerce', logger);
// The animal subgraph's answers to completed sales arrive on Redis Streams; without Redis there is no other process to hear.
const eventStream = env.REDIS_URL ? createEventStream(env.REDIS_URL, env.EVENTS_NAMESPACE, 'commerce', logger) : undefined;
const server = await startCommerceSubgraph(
  {
    pool,
    backgroundPool,
    identityVerifier,
    logger,
    metrics,
    animalSubgraphUrl: env.ANIMAL_SUBGRAPH_URL,
    cache,
    events,
    eventStream,
    reservationHours: env.SALE_RESERVATION_HOURS,
  },
  { port: env.PORT, host: env.HOST },
);
// sale.completed is a saga step: the relay appends it to its Redis Stream too, for the animal subgraph's ownership consumer.
const relay = await startServiceRelay({
  service: 'commerce',
  databaseUrl: env.DATABASE_URL,
  redisUrl: env.REDIS_URL,
  namespace: env.EVENTS_NAMESPACE,
  durableEventTypes: DURABLE_EVENT_TYPES,
  logger,
  metrics,
});

stopOnSignals(logger, async () => {
  await server.stop();
  await relay.stop();
  await Promise.all([pool.end(), backgroundPool.end(), cache.close(), events.close(), eventStream?.close()]);
});
