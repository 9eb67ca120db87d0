import { adminUrlFor, migrateForServiceUrl } from '@studbook/drizzle/migrate';
import { DURABLE_EVENT_TYPES } from '@studbook/contracts/events';
import {
  createEventBus,
  createEventStream,
  createIdentityVerifier,
  createLogger,
  createPgPool,
  Metrics,
  ObjectStore,
  startServiceRelay,
  stopOnSignals,
} from '@studbook/platform';
import { animalEnv } from './env.js';
import { mediaSettingsFrom } from './modules/media/media-config.js';
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
// Commerce's completed sales arrive on a Redis Stream; without Redis no other service's event can reach this process.
const eventStream = env.REDIS_URL ? createEventStream(env.REDIS_URL, env.EVENTS_NAMESPACE, 'animal', logger) : undefined;
if (!eventStream) logger.warn('no REDIS_URL: completed sales will not move animals to their buyers');
// This service's own animal.deleted events start removing the animal's media; without Redis the cleanup's timer does it.
const events = createEventBus(env.REDIS_URL, env.EVENTS_NAMESPACE, 'animal', logger);
const objects = new ObjectStore({ endpoint: env.S3_ENDPOINT, region: env.S3_REGION, bucket: env.S3_BUCKET });
const server = await startAnimalSubgraph(
  {
    pool,
    identityVerifier,
    logger,
    metrics,
    redisUrl: env.REDIS_URL,
    eventStream,
    events,
    objects,
    userSubgraphUrl: env.USER_SUBGRAPH_URL,
    mediaSettings: mediaSettingsFrom(env),
  },
  { port: env.PORT, host: env.HOST },
);

const relay = await startServiceRelay({
  service: 'animal',
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
  await eventStream?.close();
  await events.close();
  await pool.end();
  objects.close();
});
