import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { OperationLabels } from './operation-labels.js';

export const REQUEST_DURATION_METRIC = 'studbook_graphql_request_duration_seconds';
export const ERRORS_METRIC = 'studbook_graphql_errors_total';

// The gateway names each fetch `<client operation>__<subgraph>__<n>`: a subgraph counts it under the client's name.
const GATEWAY_FETCH_SUFFIX = /__[a-z0-9_]+__\d+$/;

export interface RequestObserverOptions {
  /** The deployable's name, a label on every series (one `npm start` process shares a registry). */
  service: string;
  logger: Logger;
  metrics: Metrics;
  /** Level of the one line per request: info at the gateway (the access log), debug in subgraphs. */
  requestLogLevel: 'info' | 'debug';
}

/**
 * Times every GraphQL request by operation name, counts its errors by `extensions.code` (as the
 * client receives them, masked ones as INTERNAL_SERVER_ERROR) and logs one line for it.
 */
export function requestObserverPlugin<TContext extends BaseContext>(options: RequestObserverOptions): ApolloServerPlugin<TContext> {
  const { service, logger, metrics } = options;
  const operations = new OperationLabels();
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ response, operationName, operation }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const codes = errors.map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          const label = operations.label(operationName?.replace(GATEWAY_FETCH_SUFFIX, ''), operation !== undefined);
          metrics.observe(
            REQUEST_DURATION_METRIC,
            'GraphQL request latency by operation name',
            { service, operation: label, outcome: codes.length ? 'error' : 'ok' },
            seconds,
          );
          for (const code of codes) metrics.increment(ERRORS_METRIC, 'GraphQL errors sent to callers, by extensions.code', { service, code });
          logger[options.requestLogLevel]('graphql request', {
            operation: label,
            durationMs: Math.round(seconds * 1000 * 10) / 10,
            ...(codes.length ? { errors: codes } : {}),
          });
        },
      };
    },
  };
}
