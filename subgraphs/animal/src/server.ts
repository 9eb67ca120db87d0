import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse } from 'graphql';
import type pg from 'pg';
import * as animalSchema from '@studbook/drizzle/animal';
import {
  assertRlsBoundRole,
  poolAnswers,
  readSdlFolder,
  startSubgraphHttpServer,
  TenantDb,
  type EventBus,
  type EventStream,
  type IdentityVerifier,
  type Logger,
  type Metrics,
  type ObjectStore,
  type RunningServer,
} from '@studbook/platform';
import { organizationNames } from '@studbook/contracts/organization-directory';
import { createContext, type ContextDeps, type SubgraphContext } from './context.js';
import { resolvers } from './__generated__/resolvers.js';
import { SpeciesCatalog } from './modules/animal/species-catalog.js';
import { BreedingStatsRefresher } from './modules/breeding/stats-refresher.js';
import { refreshBreedingStats } from './modules/breeding/stats-store.js';
import { LineageEngine } from './modules/lineage/lineage-engine.js';
import { GeneCatalog } from './modules/morphs/gene-catalog.js';
import { OwnershipConsumer } from './modules/ownership/ownership-consumer.js';
import { DEFAULT_MEDIA_SETTINGS, type MediaSettings } from './modules/media/media-config.js';
import { DeletedAnimalMediaCleanup } from './modules/media/media-cleanup.js';
import { MediaRenderer } from './modules/media/media-renderer.js';
import { AbandonedUploadSweep } from './modules/media/media-sweep.js';
import { PedigreeCache } from './modules/pedigree/pedigree-cache.js';
import { ProjectAccessConsumer } from './modules/project-access/project-access-consumer.js';
import { EVALUATION_PEDIGREE_ROUTE, evaluationPedigreeRoute } from './modules/evaluation-pedigree/evaluation-pedigree-route.js';
import { EvaluationPedigreeService } from './modules/evaluation-pedigree/evaluation-pedigree-service.js';
import { OWN_ANIMALS_BY_EXTERNAL_ID_ROUTE, ownAnimalsByExternalIdRoute } from './modules/herdbook/own-animals-route.js';

export interface AnimalSubgraphDeps {
  /** Pool connected as the RLS-bound service role. */
  pool: pg.Pool;
  identityVerifier: IdentityVerifier;
  logger: Logger;
  metrics: Metrics;
  /** Shared by every instance for the pedigree cache and its evictions; unset: in-process only. */
  redisUrl?: string;
  /**
   * Where commerce's sale.completed events arrive (the ownership consumer reads them), and research's project
   * memberships and grants (the project-access consumer); unset: no sale moves an animal here and no grant shares one.
   */
  eventStream?: EventStream;
  /** This instance's name in the ownership consumer group (default: the host's name). */
  consumerName?: string;
  /** Where this service's own events arrive (animal.deleted starts removing its media); unset: the media cleanup's timer alone. */
  events?: EventBus;
  /**
   * The user subgraph, asked (as the caller) for the owner's name a certificate prints; a function
   * where it starts after this one (npm start). Unset: certificates print the organisation's id.
   */
  userSubgraphUrl?: string | (() => string | undefined);
  /** The media bucket (created at start when missing). */
  objects: ObjectStore;
  mediaSettings?: MediaSettings;
}

const typeDefs = parse(readSdlFolder(new URL('../../../schema/animal/', import.meta.url)));

