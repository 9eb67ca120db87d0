import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A load balancer in miniature: each HTTP request goes to the next of `targets` in turn (path,
 * method, headers and body as received), and the answer comes back as the target gave it. It counts
 * what each target served, so a test can tell that both replicas did work.
 */
export async function startRoundRobinProxy(targets: string[]): Promise<{ url: string; served: number[]; stop(): Promise<void> }> {
  const origins = targets.map((target) => new URL(target));
  const served = origins.map(() => 0);
  let next = 0;
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    const index = next;
    next = (next + 1) % origins.length;
    served[index] += 1;
    const origin = origins[index];
    const upstream = http.request(
      { host: origin.hostname, port: origin.port, path: req.url, method: req.method, headers: { ...req.headers, host: origin.host }, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    // The targets' path (/graphql) on the proxy's port.
    url: `http://127.0.0.1:${port}${origins[0].pathname}`,
    served,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      agent.destroy();
    },
  };
}
