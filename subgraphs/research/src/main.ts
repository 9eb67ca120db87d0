import { DURABLE_EVENT_TYPES } from '@studbook/contracts/events';
import { migrateForServiceUrl } from '@studbook/drizzle/migrate';
import { createIdentityVerifier, createLogger, createPgPool, Metrics, startServiceRelay, stopOnSignals } from '@studbook/platform';
import { researchEnv } from './env.js';
import { startResearchSubgraph } from './server.js';

const env = researchEnv();
const logger = createLogger('research', { level: env.LOG_LEVEL, silent: env.LOG_SILENT });
if (env.MIGRATE_DATABASE_URL) {
  await migrateForServiceUrl('research', env.MIGRATE_DATABASE_URL, env.DATABASE_URL);
  logger.info('database migrated');
}
const metrics = new Metrics();
const pool = createPgPool({ url: env.DATABASE_URL, label: 'research', logger, metrics });
const identityVerifier = createIdentityVerifier(env.IDENTITY_PUBLIC_KEY);
const server = await startResearchSubgraph({ pool, identityVerifier, logger, metrics, animalSubgraphUrl: env.ANIMAL_SUBGRAPH_URL }, { port: env.PORT, host: env.HOST });
const relay = await startServiceRelay({
  service: 'research',
  databaseUrl: env.DATABASE_URL,
  redisUrl: env.REDIS_URL,
  namespace: env.EVENTS_NAMESPACE,
  logger,
  metrics,
  durableEventTypes: DURABLE_EVENT_TYPES,
});

stopOnSignals(logger, async () => {
  await server.stop();
  await relay.stop();
  await pool.end();
});