export async function startAnimalSubgraph(deps: AnimalSubgraphDeps, listen: { port: number; host?: string }): Promise<RunningServer> {
  await assertRlsBoundRole(deps.pool);
  const db = new TenantDb(deps.pool, animalSchema);
  const species = await SpeciesCatalog.load(deps.pool);
  const genes = await GeneCatalog.load(deps.pool, species.all());
  // The database name namespaces the pedigree cache's Redis keys and channels: instances of one deployment share it.
  const {
    rows: [{ name: namespace }],
  } = await deps.pool.query<{ name: string }>('select current_database() as name');
  const pedigreeCache = new PedigreeCache({ redisUrl: deps.redisUrl, namespace: `studbook:${namespace}`, logger: deps.logger.child('pedigree-cache') });
  // Serve once other instances' evictions can reach this one; without Redis after at most a second (then PostgreSQL only).
  await pedigreeCache.ready(1000);
  const breedingStats = new BreedingStatsRefresher(() => refreshBreedingStats(deps.pool), deps.logger);
  await deps.objects.ensureBucket();
  const mediaSettings = deps.mediaSettings ?? DEFAULT_MEDIA_SETTINGS;
  const mediaRenderer = new MediaRenderer({ db, objects: deps.objects, logger: deps.logger.child('media') });
  const sweep = new AbandonedUploadSweep({
    pool: deps.pool,
    db,
    objects: deps.objects,
    logger: deps.logger.child('media'),
    abandonedAfterSeconds: mediaSettings.abandonedAfterSeconds,
  });
  sweep.start(mediaSettings.sweepIntervalSeconds);
  const mediaCleanup = new DeletedAnimalMediaCleanup({ pool: deps.pool, db, objects: deps.objects, logger: deps.logger.child('media') });
  await mediaCleanup.start(deps.events, mediaSettings.sweepIntervalSeconds);
  await mediaRenderer.resume(deps.pool);
  const contextDeps: ContextDeps = {
    db,
    metrics: deps.metrics,
    species,
    genes,
    lineage: new LineageEngine({ cache: pedigreeCache, logger: deps.logger }),
    pedigreeCache,
    breedingStats,
    objects: deps.objects,
    mediaRenderer,
    mediaSettings,
    organizationName: organizationNameAsCaller(deps.userSubgraphUrl, deps.logger),
  };
  const { eventStream, consumerName } = deps;
  const ownership = eventStream
    ? new OwnershipConsumer({ db, stream: eventStream, logger: deps.logger.child('ownership'), consumerName, transferred: () => breedingStats.refresh() })
    : undefined;
  ownership?.start();
  // Project memberships and grants arrive from the research subgraph; the animals policy reads this database's copy.
  const projectAccess = eventStream ? new ProjectAccessConsumer({ db, stream: eventStream, logger: deps.logger.child('project-access'), consumerName }) : undefined;
  projectAccess?.start();
  // Codegen's resolver types and @apollo/subgraph's map describe the same object differently.
  const schema = buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> });

  const server = await startSubgraphHttpServer<SubgraphContext>(
    {
      name: 'animal',
      schema,
      identityVerifier: deps.identityVerifier,
      createContext: (identity, request) => createContext(contextDeps, identity, request),
      logger: deps.logger,
      metrics: deps.metrics,
      isReady: () => poolAnswers(deps.pool),
      // The research subgraph's genetic evaluations read whole pedigrees in bulk, and its measurement import a whole
      // file's animals by external id, as the caller.
      internalRoutes: {
        [EVALUATION_PEDIGREE_ROUTE]: evaluationPedigreeRoute(new EvaluationPedigreeService({ db, species })),
        [OWN_ANIMALS_BY_EXTERNAL_ID_ROUTE]: ownAnimalsByExternalIdRoute(db),
      },
    },
    listen,
  );
  const stop = async () => {
    sweep.stop();
    await mediaCleanup.stop();
    try {
      await server.stop();
      await Promise.all([ownership?.stop(), projectAccess?.stop(), mediaRenderer.idle()]);
    } finally {
      await pedigreeCache.close();
    }
  };
  return { ...server, stop };
}

/** A failed or unconfigured ask answers null (the certificate prints the id instead); a failure is logged. */
function organizationNameAsCaller(userSubgraphUrl: AnimalSubgraphDeps['userSubgraphUrl'], logger: Logger): ContextDeps['organizationName'] {
  return async (callerIdentityToken, organizationId) => {
    const url = typeof userSubgraphUrl === 'function' ? userSubgraphUrl() : userSubgraphUrl;
    if (!url) return null;
    try {
      return (await organizationNames(url, callerIdentityToken, [organizationId])).get(organizationId) ?? null;
    } catch (error) {
      logger.warn('organisation name unavailable for a certificate', { organizationId, error: String(error) });
      return null;
    }
  };
}
