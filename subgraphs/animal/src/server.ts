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
  tenantScopeOf,
  TenantDb,
  type Cache,
  type Identity,
  type IdentityVerifier,
  type Logger,
  type Metrics,
  type RunningServer,
} from '@studbook/platform';
import type { SubgraphContext } from './context.js';
import { createAnimalLoaders } from './modules/animal/animal-loaders.js';
import { createBreedingLoaders } from './modules/breeding/breeding-loaders.js';
import { BreedingService } from './modules/breeding/breeding-service.js';
import { BreedingStatsRefresher } from './modules/breeding/stats-refresher.js';
import { refreshBreedingStats } from './modules/breeding/stats-store.js';
import { AnimalService } from './modules/animal/animal-service.js';
import { HerdbookService } from './modules/herdbook/herdbook-service.js';
import { InbreedingService } from './modules/inbreeding/inbreeding-service.js';
import { LineageEngine } from './modules/lineage/lineage-engine.js';
import { LineageService } from './modules/lineage/lineage-service.js';
import { PedigreeCache } from './modules/pedigree/pedigree-cache.js';
import { PedigreeService } from './modules/pedigree/pedigree-service.js';
import { GeneCatalog } from './modules/morphs/gene-catalog.js';
import { createGenotypeLoaders } from './modules/morphs/genotype-loaders.js';
import { MorphService } from './modules/morphs/morph-service.js';
import { SpeciesCatalog } from './modules/species/species-store.js';
import { resolvers } from './resolvers/index.js';

export interface AnimalSubgraphDeps {
  /** Pool connected as the RLS-bound service role. */
  pool: pg.Pool;
  cache: Cache;
  identityVerifier: IdentityVerifier;
  logger: Logger;
  metrics: Metrics;
  /** Shared by every instance for the pedigree cache and its evictions; unset: in-process only. */
  redisUrl?: string;
}

const typeDefs = parse(readSdlFolder(new URL('../../../schema/animal/', import.meta.url)));

export async function startAnimalSubgraph(deps: AnimalSubgraphDeps, listen: { port: number; host?: string }): Promise<RunningServer> {
  await assertRlsBoundRole(deps.pool);
  const db = new TenantDb(deps.pool, animalSchema);
  const species = await SpeciesCatalog.load(deps.pool);
  const genes = await GeneCatalog.load(deps.pool, species.all());
  // The database name namespaces the pedigree cache's Redis keys and channels: instances of one deployment share it.
  const { rows: [{ name: namespace }] } = await deps.pool.query<{ name: string }>('select current_database() as name');
  const pedigreeCache = new PedigreeCache({ redisUrl: deps.redisUrl, namespace: `studbook:${namespace}`, logger: deps.logger.child('pedigree-cache') });
  // Serve once other instances' evictions can reach this one; without Redis after at most a second (then PostgreSQL only).
  await pedigreeCache.ready(1000);
  const lineage = new LineageEngine(pedigreeCache, deps.logger);
  const breedingStats = new BreedingStatsRefresher(() => refreshBreedingStats(deps.pool), deps.logger);
  const schema = buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> });

  const createContext = (identity: Identity): SubgraphContext => {
    const scope = tenantScopeOf(identity);
    const loaders = createAnimalLoaders(db, scope);
    const animals = new AnimalService(db, identity, scope, loaders, species, lineage, () => breedingStats.refresh());
    return {
      identity,
      species,
      lineage,
      animals,
      lineages: new LineageService(db, scope, animals, loaders),
      pedigrees: new PedigreeService(db, scope, lineage, loaders),
      inbreeding: new InbreedingService(db, scope, lineage, loaders, species),
      herdbook: new HerdbookService(db, identity, scope, loaders, species, lineage, deps.metrics),
      breeding: new BreedingService(db, identity, scope, createBreedingLoaders(db, scope), species, lineage, breedingStats),
      morphs: new MorphService(db, identity, scope, createGenotypeLoaders(db, scope), animals, species, genes, () => breedingStats.refresh()),
    };
  };

  const server = await startSubgraphHttpServer(
    {
      name: 'animal',
      schema,
      identityVerifier: deps.identityVerifier,
      createContext,
      logger: deps.logger,
      metrics: deps.metrics,
      isReady: () => poolAnswers(deps.pool),
    },
    listen,
  );
  return { ...server, stop: () => server.stop().finally(() => lineage.close()) };
}
