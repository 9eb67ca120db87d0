import { adminUrlFor, migrateForServiceUrl } from '@studbook/drizzle/migrate';
import { createIdentityVerifier, createLogger, createPgPool, Metrics, startServiceRelay, stopOnSignals } from '@studbook/platform';
import { animalEnv } from './env.js';
import { backfillLineageMetrics } from './modules/lineage/lineage-backfill.js';
import { startAnimalSubgraph } from './server.js';

const env = animalEnv();
const logger = createLogger('animal', { level: env.LOG_LEVEL, silent: env.LOG_SILENT });
if (env.MIGRATE_DATABASE_URL) {
  await migrateForServiceUrl('animal', env.MIGRATE_DATABASE_URL, env.DATABASE_URL);
  // Animals recorded before lineage metrics existed; needs the owner's view of every organisation.
  await backfillLineageMetrics(adminUrlFor(env.MIGRATE_DATABASE_URL, new URL(env.DATABASE_URL).pathname.slice(1)), logger);
  logger.info('database migrated');
}
const metrics = new Metrics();
const pool = createPgPool({ url: env.DATABASE_URL, label: 'animal', logger, metrics });
const identityVerifier = createIdentityVerifier(env.IDENTITY_PUBLIC_KEY);
const server = await startAnimalSubgraph({ pool, identityVerifier, logger, metrics, redisUrl: env.REDIS_URL }, { port: env.PORT, host: env.HOST });

const relay = await startServiceRelay({ service: 'animal', databaseUrl: env.DATABASE_URL, redisUrl: env.REDIS_URL, namespace: env.EVENTS_NAMESPACE, logger, metrics });

stopOnSignals(logger, async () => {
  await server.stop();
  await relay.stop();
  await pool.end();
});
