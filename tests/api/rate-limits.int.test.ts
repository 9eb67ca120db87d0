import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createCache, createIdentitySigner, createLogger, Metrics, RedisCache, type Cache, type RunningServer } from '@studbook/platform';
import { startGateway } from '../../gateway/src/server.js';
import { loadSupergraph } from '../../gateway/src/supergraph.js';
import { gatewayPolicyFrom, type GatewayPolicyEnv } from '../../gateway/src/policy.js';
import { gqlData, newOrganization } from '../support/gateway-client.js';
import { connect, subscribe } from '../realtime/ws-client.js';
import { graphql } from '../__generated__/index.js';
import type { TypedDocumentString } from '../__generated__/graphql.js';
import type { GraphQLResponse } from '../../embedded/src/graphql-client.js';
import type { Document } from '../support/operations.js';

const stops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
});

/**
 * A gateway of its own in front of the test platform's subgraphs, with tight limits on counters
 * nobody else uses (a fresh key prefix): the shared gateway's budgets are generous by design.
 */
async function limitedGateway(env: Partial<GatewayPolicyEnv>, keyPrefix = `rate-test:${randomUUID()}`): Promise<string> {
  const logger = createLogger('rate-limit-test', { silent: true });
  const cache: Cache = createCache(inject('redisUrl') || undefined, 'rate-limit-test', logger);
  // Until its client is connected a gateway counts in process (as in an outage), and these tests count exactly.
  if (cache instanceof RedisCache && cache.redis.status !== 'ready') await once(cache.redis, 'ready');
  const gateway: RunningServer = await startGateway(
    {
      supergraphSdl: loadSupergraph(),
      subgraphUrls: inject('subgraphUrls'),
      identitySigner: createIdentitySigner(inject('identityPrivateKey')),
      cache,
      logger,
      metrics: new Metrics(),
      policy: gatewayPolicyFrom({ RATE_LIMIT_KEY_PREFIX: keyPrefix, ...env }),
    },
    { port: 0, host: '127.0.0.1' },
  );
  stops.push(async () => {
    await gateway.stop();
    await cache.close();
  });
  return gateway.url;
}

interface Answer<T = unknown> {
  status: number;
  retryAfter: string | null;
  body: GraphQLResponse<T>;
}

interface PostOptions<V> {
  token?: string;
  forwardedFor?: string;
  variables?: V;
}

async function post<R, V>(url: string, document: TypedDocumentString<R, V>, options?: PostOptions<V>): Promise<Answer<R>>;
async function post(url: string, query: string, options?: PostOptions<Record<string, unknown>>): Promise<Answer>;
async function post(url: string, query: Document, options: PostOptions<unknown> = {}): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.forwardedFor ? { 'x-forwarded-for': options.forwardedFor } : {}),
    },
    body: JSON.stringify({ query: query.toString(), variables: options.variables ?? {} }),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as Answer['body'] };
}

const ME = graphql(`query RateLimitsMe { me { id } }`);
const statuses = (answers: Answer[]) => answers.map((answer) => answer.status);

/** What a throttled client gets: 429, Retry-After in seconds, and the same number in a coded GraphQL error. */
function expectThrottled(answer: Answer, windowSeconds: number) {
  expect(answer.status).toBe(429);
  const seconds = Number(answer.retryAfter);
  expect(Number.isInteger(seconds) && seconds >= 1 && seconds <= windowSeconds, `Retry-After: ${answer.retryAfter}`).toBe(true);
  expect(answer.body.data).toBeUndefined();
  expect(answer.body.errors).toEqual([
    { message: `Too many requests: try again in ${seconds} second${seconds === 1 ? '' : 's'}.`, extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: seconds } },
  ]);
}

