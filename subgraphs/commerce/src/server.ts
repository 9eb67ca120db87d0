import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse } from 'graphql';
import type pg from 'pg';
import * as commerceSchema from '@studbook/drizzle/commerce';
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
import { createListingLoaders } from './modules/listing/listing-loaders.js';
import { ListingService } from './modules/listing/listing-service.js';
import { resolvers } from './resolvers/index.js';

export interface CommerceSubgraphDeps {
  /** Pool connected as the RLS-bound service role. */
  pool: pg.Pool;
  cache: Cache;
  identityVerifier: IdentityVerifier;
  logger: Logger;
  metrics: Metrics;
  /** The animal subgraph's GraphQL endpoint, asked as the caller before a listing is written. */
  animalSubgraphUrl: string;
}

const typeDefs = parse(readSdlFolder(new URL('../../../schema/commerce/', import.meta.url)));

export async function startCommerceSubgraph(deps: CommerceSubgraphDeps, listen: { port: number; host?: string }): Promise<RunningServer> {
  await assertRlsBoundRole(deps.pool);
  const db = new TenantDb(deps.pool, commerceSchema);
  const schema = buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> });

  const createContext = (identity: Identity, { identityToken }: { identityToken: string }): SubgraphContext => {
    const scope = tenantScopeOf(identity);
    const animals = new AnimalDirectory(deps.animalSubgraphUrl, identityToken);
    const loaders = createListingLoaders(db, scope, animals);
    return { identity, listings: new ListingService(db, identity, scope, loaders) };
  };

  return startSubgraphHttpServer(
    {
      name: 'commerce',
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
