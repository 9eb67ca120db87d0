import http from 'node:http';
import cors from 'cors';
import express from 'express';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { bodyErrors, isMasked, MAX_REQUEST_BODY, listenGraphQL, maskError, type Cache, type IdentityTokens, type Logger, type Metrics, type RunningServer } from '@studbook/platform';
import type { GraphQLSchema } from 'graphql';
import { MemoryEventBus, type EventBus } from '@studbook/platform';
import { identifyCaller, type GatewayContext } from './auth/caller.js';
import { clientOf } from './auth/client-info.js';
import { SessionResolver } from './auth/session-resolver.js';
import { IdentityDataSource } from './identity-data-source.js';
import { operationResolution } from './validation/operation-resolution.js';
import { depthLimit } from './validation/depth-limit.js';
import { servePlayground } from './playground/playground.js';
import { gatewayPolicyFrom, type GatewayPolicy } from './policy.js';
import { attachRealtime } from './realtime/realtime-server.js';
import { runAsCaller } from './realtime/run-as-caller.js';

export const SUBGRAPHS = ['animal', 'commerce', 'research', 'user'] as const;
export type SubgraphUrls = Record<(typeof SUBGRAPHS)[number], string>;

export interface GatewayDeps {
  supergraphSdl: string;
  subgraphUrls: SubgraphUrls;
  identityTokens: IdentityTokens;
  cache: Cache;
  logger: Logger;
  metrics: Metrics;
  /** Limits and transport settings (gateway/src/policy.ts); default: gatewayPolicyFrom(). */
  policy?: GatewayPolicy;
  /** Where committed domain events arrive (subscriptions); default: an in-process bus. */
  events?: EventBus;
  /** How often open WebSocket connections re-check their session token. */
  sessionCheckIntervalMs?: number;
}

/** Builds and starts the gateway: auth, identity forwarding, error masking, health and metrics. */
export async function startGateway(deps: GatewayDeps, listen: { port: number; host?: string }): Promise<RunningServer> {
  const { logger, metrics, subgraphUrls } = deps;
  const policy = deps.policy ?? gatewayPolicyFrom();
  const sessions = new SessionResolver(subgraphUrls.user, deps.identityTokens, deps.cache);
  const gateway = new ApolloGateway({
    supergraphSdl: deps.supergraphSdl,
    // Routing comes from configuration, not from the URLs baked into the supergraph file.
    buildService: ({ name }) => new IdentityDataSource(name, subgraphUrls[name as keyof SubgraphUrls]),
  });
  let apiSchema: GraphQLSchema | undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema: schema }) => (apiSchema = schema));
  const validationRules = [depthLimit(policy.maxQueryDepth)];
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    // Each process's index.ts owns shutdown (close pools and caches, then exit).
    stopOnTerminationSignals: false,
    validationRules,
    plugins: [ApolloServerPluginLandingPageDisabled(), operationResolution],
    formatError(formatted, error) {
      if (isMasked(formatted)) logger.error('request failed', { message: formatted.message, error: String((error as Error)?.stack ?? error) });
      return maskError(formatted);
    },
  });
  await apollo.start();

  const app = express();
  const httpServer = http.createServer(app);
  app.get('/health', (_req, res) => void res.json({ status: 'ok', service: 'gateway' }));
  app.get('/ready', async (_req, res) => {
    const checks = await Promise.all(SUBGRAPHS.map(async (name) => [name, await subgraphHealthy(subgraphUrls[name])] as const));
    const ready = checks.every(([, ok]) => ok);
    res.status(ready ? 200 : 503).json({ ready, subgraphs: Object.fromEntries(checks) });
  });
  app.get('/metrics', (_req, res) => void res.type('text/plain').send(metrics.render()));
  app.use('/graphql', servePlayground({ logger }));
  app.use(
    '/graphql',
    cors(),
    express.json({ limit: MAX_REQUEST_BODY }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        metrics.increment('studbook_gateway_requests_total', 'GraphQL requests received by the gateway');
        const { identity, sessionHash } = await identifyCaller(req.header('authorization'), sessions);
        return { identity, sessionHash, client: clientOf(req, policy.trustedProxyHops), identityToken: await deps.identityTokens.sign(identity) };
      },
    }),
  );
  app.use(bodyErrors);

  const realtime = attachRealtime({
    httpServer,
    schema: () => apiSchema!,
    validationRules,
    runAs: runAsCaller(apollo, deps.identityTokens),
    identify: (authorization) => identifyCaller(authorization, sessions),
    bus: deps.events ?? new MemoryEventBus(logger),
    logger: logger.child('realtime'),
    metrics,
    sessionCheckIntervalMs: deps.sessionCheckIntervalMs,
  });
  // WebSocket connections close first: the HTTP server's stop waits for every open connection.
  const server = await listenGraphQL(httpServer, listen, () => apollo.stop());
  const stopHttp = server.stop;
  server.stop = async () => {
    await realtime.close();
    await stopHttp();
  };
  logger.info('gateway listening', { url: server.url });
  return server;
}

async function subgraphHealthy(graphqlUrl: string): Promise<boolean> {
  try {
    const response = await fetch(new URL('/ready', graphqlUrl), { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}
