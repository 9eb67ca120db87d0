import http from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type RequestHandler } from 'express';
import { listenGraphQL, sendMetrics, type Logger, type Metrics, type RunningServer } from '@studbook/platform';

export interface MetricsExposure {
  /** A listener of its own, e.g. on 127.0.0.1 where only a local scraper reaches it. */
  port?: number;
  host: string;
  /** Serves /metrics on the public port too, to `Authorization: Bearer <token>` only. */
  token?: string;
}

/**
 * /metrics on the public port, for a scraper that holds the token: counters reveal traffic and
 * data volumes. (Without METRICS_TOKEN the route does not exist on the public port.)
 */
export function metricsWithToken(metrics: Metrics, token: string): RequestHandler {
  const expected = digest(`Bearer ${token}`);
  return (req, res) => {
    const presented = req.header('authorization');
    if (presented !== undefined && timingSafeEqual(digest(presented), expected)) return void sendMetrics(metrics, res);
    res.status(401).set('www-authenticate', 'Bearer realm="metrics"').type('text/plain').send('Unauthorized');
  };
}

/** A metrics-only HTTP listener, started when METRICS_PORT is set. */
export async function startMetricsListener(metrics: Metrics, exposure: MetricsExposure & { port: number }, logger: Logger): Promise<RunningServer> {
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', (_req, res) => void sendMetrics(metrics, res));
  const server = await listenGraphQL(http.createServer(app), { port: exposure.port, host: exposure.host }, async () => {});
  logger.info('metrics listening', { url: server.url.replace(/\/graphql$/, '/metrics') });
  return server;
}

// Equal-length digests let timingSafeEqual compare tokens of any length without leaking it.
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
