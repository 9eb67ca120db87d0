import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse } from 'graphql';
import type pg from 'pg';
import * as commerceSchema from '@studbook/drizzle/commerce';
import {
  assertRlsBoundRole,
  poolAnswers,
  readSdlFolder,
  startSubgraphHttpServer,
  TenantDb,
  type IdentityVerifier,
  type Logger,
  type Metrics,
  type RunningServer,
} from '@studbook/platform';
import { createContext, type SubgraphContext } from './context.js';
import { resolvers } from './__generated__/resolvers.js';

export interface CommerceSubgraphDeps {
  /** Pool connected as the RLS-bound service role. */
  pool: pg.Pool;
  identityVerifier: IdentityVerifier;
  logger: Logger;
  metrics: Metrics;
  /** The animal subgraph's GraphQL endpoint, asked as the caller before a listing is written. */
  animalSubgraphUrl: string;
}

const typeDefs = parse(readSdlFolder(new URL('../../../schema/commerce/', import.meta.url)));

export async function startCommerceSubgraph(deps: CommerceSubgraphDeps, listen: { port: number; host?: string }): Promise<RunningServer> {
  await assertRlsBoundRole(deps.pool);
  const contextDeps = { db: new TenantDb(deps.pool, commerceSchema), animalSubgraphUrl: deps.animalSubgraphUrl };
  // Codegen's resolver types and @apollo/subgraph's map describe the same object differently.
  const schema = buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> });
  return startSubgraphHttpServer<SubgraphContext>(
    {
      name: 'commerce',
      schema,
      identityVerifier: deps.identityVerifier,
      createContext: (identity, request) => createContext(contextDeps, identity, request),
      logger: deps.logger,
      metrics: deps.metrics,
      isReady: () => poolAnswers(deps.pool),
    },
    listen,
  );
}
