import http from 'node:http';
import express from 'express';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import {
  bodyErrors,
  isMasked,
  MAX_REQUEST_BODY,
  listenGraphQL,
  maskError,
  type Cache,
  type IdentitySigner,
  type Logger,
  type Metrics,
  type RunningServer,
} from '@studbook/platform';
import type { GraphQLSchema } from 'graphql';
import { countRejectionsAs, MemoryEventBus, RedisCache, requestContextMiddleware, type EventBus } from '@studbook/platform';
import { DateScalar, DateTimeScalar, requestObserverPlugin, strictInputPlugin } from '@studbook/platform';
import { identifyCaller, type GatewayContext } from './auth/caller.js';
import { clientOf } from './auth/client-info.js';
import { reusingIdentityTokens } from './auth/reused-identity-tokens.js';
import { SessionResolver } from './auth/session-resolver.js';
import { IdentityDataSource } from './identity-data-source.js';
import { operationResolution } from './validation/operation-resolution.js';
import { depthLimit } from './validation/depth-limit.js';
import { operationBudget } from './budget/budget-plugin.js';
import { budgetMiddleware } from './budget/budget-middleware.js';
import { servePlayground } from './playground/playground.js';
import { gatewayPolicyFrom, type GatewayPolicy } from './policy.js';
import { attachRealtime } from './realtime/realtime-server.js';
import { runAsCaller } from './realtime/run-as-caller.js';
import { certificateVerificationPage } from './http/certificate-page.js';
import { corsPolicy } from './http/cors-policy.js';
import { metricsWithToken, startMetricsListener } from './http/metrics-endpoint.js';
import { readinessHandler } from './http/readiness.js';
import { securityHeaders } from './http/security-headers.js';
import { valueCompletionErrors } from './http/value-completion-errors.js';
import { authRateLimit } from './rate-limit/auth-rate-limit.js';
import { httpRateLimit } from './rate-limit/http-rate-limit.js';
import { RateLimits } from './rate-limit/rate-limits.js';
import { serveWebApp } from './web/serve-web-app.js';
import { loadTrustedDocuments, trustedDocumentsMiddleware } from './web/trusted-documents.js';
import { WEB_DIST_DIR, WEB_PERSISTED_DOCUMENTS } from './web/web-paths.js';

export const SUBGRAPHS = ['animal', 'commerce', 'research', 'user'] as const;
export type SubgraphUrls = Record<(typeof SUBGRAPHS)[number], string>;

export interface GatewayDeps {
  supergraphSdl: string;
  subgraphUrls: SubgraphUrls;
  /** The only holder of the identity private key: subgraphs can verify tokens but not mint them. */
  identitySigner: IdentitySigner;
  cache: Cache;
  logger: Logger;
  metrics: Metrics;
  /** Limits and transport settings (gateway/src/policy.ts); default: gatewayPolicyFrom(). */
  policy?: GatewayPolicy;
  /** Where committed domain events arrive (subscriptions); default: an in-process bus. */
  events?: EventBus;
  /** How often open WebSocket connections re-check their session token. */
  sessionCheckIntervalMs?: number;
  /** The web app's build and trusted documents; default: this repository's web/ (gateway/src/web/web-paths.ts). */
  webApp?: { distDir: string; persistedDocuments: string };
}

