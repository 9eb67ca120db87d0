import net from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startPolicyGateway } from './policy-gateway.js';
import type { GraphQLResponse } from '../../embedded/src/graphql-client.js';

const SPA_DEV = 'http://localhost:5173';
// Raw HTTP: these tests look at the transport, whatever the operation's type.
const INTROSPECT = '{ __schema { queryType { name } } }';

const json = async (response: Response) => (await response.json()) as GraphQLResponse<unknown>;
const post = (url: string, query: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
const browserGet = (url: string) => fetch(url, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
const preflight = (url: string, origin: string) =>
  fetch(url, {
    method: 'OPTIONS',
    headers: { origin, accept: 'text/html,*/*', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
  });

let gateway: Awaited<ReturnType<typeof startPolicyGateway>>;
let metricsPort: number;

beforeAll(async () => {
  metricsPort = await freePort();
  gateway = await startPolicyGateway({ CORS_ORIGINS: `${SPA_DEV}, https://app.studbook.example`, METRICS_PORT: metricsPort });
});
afterAll(() => gateway?.stop());

describe('CORS', () => {
  it('answers a preflight from an allowed origin itself, before the playground sees it', async () => {
    const response = await preflight(gateway.url, SPA_DEV);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(SPA_DEV);
    expect(response.headers.get('access-control-allow-headers')?.split(',')).toEqual(expect.arrayContaining(['authorization', 'content-type']));
    expect(response.headers.get('content-type') ?? '').not.toMatch(/html/);
    expect(await response.text()).toBe('');
  });

  it('grants no other origin, by default not even the SPA dev origin', async () => {
    const evil = await preflight(gateway.url, 'https://evil.example');
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    // Answered by the CORS policy itself, not by whatever route sits behind it.
    expect(evil.status).toBe(204);
    expect(evil.headers.get('allow')).toBeNull();
    const read = await post(gateway.url, '{ __typename }', { origin: 'https://evil.example' });
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
    const allowed = await post(gateway.url, '{ __typename }', { origin: 'https://app.studbook.example' });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.studbook.example');

    const shared = inject('gatewayUrl');
    expect((await preflight(shared, SPA_DEV)).headers.get('access-control-allow-origin')).toBeNull();
    const own = new URL(shared).origin;
    expect((await post(shared, '{ __typename }', { origin: own })).headers.get('access-control-allow-origin')).toBe(own);
  });
});

describe('response headers', () => {
  it('never announce the server and forbid content sniffing, on the gateway and on every subgraph', async () => {
    const gatewayResponses = await Promise.all([
      post(gateway.url, '{ __typename }'),
      post(gateway.url, '{ nope }'),
      fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' }),
      browserGet(gateway.url),
      fetch(new URL('/health', gateway.url)),
      fetch(new URL('/no-such-path', gateway.url)),
      preflight(gateway.url, SPA_DEV),
    ]);
    const subgraphResponses = await Promise.all(Object.values(inject('subgraphUrls')).flatMap((url) => [post(url, '{ __typename }'), fetch(new URL('/health', url))]));
    for (const response of [...gatewayResponses, ...subgraphResponses]) {
      expect({ url: response.url, poweredBy: response.headers.get('x-powered-by'), nosniff: response.headers.get('x-content-type-options') }).toEqual({
        url: response.url,
        poweredBy: null,
        nosniff: 'nosniff',
      });
    }
  });
});

describe('/metrics', () => {
  it('is not on the public port by default', async () => {
    expect((await fetch(new URL('/metrics', inject('gatewayUrl')))).status).toBe(404);
    expect((await fetch(new URL('/metrics', gateway.url))).status).toBe(404);
  });

  it('is served on METRICS_PORT, bound to 127.0.0.1', async () => {
    await post(gateway.url, '{ __typename }');
    const response = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/^studbook_gateway_requests_total \d+/m);
  });

  it('is served on the public port only to the holder of METRICS_TOKEN', async () => {
    const token = 'a-metrics-scraper-token-of-forty-characters';
    const withToken = await startPolicyGateway({ METRICS_TOKEN: token });
    try {
      await post(withToken.url, '{ __typename }');
      const url = new URL('/metrics', withToken.url);
      const anonymous = await fetch(url);
      expect([anonymous.status, anonymous.headers.get('www-authenticate')]).toEqual([401, 'Bearer realm="metrics"']);
      expect((await fetch(url, { headers: { authorization: `Bearer ${token}x` } })).status).toBe(401);
      const scraper = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      expect(scraper.status).toBe(200);
      expect(await scraper.text()).toMatch(/^studbook_gateway_requests_total \d+/m);
    } finally {
      await withToken.stop();
    }
  });
});

describe('introspection and the playground', () => {
  it('are off with NODE_ENV=production, on again when enabled, and off by config anywhere', async () => {
    const production = await startPolicyGateway({ NODE_ENV: 'production' });
    const enabled = await startPolicyGateway({ NODE_ENV: 'production', INTROSPECTION: 'true', PLAYGROUND: 'true' });
    const disabled = await startPolicyGateway({ INTROSPECTION: 'false', PLAYGROUND: 'false' });
    try {
      for (const off of [production, disabled]) {
        const body = await json(await post(off.url, INTROSPECT));
        expect(body.data).toBeUndefined();
        expect(body.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
        const page = await browserGet(off.url);
        expect(page.headers.get('content-type') ?? '').not.toMatch(/html/);
        expect(await page.text()).not.toMatch(/graphiql/i);
        // Queries keep working.
        expect((await json(await post(off.url, '{ __typename }'))).data).toEqual({ __typename: 'Query' });
      }
      for (const on of [enabled, gateway]) {
        expect((await json(await post(on.url, INTROSPECT))).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
        const page = await browserGet(on.url);
        expect(page.headers.get('content-type')).toMatch(/text\/html/);
        expect(await page.text()).toMatch(/graphiql/i);
      }
    } finally {
      await Promise.all([production.stop(), enabled.stop(), disabled.stop()]);
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
