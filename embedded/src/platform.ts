import { adminUrlFor, migrateServiceDatabase, serviceDatabaseUrl, SERVICE_DATABASES, type ServiceDatabase } from '@studbook/drizzle/migrate';
import { startGateway } from '@studbook/gateway/src/server.js';
import { loadSupergraph } from '@studbook/gateway/src/supergraph.js';
import { gatewayPolicyFrom, type GatewayPolicy } from '@studbook/gateway/src/policy.js';
import { startAnimalSubgraph } from '@studbook/animal/src/server.js';
import type { MediaSettings } from '@studbook/animal/src/modules/media/media-config.js';
import { backfillLineageMetrics } from '@studbook/animal/src/modules/lineage/lineage-backfill.js';
import { startCommerceSubgraph } from '@studbook/commerce/src/server.js';
import { startResearchSubgraph } from '@studbook/research/src/server.js';
import { speciesCatalogFor, startUserSubgraph } from '@studbook/user/src/server.js';
import { ensureUserTable } from '@studbook/user/src/dynamo/user-table.js';
import {
  createCache,
  measureCache,
  createEventBus,
  createEventStream,
  createDynamoClient,
  createIdentitySigner,
  createIdentityVerifier,
  createPgPool,
  Metrics,
  ObjectStore,
  OutboxRelay,
  type ObjectStoreConfig,
  type Logger,
  type RunningServer,
} from '@studbook/platform';
import { DURABLE_EVENT_TYPES } from '@studbook/contracts/events';
import type { KeyObject } from 'node:crypto';
import type pg from 'pg';

export interface PlatformConfig {
  /** Superuser URL of the PostgreSQL server that holds the three service databases. */
  postgresAdminUrl: string;
  databasePrefix: string;
  appRole: string;
  appPassword: string;
  redisUrl?: string;
  dynamo: { endpoint?: string; region: string; tableName: string };
  /** The media bucket (created when missing) and the media limits (default: media-config.ts). */
  objectStore: ObjectStoreConfig;
  mediaSettings?: MediaSettings;
  /** The gateway signs with the private key; the subgraphs get only the public one (PEM or imported). */
  identityKeys: { privateKey: KeyObject | string; publicKey: KeyObject | string };
  gateway: { port: number; host?: string };
  /** The gateway's limits and transport settings; default: gatewayPolicyFrom(). */
  gatewayPolicy?: GatewayPolicy;
  /** How long a marketplace reservation holds a listing until its seller accepts it; default 48 hours. */
  saleReservationHours?: number;
  logger: Logger;
}

export interface RunningPlatform {
  gatewayUrl: string;
  subgraphUrls: Record<'animal' | 'commerce' | 'research' | 'user', string>;
  databaseUrls: Record<ServiceDatabase, string>;
  metrics: Metrics;
  /** Stops one subgraph, as an outage would, until `restart()` starts it again on the same port. */
  stopSubgraph(name: SubgraphName): Promise<{ restart(): Promise<void> }>;
  stop(): Promise<void>;
}

type SubgraphName = 'animal' | 'commerce' | 'research' | 'user';
type SubgraphStart = (listen: { port: number; host: string }) => Promise<RunningServer>;

/**
 * Starts the whole federation in this process against the given stores: migrates the three
 * databases, then the four subgraphs on free ports, then the gateway in front of them.
 */
