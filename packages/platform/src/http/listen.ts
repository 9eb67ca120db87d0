import type http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RunningServer {
  /** The GraphQL endpoint, reachable from this machine. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** How long stop() lets requests in flight finish before cutting their connections. */
const DRAIN_TIMEOUT_MS = 10_000;

/**
 * Listens (port 0 picks a free one) and returns a handle whose stop() refuses new connections,
 * lets requests in flight finish (a mutation's client hears that it committed), then stops the app.
 */
export async function listenGraphQL(server: http.Server, listen: { port: number; host?: string }, stopApp: () => Promise<void>): Promise<RunningServer> {
  const host = listen.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, host, () => (server.off('error', reject), resolve()));
  });
  const port = (server.address() as AddressInfo).port;
  const reachableHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    url: `http://${reachableHost}:${port}/graphql`,
    port,
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const cutOff = setTimeout(() => server.closeAllConnections(), DRAIN_TIMEOUT_MS);
      await closed;
      clearTimeout(cutOff);
      await stopApp();
    },
  };
}
