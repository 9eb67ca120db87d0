import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse } from 'graphql';
import type pg from 'pg';
import * as researchSchema from '@studbook/drizzle/research';
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
import { EvaluationRunner, type EvaluationRunnerDeps } from './modules/evaluation/evaluation-runner.js';

export interface ResearchSubgraphDeps {
  /** Pool connected as the RLS-bound service role. */
  pool: pg.Pool;
  identityVerifier: IdentityVerifier;
  logger: Logger;
  metrics: Metrics;
  /** The animal subgraph's GraphQL endpoint, asked as the caller before a measurement is written. */
  animalSubgraphUrl: string;
  /** Solver settings for genetic evaluations (tests slow a run down to watch it); the engine's defaults otherwise. */
  evaluationSolver?: EvaluationRunnerDeps['solver'];
}

const typeDefs = parse(readSdlFolder(new URL('../../../schema/research/', import.meta.url)));

export async function startResearchSubgraph(deps: ResearchSubgraphDeps, listen: { port: number; host?: string }): Promise<RunningServer> {
  await assertRlsBoundRole(deps.pool);
  const db = new TenantDb(deps.pool, researchSchema);
  const evaluations = new EvaluationRunner({
    db,
    pool: deps.pool,
    animalSubgraphUrl: deps.animalSubgraphUrl,
    logger: deps.logger.child('evaluations'),
    solver: deps.evaluationSolver,
  });
  // Runs an earlier process left RUNNING are failed with a reason before this one serves.
  await evaluations.start();
  const contextDeps = { db, animalSubgraphUrl: deps.animalSubgraphUrl, metrics: deps.metrics, evaluations };
  // Codegen's resolver types and @apollo/subgraph's map describe the same object differently.
  const schema = buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> });
  const server = await startSubgraphHttpServer<SubgraphContext>(
    {
      name: 'research',
      schema,
      identityVerifier: deps.identityVerifier,
      createContext: (identity, request) => createContext(contextDeps, identity, request),
      logger: deps.logger,
      metrics: deps.metrics,
      isReady: () => poolAnswers(deps.pool),
    },
    listen,
  );
  const stop = async () => {
    await server.stop();
    await evaluations.stop();
  };
  return { ...server, stop };
}
