import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createCache, createIdentitySigner, createLogger, ERRORS_METRIC, Metrics, RedisCache, type Cache, type RunningServer } from '@studbook/platform';
import { startGateway } from '../../gateway/src/server.js';
import { loadSupergraph } from '../../gateway/src/supergraph.js';
import { gatewayPolicyFrom } from '../../gateway/src/policy.js';

// Requests the gateway refuses before Apollo Server sees them count in the same errors-by-code
// series as Apollo's own errors: an operator sees a flood of them on the error dashboard.
const metrics = new Metrics({ processMetrics: false });
let gateway: RunningServer;
let cache: Cache;

beforeAll(async () => {
  const logger = createLogger('rejections-test', { silent: true });
  cache = createCache(inject('redisUrl') || undefined, 'rejections-test', logger);
  if (cache instanceof RedisCache && cache.redis.status !== 'ready') await once(cache.redis, 'ready');
  gateway = await startGateway(
    {
      supergraphSdl: loadSupergraph(),
      subgraphUrls: inject('subgraphUrls'),
      identitySigner: createIdentitySigner(inject('identityPrivateKey')),
      cache,
      logger,
      metrics,
      // Three requests a minute from one address, on counters no other test uses.
      policy: gatewayPolicyFrom({ RATE_LIMIT_KEY_PREFIX: `rejections-test:${randomUUID()}`, RATE_LIMIT_PER_ADDRESS: 3, RATE_LIMIT_WINDOW_SECONDS: 60 }),
    },
    { port: 0, host: '127.0.0.1' },
  );
});
afterAll(async () => {
  await gateway?.stop();
  await cache?.close();
});

const errorsWith = (code: string, service = 'gateway') => metrics.get(ERRORS_METRIC, { service, code });

async function post(body: string): Promise<{ status: number; codes: string[] }> {
  const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const { errors = [] } = (await response.json()) as { errors?: { extensions: { code: string } }[] };
  return { status: response.status, codes: errors.map((error) => error.extensions.code) };
}

describe('errors of requests refused before Apollo', () => {
  it('counts malformed JSON, a body too large and a throttled request by their codes', async () => {
    expect(await post('{"query": "{ animals')).toEqual({ status: 400, codes: ['BAD_REQUEST'] });
    expect(await post(JSON.stringify({ query: `{ __typename } #${'x'.repeat(17 * 1024 * 1024)}` }))).toEqual({ status: 413, codes: ['BAD_REQUEST'] });
    expect(errorsWith('BAD_REQUEST')).toBe(2);

    // The third request of the minute is still served; the fourth is throttled before its body is read.
    expect((await post('{"query": "{ __typename }"}')).status).toBe(200);
    expect(await post('{"query": "{ __typename }"}')).toEqual({ status: 429, codes: ['TOO_MANY_REQUESTS'] });
    expect(errorsWith('TOO_MANY_REQUESTS')).toBe(1);
    expect(await metrics.render()).toMatch(/^studbook_graphql_errors_total\{service="gateway",code="TOO_MANY_REQUESTS"\} 1$/m);
  });

  it('counts a subgraph request without an identity token in that subgraph', async () => {
    const url = new URL('/metrics', inject('subgraphUrls').animal);
    const before = unauthenticated(await (await fetch(url)).text());
    const response = await fetch(inject('subgraphUrls').animal, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(response.status).toBe(401);
    expect(unauthenticated(await (await fetch(url)).text())).toBeGreaterThanOrEqual(before + 1);
  });

  it('refuses a subgraph body that is not JSON or too large as the gateway does, counted in that subgraph', async () => {
    const subgraph = inject('subgraphUrls').commerce;
    const send = async (body: string, type = 'application/json') => {
      const response = await fetch(subgraph, { method: 'POST', headers: { 'content-type': type }, body });
      const { errors = [] } = (await response.json()) as { errors?: { message: string; extensions: { code: string } }[] };
      return { status: response.status, sniffing: response.headers.get('x-content-type-options'), errors: errors.map((e) => [e.message, e.extensions.code]) };
    };
    expect(await send('{"query": "{ animals')).toEqual({ status: 400, sniffing: 'nosniff', errors: [['Malformed request body', 'BAD_REQUEST']] });
    expect(await send('"{ __typename }"')).toEqual({ status: 400, sniffing: 'nosniff', errors: [['Malformed request body', 'BAD_REQUEST']] });
    expect(await send(JSON.stringify({ query: `{ __typename } #${'x'.repeat(17 * 1024 * 1024)}` }))).toEqual({
      status: 413,
      sniffing: 'nosniff',
      errors: [['Request body too large', 'BAD_REQUEST']],
    });
    // Checked for its body before its identity, as Express's parser did: a token-less body that is fine gets 401.
    expect((await send('{"query":"{ __typename }"}')).status).toBe(401);
    expect((await send('{"query":"{ __typename }"}', 'application/json; charset=utf-8')).status).toBe(401);
    const metricsText = await (await fetch(new URL('/metrics', subgraph))).text();
    expect(Number(/^studbook_graphql_errors_total\{service="commerce",code="BAD_REQUEST"\} (\d+)$/m.exec(metricsText)?.[1])).toBeGreaterThanOrEqual(3);
  });
});

function unauthenticated(metricsText: string): number {
  const match = /^studbook_graphql_errors_total\{service="animal",code="UNAUTHENTICATED"\} (\d+)$/m.exec(metricsText);
  return match ? Number(match[1]) : 0;
}
