import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCache, createIdentitySigner, createLogger, MemoryCache, type Cache } from '@studbook/platform';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dynamoImplementations } from '../../../tests/support/dynamo-servers.js';
import { as, asData, signUpMember } from '../../../subgraphs/user/src/testing/members.js';
import { IDENTITY_KEYS, startUserSubgraphHarness, type UserSubgraphHarness } from '../../../subgraphs/user/src/testing/user-subgraph-harness.js';
import type { DynamoServer } from '../../../tests/support/dynamo-servers.js';
import { SessionResolver } from './session-resolver.js';

/**
 * A pass-through to the user subgraph that holds each answer until the test releases it: a
 * session lookup made slow on purpose, so a revocation can land while it is under way.
 */
async function holdingProxy(target: string) {
  let release: () => void = () => undefined;
  let held = Promise.resolve();
  let answered: () => void = () => undefined;
  let forwarded = new Promise<void>((resolve) => (answered = resolve));
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const upstream = await fetch(target, { method: 'POST', headers: request.headers as Record<string, string>, body: Buffer.concat(chunks) });
    const body = await upstream.text();
    answered();
    await held;
    response.writeHead(upstream.status, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    /** From now on answers wait for `release()`; resolves `forwarded` once the subgraph has answered. */
    hold() {
      held = new Promise((resolve) => (release = resolve));
      forwarded = new Promise((resolve) => (answered = resolve));
    },
    forwarded: () => forwarded,
    release: () => release(),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.each(dynamoImplementations())('gateway session resolution on $name', (implementation) => {
  let dynamo: DynamoServer;
  let subgraph: UserSubgraphHarness;
  let caches: Cache[] = [];

  beforeAll(async () => {
    dynamo = await implementation.start();
  });
  afterAll(async () => {
    await subgraph?.stop();
    for (const cache of caches) await cache.close();
    await dynamo?.stop();
  });

  it('does not cache a slow lookup that started before the session was revoked', async () => {
    const redisUrl = inject('redisUrl');
    const logger = createLogger('test', { silent: true });
    const shared = new MemoryCache();
    // Separate clients on one Redis, as the subgraph and a gateway have in production.
    caches = redisUrl ? [createCache(redisUrl, 'resolver-test-subgraph', logger), createCache(redisUrl, 'resolver-test-gateway', logger)] : [shared, shared];
    subgraph = await startUserSubgraphHarness(dynamo.endpoint, { cache: caches[0] });
    const proxy = await holdingProxy(subgraph.url);
    try {
      const resolver = new SessionResolver(proxy.url, createIdentitySigner(IDENTITY_KEYS.privateKey), caches[1]);
      const ada = await signUpMember(subgraph);

      proxy.hold();
      const slow = resolver.resolve(ada.token);
      await proxy.forwarded(); // the subgraph has said "valid"; the answer is on its way
      expect((await asData(subgraph, ada.token, `mutation { signOut }`)).signOut).toBe(true);
      proxy.release();
      expect(await slow).toMatchObject({ userId: ada.userId }); // it started before the revoke

      // The next request, on this gateway or any other, is refused.
      expect(await resolver.resolve(ada.token)).toBeNull();

      // Requests with one token share a lookup under way; one that joins it after a sign-out is refused all the same.
      const cy = await signUpMember(subgraph);
      proxy.hold();
      const first = resolver.resolve(cy.token);
      await proxy.forwarded();
      expect((await asData(subgraph, cy.token, `mutation { signOut }`)).signOut).toBe(true);
      const joined = resolver.resolve(cy.token);
      proxy.release();
      expect(await first).toMatchObject({ userId: cy.userId });
      expect(await joined).toBeNull();

      // A session that was never changed is cached as before.
      const bea = await signUpMember(subgraph);
      expect(await resolver.resolve(bea.token)).toMatchObject({ userId: bea.userId });
      subgraph.commands.clear();
      expect(await resolver.resolve(bea.token)).toMatchObject({ userId: bea.userId });
      expect(subgraph.commands.get('GetItemCommand') ?? 0).toBe(0);
      expect((await as<{ me: { id: string } }>(subgraph, bea.token, `{ me { id } }`)).data?.me.id).toBe(bea.userId);
    } finally {
      await proxy.close();
    }
  });
});
