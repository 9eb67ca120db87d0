import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse } from 'graphql';
import type pg from 'pg';
import * as researchSchema from '@studbook/drizzle/research';
import {
  AnimalDirectory,
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
import { createMeasurementLoaders } from './modules/measurement/measurement-loaders.js';
import { MeasurementService } from './modules/measurement/measurement-service.js';
import { resolvers } from './resolvers/index.js';

export interface ResearchSubgraphDeps {
  /** Pool connected as the RLS-bound service role. */
  pool: pg.Pool;
  cache: Cache;
  identityVerifier: IdentityVerifier;
  logger: Logger;
  metrics: Metrics;
  /** The animal subgraph's GraphQL endpoint, asked as the caller before a measurement is written. */
  animalSubgraphUrl: string;
}

const typeDefs = parse(readSdlFolder(new URL('../../../schema/research/', import.meta.url)));

export async function startResearchSubgraph(deps: ResearchSubgraphDeps, listen: { port: number; host?: string }): Promise<RunningServer> {
  await assertRlsBoundRole(deps.pool);
  const db = new TenantDb(deps.pool, researchSchema);
  const schema = buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> });

  const createContext = (identity: Identity, { identityToken }: { identityToken: string }): SubgraphContext => {
    const scope = tenantScopeOf(identity);
    const animals = new AnimalDirectory(deps.animalSubgraphUrl, identityToken);
    const loaders = createMeasurementLoaders(db, scope, animals);
    return { identity, measurements: new MeasurementService(db, identity, loaders) };
  };

  return startSubgraphHttpServer(
    {
      name: 'research',
      schema,
      identityVerifier: deps.identityVerifier,
      createContext,
      logger: deps.logger,
      metrics: deps.metrics,
      isReady: () => poolAnswers(deps.pool),
    },
    listen,
  );
}
