import type http from 'node:http';
import { GraphQLError, getOperationAST, parse, type DocumentNode, type ExecutionArgs, type GraphQLSchema, type ValidationRule } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { ErrorCode, forbidden, isMasked, maskError, type EventBus, type Logger, type Metrics, type UserIdentity } from '@studbook/platform';
import { DeliveryStream } from './delivery-stream.js';
import { EventFeeds } from './event-feeds.js';
import { graphqlCjs } from './graphql-cjs.js';
import type { Caller, RunAs } from './run-as-caller.js';
import { SessionWatch, type SessionCheck } from './session-watch.js';
import { prepareSubscription, type PreparedSubscription } from './subscription-operation.js';
import { SUBSCRIPTIONS } from './subscriptions/index.js';
import { countAuthFields } from '../rate-limit/auth-fields.js';
import { rateLimitSubject } from '../rate-limit/rate-limit-subject.js';
import type { RateLimits, RateLimitSubject } from '../rate-limit/rate-limits.js';
import { tooManyRequests } from '../rate-limit/too-many-requests.js';
import { budgetError, documentShapeError, isTokenLimitMessage, tooManyTokens, type BudgetLimits } from '../budget/operation-budget.js';
import { gatewayPolicyFrom } from '../policy.js';
import { trustedSocketDocument, UNTRUSTED_DOCUMENT_MESSAGE, type TrustedDocuments, type TrustedDocumentsMode } from '../web/trusted-documents.js';

export interface RealtimeDeps {
  httpServer: http.Server;
  /** The supergraph's API schema (what clients see), once the gateway has loaded it. */
  schema: () => GraphQLSchema;
  /** The same rules HTTP operations are validated with (depth limit). */
  validationRules: readonly ValidationRule[];
  /** The same operation budget as HTTP (token limit included), checked before anything runs; default: the policy's defaults. */
  budget?: BudgetLimits;
  runAs: RunAs;
  /** Resolves `Bearer <token>` to the caller; throws UNAUTHENTICATED for a bad or revoked token. */
  identify: (authorization: string) => Promise<{ identity: UserIdentity | { kind: string }; sessionHash?: string }>;
  bus: EventBus;
  logger: Logger;
  metrics: Metrics;
  /** How often each open connection's session token is re-checked (sign-out closes it within this). */
  sessionCheckIntervalMs?: number;
  maxSubscriptionsPerConnection?: number;
  /** The HTTP budgets: connection_init and each subscribe message count as requests, auth fields as on HTTP. */
  rateLimit?: { limits: RateLimits; trustedProxyHops: number };
  /** The web app's trusted documents and who must keep to them, as over HTTP; default: not enforced. */
  trustedDocuments?: { documents: TrustedDocuments; mode: TrustedDocumentsMode };
}

export interface RealtimeServer {
  close(): Promise<void>;
}

interface Connection {
  authorization: string;
  /** Who the connection was accepted as; it is closed once the token stands for anyone else. */
  caller: Caller;
  unwatch: () => void;
  close: () => void;
  subscriptions: number;
  /** Address and session the connection was opened from; its messages count against them. */
  rateLimitSubject: RateLimitSubject;
}

type ConnectionExtra = Extra & { connection?: Connection };

interface OperationContext {
  connection: Connection;
  query: string;
  prepared?: PreparedSubscription;
}

/** 4403 is what graphql-ws itself sends when onConnect refuses; we send it on sign-out too. */
const FORBIDDEN = CloseCode.Forbidden;
/** HTTP's 429 in the 4000-4999 range applications may use. */
const TOO_MANY_REQUESTS = 4429;

/**
 * graphql-ws (`graphql-transport-ws`) on the gateway's HTTP server and `/graphql` path. The
 * session token comes in `connection_init`; each subscription is validated like an HTTP query and
 * its events are read through the gateway's own executor as the subscriber (see README.md).
 */
