import http, { type IncomingHttpHeaders } from 'node:http';
import express from 'express';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { GraphQLSchema } from 'graphql';
import { IDENTITY_HEADER, type IdentityVerifier } from '../identity/identity-token.js';
import type { Identity } from '../identity/identity.js';
import { ErrorCode, isMasked, maskError } from '../errors.js';
import type { Logger } from '../logger.js';
import { describeError } from './describe-error.js';
import { sendMetrics, type Metrics } from '../metrics.js';
import { strictInputPlugin } from '../graphql/strict-input.js';
import { bodyErrors, MAX_REQUEST_BODY } from './body-errors.js';
import { countRejectionsAs, sendRejection } from './rejections.js';
import { listenGraphQL, type RunningServer } from './listen.js';
import { isPlainGraphQLPost, serveGraphQLPost } from './graphql-post.js';
import { requestContextMiddleware } from '../logging/request-context.js';
import { requestObserverPlugin } from '../observability/request-observer.js';

export interface SubgraphHttpOptions<TContext extends BaseContext> {
  name: string;
  schema: GraphQLSchema;
  identityVerifier: IdentityVerifier;
  /**
   * Builds the per-request context (fresh DataLoaders) for a verified caller. `identityToken` is the
   * caller's verified gateway token, to forward when this subgraph asks another one as the caller.
   */
  createContext(identity: Identity, request: { headers: IncomingHttpHeaders; identityToken: string }): Promise<TContext> | TContext;
  logger: Logger;
  metrics: Metrics;
  /** Readiness probe: true when the service's stores answer. */
  isReady?: () => Promise<boolean>;
  /**
   * Bulk endpoints for other subgraphs (`POST /internal/<name>`, a JSON body), authenticated like `/graphql` by the
   * caller's identity token, for reads too large for a GraphQL answer (an evaluation's whole pedigree). The handler
   * writes the response itself, so it may stream.
   */
  internalRoutes?: Record<string, InternalRoute>;
}

/** A handler of `internalRoutes`: the verified caller, the request's JSON body, the response to write. */
export type InternalRoute = (request: { identity: Identity; body: unknown }, response: express.Response) => Promise<void>;

/**
 * Serves a subgraph over HTTP. Every GraphQL request, `_service` and `_entities` included,
 * must carry a valid identity token signed by the gateway; anything else gets 401.
 */
export async function startSubgraphHttpServer<TContext extends BaseContext>(
  options: SubgraphHttpOptions<TContext>,
  listen: { port: number; host?: string },
): Promise<RunningServer> {
  const { name, logger, metrics } = options;
  const app = express();
  app.disable('x-powered-by');
  // A JSON error body must never be sniffed into HTML or script by a browser.
  app.use((_req, res, next) => (res.setHeader('x-content-type-options', 'nosniff'), next()));
  // The gateway forwards its x-request-id and traceparent: this subgraph's lines of a request carry the same ids.
  app.use(requestContextMiddleware(metrics));
  app.use(countRejectionsAs(name, metrics));
  // The gateway's GraphQL POSTs skip Express (graphql-post.ts); every other request is the app's.
  const httpServer = http.createServer((request, response) => {
    if (!isPlainGraphQLPost(request)) return app(request, response);
    serveGraphQLPost(apollo, { service: name, metrics, contextOf }, request, response).catch((error: unknown) => {
      logger.error('request failed', { error: describeError(error) });
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ errors: [{ message: 'Internal server error', extensions: { code: ErrorCode.Internal } }] }));
    });
  });
  const contextOf = async (request: http.IncomingMessage) => {
    const identityToken = request.headers[IDENTITY_HEADER];
    const identity = typeof identityToken === 'string' ? await options.identityVerifier.verify(identityToken) : null;
    if (!identity) return unauthenticated();
    return { context: await options.createContext(identity, { headers: request.headers, identityToken: identityToken as string }) };
  };
  const unauthenticated = () => {
    metrics.increment('studbook_rejected_identity_total', 'Requests refused for a missing or invalid identity token', { service: name });
    return { status: 401, errors: [{ message: 'Missing or invalid identity token', extensions: { code: ErrorCode.Unauthenticated } }] };
  };
  const apollo = new ApolloServer<TContext>({
    schema: options.schema,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    // Each process's index.ts owns shutdown (close pools and caches, then exit).
    stopOnTerminationSignals: false,
    // 200, not 400: the gateway relays a subgraph's 200 errors with their `field`, as for resolver errors.
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      // No schema sets cache hints and the gateway asks for none: its per-field hook would wrap every resolver for nothing.
      ApolloServerPluginCacheControlDisabled(),
      strictInputPlugin({ httpStatus: 200 }),
      requestObserverPlugin({ service: name, logger, metrics, requestLogLevel: 'debug' }),
    ],
    formatError(formatted, error) {
      if (isMasked(formatted)) logger.error('request failed', { error: describeError(error) });
      return maskError(formatted);
    },
  });
  await apollo.start();

  app.get('/health', (_req, res) => void res.json({ status: 'ok', service: name }));
  // Ready when this process's own stores answer, within a probe's patience; a store that hangs is down.
  app.get('/ready', async (_req, res) => {
    const ready = options.isReady ? await withTimeout(options.isReady(), 2_000).catch(() => false) : true;
    res.status(ready ? 200 : 503).json({ ready, service: name });
  });
  app.get('/metrics', (_req, res) => void sendMetrics(metrics, res));

  app.use(
    '/graphql',
    express.json({ limit: MAX_REQUEST_BODY }),
    async (req, res, next) => {
      const identityToken = req.header(IDENTITY_HEADER);
      const identity = await options.identityVerifier.verify(identityToken);
      if (!identity) {
        const { status, errors } = unauthenticated();
        sendRejection(res, status, errors);
        return;
      }
      res.locals.identity = identity;
      res.locals.identityToken = identityToken;
      next();
    },
    expressMiddleware(apollo, {
      context: async ({ req, res }) =>
        options.createContext(res.locals.identity as Identity, { headers: req.headers, identityToken: res.locals.identityToken as string }),
    }),
  );
  for (const [route, handle] of Object.entries(options.internalRoutes ?? {})) {
    app.post(`/internal/${route}`, express.json({ limit: MAX_REQUEST_BODY }), async (req, res) => {
      const identity = await options.identityVerifier.verify(req.header(IDENTITY_HEADER));
      if (!identity) {
        metrics.increment('studbook_rejected_identity_total', 'Requests refused for a missing or invalid identity token', { service: name });
        res.status(401).json({ errors: [{ message: 'Missing or invalid identity token', extensions: { code: ErrorCode.Unauthenticated } }] });
        return;
      }
      try {
        await handle({ identity, body: req.body as unknown }, res);
      } catch (error) {
        logger.error('internal route failed', { route, error: describeError(error) });
        if (!res.headersSent) res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: ErrorCode.Internal } }] });
        else res.destroy();
      }
    });
  }
  app.use(bodyErrors);

  const server = await listenGraphQL(httpServer, listen, () => apollo.stop());
  logger.info('subgraph listening', { service: name, url: server.url });
  return server;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