/** Builds and starts the gateway: auth, identity forwarding, error masking, health and metrics. */
export async function startGateway(deps: GatewayDeps, listen: { port: number; host?: string }): Promise<RunningServer> {
  const { logger, metrics, subgraphUrls } = deps;
  const policy = deps.policy ?? gatewayPolicyFrom();
  const webApp = deps.webApp ?? { distDir: WEB_DIST_DIR, persistedDocuments: WEB_PERSISTED_DOCUMENTS };
  const trustedDocuments = loadTrustedDocuments(webApp.persistedDocuments);
  // On the cache's Redis connection when there is one, so every instance counts together.
  const redis = deps.cache instanceof RedisCache ? deps.cache.redis : undefined;
  const rateLimits = new RateLimits(policy.rateLimits, { redis, logger: logger.child('rate-limit'), metrics });
  const identitySigner = reusingIdentityTokens(deps.identitySigner);
  const sessions = new SessionResolver(subgraphUrls.user, identitySigner, deps.cache);
  const dataSources: IdentityDataSource[] = [];
  const gateway = new ApolloGateway({
    supergraphSdl: deps.supergraphSdl,
    // Routing comes from configuration, not from the URLs baked into the supergraph file.
    buildService: ({ name }) => {
      const dataSource = new IdentityDataSource(name, subgraphUrls[name as keyof SubgraphUrls], logger.child(name), metrics, policy.subgraphDedupe);
      dataSources.push(dataSource);
      return dataSource;
    },
  });
  let apiSchema: GraphQLSchema | undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema: schema }) => (apiSchema = schema));
  const validationRules = [depthLimit(policy.maxQueryDepth)];
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    introspection: policy.introspection,
    // Each process's index.ts owns shutdown (close pools and caches, then exit).
    stopOnTerminationSignals: false,
    validationRules,
    // The budget plugin refuses a longer document first (TOO_MANY_TOKENS); this bounds Apollo's own parse regardless.
    parseOptions: { maxTokens: policy.budget.maxTokens },
    // Strict input here as well as in every subgraph: bad text or an impossible date is refused before fan-out.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      operationResolution,
      valueCompletionErrors(logger),
      operationBudget(policy.budget),
      authRateLimit(rateLimits),
      strictInputPlugin({ httpStatus: 400, scalars: [DateScalar, DateTimeScalar] }),
      // Last, so it times and counts the response as the client receives it.
      requestObserverPlugin({ service: 'gateway', logger, metrics, requestLogLevel: 'info' }),
    ],
    formatError(formatted, error) {
      if (isMasked(formatted)) logger.error('request failed', { message: formatted.message, error: String((error as Error)?.stack ?? error) });
      return maskError(formatted);
    },
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders);
  // Every log line of a request, here and in each subgraph it asks, carries its requestId (and traceId).
  app.use(requestContextMiddleware(metrics));
  // Refusals before Apollo (throttled, too large, not JSON, over budget, untrusted) count with Apollo's errors.
  app.use(countRejectionsAs('gateway', metrics));
  const httpServer = http.createServer(app);
  app.get('/health', (_req, res) => void res.json({ status: 'ok', service: 'gateway' }));
  app.get('/ready', readinessHandler({ supergraphLoaded: () => apiSchema !== undefined, subgraphUrls }));
  if (policy.metrics.token) app.get('/metrics', metricsWithToken(metrics, policy.metrics.token));
  // CORS answers preflights before any other handler on the path sees them.
  app.use('/graphql', corsPolicy(policy.corsOrigins));
  if (policy.playground) app.use('/graphql', servePlayground({ logger }));
  app.use(
    '/graphql',
    // Before the body is parsed or the token resolved: a throttled flood costs neither.
    httpRateLimit(rateLimits, policy.trustedProxyHops),
    express.json({ limit: MAX_REQUEST_BODY }),
    trustedDocumentsMiddleware(trustedDocuments, policy.trustedDocuments),
    budgetMiddleware(() => apiSchema, policy.budget),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        metrics.increment('studbook_gateway_requests_total', 'GraphQL requests received by the gateway');
        const { identity, sessionHash } = await identifyCaller(req.header('authorization'), sessions);
        return { identity, sessionHash, client: clientOf(req, policy.trustedProxyHops), identityToken: await identitySigner.sign(identity) };
      },
    }),
  );
  app.use('/verify', httpRateLimit(rateLimits, policy.trustedProxyHops), certificateVerificationPage(apollo, deps.identitySigner));
  // The app at / (after the API, whose paths its history fallback leaves alone).
  app.use(serveWebApp(webApp.distDir, policy.mediaOrigins));
  app.use(bodyErrors);

  const realtime = attachRealtime({
    httpServer,
    schema: () => apiSchema!,
    validationRules,
    budget: policy.budget,
    runAs: runAsCaller(apollo, identitySigner),
    identify: (authorization) => identifyCaller(authorization, sessions),
    bus: deps.events ?? new MemoryEventBus(logger),
    logger: logger.child('realtime'),
    metrics,
    sessionCheckIntervalMs: deps.sessionCheckIntervalMs,
    rateLimit: { limits: rateLimits, trustedProxyHops: policy.trustedProxyHops },
    trustedDocuments: { documents: trustedDocuments, mode: policy.trustedDocuments },
  });
  // WebSocket connections close first: the HTTP server's stop waits for every open connection.
  const server = await listenGraphQL(httpServer, listen, () => apollo.stop());
  const metricsPort = policy.metrics.port;
  const metricsServer = metricsPort === undefined ? undefined : await startMetricsListener(metrics, { ...policy.metrics, port: metricsPort }, logger);
  const stopHttp = server.stop;
  server.stop = async () => {
    await realtime.close();
    await Promise.all([stopHttp(), metricsServer?.stop()]);
    await Promise.all([sessions.close(), ...dataSources.map((dataSource) => dataSource.close())]);
  };
  logger.info('gateway listening', { url: server.url });
  return server;
}
