import { migrateForServiceUrl } from '@studbook/drizzle/migrate';
import { createCache, createEventBus, createIdentityTokens, createLogger, createPgPool, Metrics, OutboxRelay, stopOnSignals } from '@studbook/platform';
import { animalEnv } from './env.js';
import { startAnimalSubgraph } from './server.js';

const env = animalEnv();
const logger = createLogger('animal', { silent: env.LOG_SILENT });
if (env.MIGRATE_DATABASE_URL) {
  await migrateForServiceUrl('animal', env.MIGRATE_DATABASE_URL, env.DATABASE_URL);
  logger.info('database migrated');
}
const metrics = new Metrics();
const pool = createPgPool({ url: env.DATABASE_URL, label: 'animal', logger, metrics });
const cache = createCache(env.REDIS_URL, 'animal', logger);
const identityTokens = createIdentityTokens(env.IDENTITY_SECRET);
const server = await startAnimalSubgraph({ pool, cache, identityTokens, logger, metrics, redisUrl: env.REDIS_URL }, { port: env.PORT, host: env.HOST });

// The outbox relay runs beside the subgraph: committed events go to Redis, where every gateway
// listens (subscriptions). Without Redis no gateway could hear them, so there is nothing to relay.
const events = env.REDIS_URL ? createEventBus(env.REDIS_URL, env.EVENTS_NAMESPACE, 'animal', logger) : undefined;
const relayPool = createPgPool({ url: env.DATABASE_URL, label: 'animal-relay', logger, metrics, max: 2 }); // connects only when used
const relay = events && new OutboxRelay({ pool: relayPool, databaseUrl: env.DATABASE_URL, bus: events, logger: logger.child('relay'), metrics, label: 'animal' });
await relay?.start();

stopOnSignals(logger, async () => {
  await server.stop();
  await relay?.stop();
  await Promise.all([relayPool.end(), events?.close()]);
  await Promise.all([pool.end(), cache.close()]);
});