describe('the general request budget', () => {
  it('is shared by every session from one address, and a refused mutation writes nothing', async () => {
    const url = await limitedGateway({ RATE_LIMIT_PER_ADDRESS: 4, RATE_LIMIT_PER_SESSION: 100, RATE_LIMIT_WINDOW_SECONDS: 60 });
    const [ada, bea] = await Promise.all([newOrganization('Rate Ada'), newOrganization('Rate Bea')]);
    const allowed = [
      await post(url, ME, { token: ada.token }),
      await post(url, ME, { token: ada.token }),
      await post(url, ME, { token: bea.token }),
      await post(url, ME, { token: bea.token }),
    ];
    expect(statuses(allowed)).toEqual([200, 200, 200, 200]);
    expect(allowed[2].body.data!.me!.id).toBe(bea.userId);

    const name = `Throttled-${randomUUID()}`;
    const refused = await post(url, 'mutation ($input: CreateAnimalInput!) { createAnimal(input: $input) { id } }', {
      token: bea.token,
      variables: { input: { name, species: 'Ball python', sex: 'FEMALE' } },
    });
    expectThrottled(refused, 60);
    expectThrottled(await post(url, ME, { token: ada.token }), 60);
    expectThrottled(await post(url, '{ __typename }'), 60);
    const written = await gqlData(
      graphql(`query RateLimitsThrottledWrites($n: String!) { animals(first: 5, filter: { nameContains: $n }) { edges { node { id } } } }`),
      { n: name },
      bea.token,
    );
    expect(written.animals.edges).toEqual([]);
  });

  it('ignores X-Forwarded-For without trusted proxy hops: forged addresses share the socket address', async () => {
    const url = await limitedGateway({ RATE_LIMIT_PER_ADDRESS: 3, TRUSTED_PROXY_HOPS: 0 });
    const answers = [];
    for (const forwardedFor of ['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4']) answers.push(await post(url, '{ __typename }', { forwardedFor }));
    expect(statuses(answers)).toEqual([200, 200, 200, 429]);
  });

  it('counts per session behind a trusted proxy: one token from several addresses, and per forwarded address', async () => {
    const url = await limitedGateway({ RATE_LIMIT_PER_ADDRESS: 3, RATE_LIMIT_PER_SESSION: 3, TRUSTED_PROXY_HOPS: 1 });
    const ada = await newOrganization('Rate Roaming');
    // The proxy appends the address it saw; anything a client put further left is not believed.
    const roaming = [];
    for (const address of ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4'])
      roaming.push(await post(url, ME, { token: ada.token, forwardedFor: `6.6.6.6, ${address}` }));
    expect(statuses(roaming)).toEqual([200, 200, 200, 429]);
    expectThrottled(roaming[3], 60);

    // Those addresses still have budget for others; one address's own budget still runs out.
    expect((await post(url, '{ __typename }', { forwardedFor: '198.51.100.4' })).status).toBe(200);
    const crowded = [];
    for (let i = 0; i < 4; i++) crowded.push(await post(url, '{ __typename }', { forwardedFor: `${i}.1.1.1, 198.51.100.9` }));
    expect(statuses(crowded)).toEqual([200, 200, 200, 429]);
  });

  it('counts WebSocket connection_init and subscribe messages against the same budget', async () => {
    const url = await limitedGateway({ RATE_LIMIT_PER_ADDRESS: 3, RATE_LIMIT_PER_SESSION: 100 });
    const ada = await newOrganization('Rate Socket');
    const socket = connect(url, ada.token); // 1
    stops.push(async () => socket.dispose());
    const first = subscribe(socket.client, '{ me { id } }'); // 2
    await first.ended();
    expect(first.results).toEqual([expect.objectContaining({ data: { me: { id: ada.userId } } })]);
    expect((await post(url, ME, { token: ada.token })).status).toBe(200); // 3

    const refused = subscribe(socket.client, '{ me { id } }');
    const ended = await refused.ended();
    expect(ended.error).toEqual([expect.objectContaining({ extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: expect.any(Number) } })]);
    const second = connect(url, ada.token);
    expect(await second.closed).toBe(4429);
  });

  it.runIf(inject('redisUrl'))('is counted together by every gateway instance on one Redis', async () => {
    const keyPrefix = `rate-test:${randomUUID()}`;
    const [a, b] = [await limitedGateway({ RATE_LIMIT_PER_ADDRESS: 3 }, keyPrefix), await limitedGateway({ RATE_LIMIT_PER_ADDRESS: 3 }, keyPrefix)];
    const answers = [await post(a, '{ __typename }'), await post(b, '{ __typename }'), await post(a, '{ __typename }'), await post(b, '{ __typename }')];
    expect(statuses(answers)).toEqual([200, 200, 200, 429]);
  });
});

describe('the sign-in budget', () => {
  const SIGN_IN = graphql(`mutation RateLimitsSignIn($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`);

  it('is much tighter than the general one, and only spent by signUp, signIn and acceptInvitation', async () => {
    const url = await limitedGateway({ RATE_LIMIT_PER_ADDRESS: 100, AUTH_RATE_LIMIT_PER_ADDRESS: 3, AUTH_RATE_LIMIT_WINDOW_SECONDS: 900 });
    const ada = await newOrganization('Rate Sign-in');
    const attempts = [];
    for (let i = 0; i < 4; i++) attempts.push(await post(url, SIGN_IN, { variables: { e: ada.email, p: `wrong password ${i}` } }));
    expect(statuses(attempts)).toEqual([200, 200, 200, 429]);
    expect(attempts.slice(0, 3).map((a) => a.body.errors?.[0]?.extensions?.code)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expectThrottled(attempts[3], 900);
    expectThrottled(await post(url, 'mutation ($t: String!) { acceptInvitation(token: $t) { role } }', { token: ada.token, variables: { t: 'x'.repeat(43) } }), 900);
    // Everything else goes on.
    const me = await post(url, ME, { token: ada.token });
    expect(me.status).toBe(200);
    expect(me.body.data!.me!.id).toBe(ada.userId);
  });

  it('counts every aliased field: ten signIn in one request are ten attempts, and none of them runs', async () => {
    const url = await limitedGateway({ AUTH_RATE_LIMIT_PER_ADDRESS: 5 });
    const ada = await newOrganization('Rate Aliases');
    const aliased = Array.from({ length: 10 }, (_, i) => `a${i}: signIn(email: $e, password: $p) { token }`).join(' ');
    const refused = await post(url, `mutation ($e: String!, $p: String!) { ${aliased} }`, { variables: { e: ada.email, p: 'correct horse battery' } });
    expectThrottled(refused, 900);
    // No sign-in ran: the only session is the one sign-up opened.
    const sessions = await gqlData(graphql(`query RateLimitsMySessions { mySessions { id } }`), {}, ada.token);
    expect(sessions.mySessions).toHaveLength(1);
  });
});
