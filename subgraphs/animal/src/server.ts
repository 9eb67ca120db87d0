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
  type IdentityTokens,
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
import { LineageEngine } from './modules/lineage/lineage-engine.js';
import { SpeciesCatalog } from './modules/species/species-store.js';
import { resolvers } from './resolvers/index.js';

export interface AnimalSubgraphDeps {
  /** Pool connected as the RLS-bound service role. */
  pool: pg.Pool;
  cache: Cache;
  identityTokens: IdentityTokens;
  logger: Logger;
  metrics: Metrics;
}

const typeDefs = parse(readSdlFolder(new URL('../../../schema/animal/', import.meta.url)));

export async function startAnimalSubgraph(deps: AnimalSubgraphDeps, listen: { port: number; host?: string }): Promise<RunningServer> {
  await assertRlsBoundRole(deps.pool);
  const db = new TenantDb(deps.pool, animalSchema);
  const species = await SpeciesCatalog.load(deps.pool);
  const lineage = new LineageEngine();
  const breedingStats = new BreedingStatsRefresher(() => refreshBreedingStats(deps.pool), deps.logger);
  const schema = buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> });

  const createContext = (identity: Identity): SubgraphContext => {
    const scope = tenantScopeOf(identity);
    const loaders = createAnimalLoaders(db, scope);
    return {
      identity,
      species,
      lineage,
      animals: new AnimalService(db, identity, scope, loaders, species),
      herdbook: new HerdbookService(db, identity, scope, loaders, species, lineage, deps.metrics),
      breeding: new BreedingService(db, identity, scope, createBreedingLoaders(db, scope), species, lineage, breedingStats),
    };
  };

  return startSubgraphHttpServer(
    {
      name: 'animal',
      schema,
      identityTokens: deps.identityTokens,
      createContext,
      logger: deps.logger,
      metrics: deps.metrics,
      isReady: () => poolAnswers(deps.pool),
    },
    listen,
  );
}