export function attachRealtime(deps: RealtimeDeps): RealtimeServer {
  const { logger, metrics } = deps;
  const feeds = new EventFeeds(deps.bus, deps.runAs, logger, metrics);
  const check: SessionCheck = async (authorization) => {
    try {
      const { identity } = await deps.identify(authorization);
      return identity.kind === 'user' ? (identity as UserIdentity) : null;
    } catch (error) {
      if ((error as GraphQLError).extensions?.code === ErrorCode.Unauthenticated) return null;
      throw error;
    }
  };
  const watch = new SessionWatch(check, deps.sessionCheckIntervalMs ?? 1_000, (error) =>
    logger.warn('session re-check failed (three in a row close the connections)', { error: String(error) }),
  );
  const isCurrent = (connection: Connection) => watch.ensureValid(connection.authorization, connection.caller.identity);
  const maxSubscriptions = deps.maxSubscriptionsPerConnection ?? 100;
  const budget = deps.budget ?? gatewayPolicyFrom().budget;
  const wss = new WebSocketServer({ server: deps.httpServer, path: '/graphql', maxPayload: 1024 * 1024 });
  const open = { connections: 0, subscriptions: 0 };
  metrics.gauge('studbook_ws_open', 'Open graphql-ws connections and subscriptions of this gateway', ['kind'], () => [
    { labels: { kind: 'connections' }, value: open.connections },
    { labels: { kind: 'subscriptions' }, value: open.subscriptions },
  ]);

  const disposable = useServer<Record<string, unknown> | undefined, { connection?: Connection }>(
    {
      async onConnect(ctx) {
        const params = ctx.connectionParams ?? {};
        const authorization = params.authorization ?? params.Authorization;
        const extra = ctx.extra as ConnectionExtra;
        const socket = extra.socket;
        const subject = rateLimitSubject(extra.request, authorization, deps.rateLimit?.trustedProxyHops ?? 0);
        const throttled = await deps.rateLimit?.limits.consume(subject, { requests: 1 });
        if (throttled) {
          // Before any session lookup; graphql-ws's own 4403 after `false` finds the socket already closing.
          socket.close(TOO_MANY_REQUESTS, `Too many requests: retry after ${throttled.retryAfterSeconds} s`);
          return false;
        }
        if (typeof authorization !== 'string') return false;
        const caller = await deps.identify(authorization).catch((error) => {
          if ((error as GraphQLError).extensions?.code !== ErrorCode.Unauthenticated)
            logger.error('session lookup failed during connection_init', { error: String(error) });
          return null;
        });
        if (caller?.identity.kind !== 'user') return false;
        // The client may have gone while the token was resolved: onClose has then already run,
        // and a watch registered now would never be removed.
        if (socket.readyState !== socket.OPEN) return false;
        const connection: Connection = {
          authorization,
          caller: { identity: caller.identity as UserIdentity, sessionHash: caller.sessionHash },
          unwatch: watch.watch(authorization, caller.identity as UserIdentity, () => socket.close(FORBIDDEN, 'Forbidden')),
          close: () => socket.close(FORBIDDEN, 'Forbidden'),
          subscriptions: 0,
          rateLimitSubject: subject,
        };
        extra.connection = connection;
        metrics.increment('studbook_ws_connections_total', 'graphql-ws connections accepted');
        open.connections += 1;
        return true;
      },
      onClose(ctx) {
        const { connection } = ctx.extra as ConnectionExtra;
        if (connection) open.connections -= 1;
        connection?.unwatch();
      },
      async onSubscribe(ctx, _id, payload) {
        const connection = (ctx.extra as ConnectionExtra).connection!;
        const limits = deps.rateLimit?.limits;
        const throttled = await limits?.consume(connection.rateLimitSubject, { requests: 1 });
        if (throttled) return forGraphqlWs([tooManyRequests(throttled.retryAfterSeconds)]);
        const trusted = deps.trustedDocuments
          ? trustedSocketDocument(deps.trustedDocuments.documents, deps.trustedDocuments.mode, (ctx.extra as ConnectionExtra).request, payload)
          : { query: payload.query };
        if ('refused' in trusted) return forGraphqlWs([new GraphQLError(UNTRUSTED_DOCUMENT_MESSAGE, { extensions: { code: trusted.refused } })]);
        const query = trusted.query;
        let document: DocumentNode;
        try {
          document = parse(query, { maxTokens: budget.maxTokens });
        } catch (error) {
          const message = (error as Error).message;
          if (isTokenLimitMessage(message)) return forGraphqlWs([tooManyTokens(budget.maxTokens)]);
          return forGraphqlWs([new GraphQLError(message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })]);
        }
        const authFields = countAuthFields(document);
        const authThrottled = authFields > 0 ? await limits?.consume(connection.rateLimitSubject, { authFields }) : null;
        if (authThrottled) return forGraphqlWs([tooManyRequests(authThrottled.retryAfterSeconds)]);
        const operation = getOperationAST(document, payload.operationName);
        // Priced before validation, the costlier step, as over HTTP; only signed-in callers get a connection (onConnect).
        const refused = documentShapeError(document, budget) ?? (operation ? budgetError(deps.schema(), document, operation, payload.variables, false, budget) : null);
        if (refused) return forGraphqlWs([refused]);
        const contextValue: OperationContext = { connection, query };
        if (operation?.operation === 'subscription') {
          const prepared = prepareSubscription(SUBSCRIPTIONS, deps.schema(), document, payload.variables, payload.operationName, deps.validationRules);
          if (Array.isArray(prepared)) return forGraphqlWs(prepared as readonly GraphQLError[]);
          if (connection.subscriptions >= maxSubscriptions) {
            return forGraphqlWs([new GraphQLError(`At most ${maxSubscriptions} subscriptions per connection`, { extensions: { code: ErrorCode.BadUserInput } })]);
          }
          contextValue.prepared = prepared as PreparedSubscription;
        }
        // Queries and mutations are validated by the gateway's executor when they run.
        return { schema: deps.schema(), document, variableValues: payload.variables, operationName: payload.operationName, contextValue } satisfies ExecutionArgs;
      },
      // Queries and mutations on the socket run exactly as over HTTP, as the connection's caller,
      // once the token is known to still stand for that caller (not signed out, switched or demoted).
      async execute(args) {
        const { connection, query } = args.contextValue as OperationContext;
        if (!(await isCurrent(connection))) {
          connection.close();
          return { errors: [forbidden('Your session changed: reconnect').toJSON()] } as never;
        }
        return deps.runAs(connection.caller, query, (args.variableValues as Record<string, unknown>) ?? {}) as never;
      },
      async subscribe(args) {
        const { connection, prepared } = args.contextValue as OperationContext;
        connection.subscriptions += 1;
        open.subscriptions += 1;
        let leave: (() => void) | undefined;
        let left = false;
        const stream = new DeliveryStream(
          async () => (await isCurrent(connection)) || (connection.close(), false),
          () => {
            left = true;
            connection.subscriptions -= 1;
            open.subscriptions -= 1;
            leave?.();
          },
        );
        feeds
          .join({
            caller: connection.caller,
            prepared: prepared!,
            deliver: (result) => stream.push(result),
            complete: () => stream.end(),
            fail: (error) => stream.fail(error),
          })
          .then((unjoin) => (left ? unjoin() : (leave = unjoin)))
          .catch((error) => stream.fail(error));
        return stream as never;
      },
      // Results come from the gateway's executor already formatted and masked (plain errors, not
      // GraphQLError instances graphql-ws would call toJSON on): they go out as they are.
      onNext(_ctx, _id, _payload, _args, result) {
        return result;
      },
      onError(_ctx, _id, _payload, errors) {
        return errors.map((error) => {
          const formatted = error.toJSON();
          if (isMasked(formatted)) logger.error('subscription failed', { message: error.message, error: String(error.originalError?.stack ?? error.stack) });
          return maskError(formatted);
        });
      },
    },
    wss,
  );

  return {
    async close() {
      watch.close();
      for (const client of wss.clients) client.close(1001, 'Going away');
      await disposable.dispose();
    },
  };
}

/** graphql-ws (plain Node ESM) loads graphql's CommonJS build and only sends errors of that build. */
function forGraphqlWs(errors: readonly GraphQLError[]): GraphQLError[] {
  return errors.map(
    (error) =>
      new graphqlCjs.GraphQLError(error.message, {
        nodes: error.nodes,
        source: error.source,
        positions: error.positions,
        path: error.path,
        extensions: error.extensions,
      }) as unknown as GraphQLError,
  );
}