export async function startPlatform(config: PlatformConfig): Promise<RunningPlatform> {
  const { logger } = config;
  const metrics = new Metrics();
  const migrateOptions = (service: ServiceDatabase) => ({
    adminUrl: config.postgresAdminUrl,
    databaseName: `${config.databasePrefix}_${service}`,
    appRole: config.appRole,
    appPassword: config.appPassword,
  });
  await Promise.all(SERVICE_DATABASES.map((service) => migrateServiceDatabase(service, migrateOptions(service))));
  await backfillLineageMetrics(adminUrlFor(config.postgresAdminUrl, migrateOptions('animal').databaseName), logger);
  const databaseUrls = Object.fromEntries(SERVICE_DATABASES.map((s) => [s, serviceDatabaseUrl(migrateOptions(s))])) as Record<ServiceDatabase, string>;
  const pools: Record<ServiceDatabase, pg.Pool> = Object.fromEntries(
    SERVICE_DATABASES.map((s) => [s, createPgPool({ url: databaseUrls[s], label: s, logger: logger.child(s), metrics })]),
  ) as Record<ServiceDatabase, pg.Pool>;
  const cache = createCache(config.redisUrl, 'platform', logger);
  measureCache(cache, metrics, 'platform');
  // Committed outbox events of every service database reach the gateway's subscriptions through
  // the bus: Redis pub/sub (every instance), or in-process without REDIS_URL.
  const events = createEventBus(config.redisUrl, config.databasePrefix, 'platform', logger);
  // Saga steps (a completed sale) also go to Redis Streams, read at least once by their consumer groups.
  const streams = createEventStream(config.redisUrl, config.databasePrefix, 'platform', logger);
  // Pools of their own, so the relays' polling never shows in a service's statement counts.
  const relayPools = SERVICE_DATABASES.map((s) => createPgPool({ url: databaseUrls[s], label: `${s}-relay`, logger: logger.child(`${s}.relay`), metrics, max: 2 }));
  const relays = SERVICE_DATABASES.map(
    (s, i) =>
      new OutboxRelay({
        pool: relayPools[i],
        databaseUrl: databaseUrls[s],
        bus: events,
        stream: streams,
        durableEventTypes: DURABLE_EVENT_TYPES,
        logger: logger.child(`${s}.relay`),
        metrics,
        label: s,
      }),
  );
  await Promise.all(relays.map((relay) => relay.start()));
  const identitySigner = createIdentitySigner(config.identityKeys.privateKey);
  const identityVerifier = createIdentityVerifier(config.identityKeys.publicKey);
  const dynamo = createDynamoClient({ endpoint: config.dynamo.endpoint, region: config.dynamo.region });
  await ensureUserTable(dynamo, config.dynamo.tableName);

  const objects = new ObjectStore(config.objectStore);

  const local = { port: 0, host: '127.0.0.1' };
  const servers: RunningServer[] = [];
  const started = <T extends RunningServer>(server: T) => (servers.push(server), server);
  // Each subgraph's start is kept, so stopSubgraph can bring it back on its port.
  const subgraphs = new Map<SubgraphName, { server: RunningServer; start: SubgraphStart }>();
  const subgraph = async (name: SubgraphName, start: SubgraphStart) => {
    const server = started(await start(local));
    subgraphs.set(name, { server, start });
    return server;
  };
  const animal = await subgraph('animal', (at) =>
    startAnimalSubgraph(
      {
        pool: pools.animal,
        identityVerifier,
        logger: logger.child('animal'),
        metrics,
        redisUrl: config.redisUrl,
        eventStream: streams,
        events,
        objects,
        mediaSettings: config.mediaSettings,
        // The user subgraph starts after this one (it asks animal for species): its address once known.
        userSubgraphUrl: () => subgraphs.get('user')?.server.url,
      },
      at,
    ),
  );
  const [commerce, research, user] = await Promise.all([
    subgraph('commerce', (at) =>
      startCommerceSubgraph(
        {
          pool: pools.commerce,
          backgroundPool: relayPools[SERVICE_DATABASES.indexOf('commerce')],
          identityVerifier,
          logger: logger.child('commerce'),
          metrics,
          animalSubgraphUrl: animal.url,
          cache,
          events,
          eventStream: streams,
          reservationHours: config.saleReservationHours,
        },
        at,
      ),
    ),
    subgraph('research', (at) =>
      startResearchSubgraph({ pool: pools.research, identityVerifier, logger: logger.child('research'), metrics, animalSubgraphUrl: animal.url }, at),
    ),
    subgraph('user', (at) =>
      startUserSubgraph(
        {
          dynamo,
          tableName: config.dynamo.tableName,
          cache,
          identityVerifier,
          logger: logger.child('user'),
          metrics,
          speciesCatalog: speciesCatalogFor(animal.url, logger),
        },
        at,
      ),
    ),
  ]);
  const subgraphUrls = { animal: animal.url, commerce: commerce.url, research: research.url, user: user.url };
  // The browser PUTs photos to, and loads them from, the S3 endpoint itself: the app's CSP must name it.
  const gatewayPolicy = withMediaOrigin(config.gatewayPolicy ?? gatewayPolicyFrom(), config.objectStore.endpoint);
  const gateway = started(
    await startGateway(
      { supergraphSdl: loadSupergraph(), subgraphUrls, identitySigner, cache, events, logger: logger.child('gateway'), metrics, policy: gatewayPolicy },
      config.gateway,
    ),
  );

  if (config.objectStore.endpoint) await allowAppToUpload(objects, gateway.url, gatewayPolicy.corsOrigins, logger);

  return {
    gatewayUrl: gateway.url,
    subgraphUrls,
    databaseUrls,
    metrics,
    async stopSubgraph(name) {
      const entry = subgraphs.get(name)!;
      await entry.server.stop();
      servers.splice(servers.indexOf(entry.server), 1);
      return {
        async restart() {
          entry.server = started(await entry.start({ port: Number(new URL(subgraphUrls[name]).port), host: local.host }));
        },
      };
    },
    async stop() {
      for (const server of servers.reverse()) await server.stop();
      await Promise.all(relays.map((relay) => relay.stop()));
      await Promise.all([...[...Object.values(pools), ...relayPools].map((pool) => pool.end()), cache.close(), events.close(), streams.close()]);
      dynamo.destroy();
      objects.close();
    },
  };
}

/** The policy with the S3 endpoint's origin among its media origins (none to add for AWS S3, which MEDIA_ORIGINS names). */
function withMediaOrigin(policy: GatewayPolicy, s3Endpoint: string | undefined): GatewayPolicy {
  if (!s3Endpoint) return policy;
  const origin = new URL(s3Endpoint).origin;
  return policy.mediaOrigins.includes(origin) ? policy : { ...policy, mediaOrigins: [...policy.mediaOrigins, origin] };
}

/**
 * A local S3-API server (s3rver, MinIO) gets CORS for the app's origins, so the browser can PUT a
 * photo to a presigned URL (AWS S3's bucket CORS is the operator's, docs/media.md). The gateway on
 * a loopback address is reached as localhost or 127.0.0.1 alike.
 */
async function allowAppToUpload(objects: ObjectStore, gatewayUrl: string, corsOrigins: readonly string[], logger: Logger): Promise<void> {
  const app = new URL(gatewayUrl);
  const origins = new Set([app.origin, ...corsOrigins]);
  if (['127.0.0.1', 'localhost', '[::1]', '0.0.0.0'].includes(app.hostname)) {
    for (const host of ['localhost', '127.0.0.1']) origins.add(`${app.protocol}//${host}:${app.port}`);
  }
  try {
    // The animal subgraph has created the bucket by now.
    await objects.allowBrowserOrigins([...origins]);
  } catch (error) {
    // MinIO has no bucket CORS API (it allows every origin by default): uploads still work there.
    logger.warn('could not set CORS on the media bucket; browser uploads may be refused', { error: String(error) });
  }
}
