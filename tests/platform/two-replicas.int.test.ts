import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startGateway } from '@studbook/gateway/src/server.js';
import { loadSupergraph } from '@studbook/gateway/src/supergraph.js';
import { createCache, createEventBus, createIdentitySigner, createLogger, Metrics, type RunningServer } from '@studbook/platform';
import type { RunningPlatform } from '../../embedded/src/platform.js';
import { startCountingPlatform } from '../support/counting-platform.js';
import { startRoundRobinProxy } from '../support/round-robin-proxy.js';
import { createAnimal, newOrganization, type Member } from '../support/gateway-client.js';
import { dataAt, requestAt } from '../support/operations.js';
import { connect, newBreedingSession, recordEvent, subscribe } from '../realtime/ws-client.js';
import { emitSaleCompleted, eventually, saleOf } from '../marketplace/sale-events.js';
import { graphql } from '../__generated__/index.js';

const SIGN_IN = graphql(`mutation TwoReplicasSignIn($email: String!, $password: String!) { signIn(email: $email, password: $password) { token } }`);
const SIGN_OUT = graphql(`mutation TwoReplicasSignOut { signOut }`);
const ME = graphql(`query TwoReplicasMe { me { email organization { name } } animals(first: 1, filter: { mine: true }) { edges { node { id } } } }`);
const PEDIGREE = graphql(`query TwoReplicasPedigree($id: ID!) { animal(id: $id) { pedigree(generations: 2) { nodes { position animal { name } } } } }`);
const SET_SIRE = graphql(`mutation TwoReplicasSetSire($id: ID!, $sireId: ID!) { updateAnimal(id: $id, input: { sireId: $sireId }) { id } }`);
const HISTORY = graphql(`query TwoReplicasHistory($id: ID!) { animal(id: $id) { owner { id } ownershipHistory { organization { id } saleId } } }`);
const TRANSFERS = graphql(`query TwoReplicasTransfers { animalTransfers { saleId outcome } }`);
const EVENTS = graphql(`subscription TwoReplicasEvents($s: ID!, $after: String) { breedingSessionEvents(sessionId: $s, after: $after) { id type } }`);

/**
 * Two of everything on one machine, as behind a load balancer: replica A is the test platform, B a
 * second whole platform on the same PostgreSQL, Redis, DynamoDB and S3 (its subgraphs, relays and
 * saga consumers run beside A's). Two gateways send every subgraph request through a round-robin
 * proxy per subgraph, so consecutive fetches land on A and B in turn.
 */
let replicaB: RunningPlatform;
const proxies: Partial<Record<'animal' | 'commerce' | 'research' | 'user', Awaited<ReturnType<typeof startRoundRobinProxy>>>> = {};
const gateways: { url: string; stop(): Promise<void> }[] = [];
let first: string;
let second: string;

beforeAll(async () => {
  replicaB = await startCountingPlatform('replica-b');
  const a = inject('subgraphUrls');
  const subgraphUrls = Object.fromEntries(
    await Promise.all(
      (['animal', 'commerce', 'research', 'user'] as const).map(async (name) => {
        const proxy = await startRoundRobinProxy([a[name], replicaB.subgraphUrls[name]]);
        proxies[name] = proxy;
        return [name, proxy.url];
      }),
    ),
  ) as Record<'animal' | 'commerce' | 'research' | 'user', string>;
  const redisUrl = inject('redisUrl');
  const namespace = new URL(inject('serviceDatabaseUrls').animal).pathname.slice(1).replace(/_animal$/, '');
  for (const label of ['gateway-1', 'gateway-2']) {
    const logger = createLogger(label, { silent: true });
    const cache = createCache(redisUrl, label, logger);
    const events = createEventBus(redisUrl, namespace, label, logger);
    const gateway: RunningServer = await startGateway(
      {
        supergraphSdl: loadSupergraph(),
        subgraphUrls,
        identitySigner: createIdentitySigner(inject('identityPrivateKey')),
        cache,
        events,
        logger,
        metrics: new Metrics(),
      },
      { port: 0, host: '127.0.0.1' },
    );
    gateways.push({
      url: gateway.url,
      async stop() {
        await gateway.stop();
        await Promise.all([cache.close(), events.close()]);
      },
    });
  }
  [first, second] = gateways.map((gateway) => gateway.url);
}, 180_000);

afterAll(async () => {
  for (const gateway of gateways) await gateway.stop();
  for (const proxy of Object.values(proxies)) await proxy.stop();
  await replicaB?.stop();
});

describe.runIf(inject('redisUrl'))('two replicas of the gateway and of each subgraph', () => {
  it('keep a session signed in on one usable on the other, and signing out on one revokes it on both', async () => {
    const member = await newOrganization('Replica Sessions');
    const { signIn } = await dataAt(first, SIGN_IN, { email: member.email, password: 'correct horse battery' });
    // Several requests each way, so every subgraph replica behind the proxies serves some.
    for (const gateway of [second, first, second, first]) expect((await dataAt(gateway, ME, {}, signIn.token)).me?.email).toBe(member.email);

    expect((await dataAt(second, SIGN_OUT, {}, signIn.token)).signOut).toBe(true);
    for (const gateway of [first, second, first, second]) {
      const answer = await requestAt(gateway, ME, {}, signIn.token);
      expect(answer.errors?.[0]?.extensions?.code, gateway).toBe('UNAUTHENTICATED');
    }
    // Both user replicas (sign-in, session lookups, me) and both animal replicas (the herd) did some of the work.
    for (const name of ['user', 'animal'] as const)
      expect(
        proxies[name]!.served.every((count) => count > 0),
        name,
      ).toBe(true);
  });

  it('deliver to a subscriber on one gateway every event recorded through the other, once each, with two relays publishing', async () => {
    const keeper = await newOrganization('Replica Live');
    const { sessionId } = await newBreedingSession(second, keeper.token, 'Replica');
    const start = await recordEvent(second, keeper.token, sessionId, 'INTRODUCED');
    const live = subscribe(connect(first, keeper.token).client, EVENTS, { s: sessionId, after: start.cursor });
    await new Promise((resolve) => setTimeout(resolve, 750)); // joined: what follows arrives live, over Redis

    const recorded = [];
    for (const type of ['LOCK_OBSERVED', 'OVULATION', 'NOTE', 'NOTE'] as const) recorded.push((await recordEvent(second, keeper.token, sessionId, type)).id);
    expect((await live.waitFor(4)).map((result) => result.data!.breedingSessionEvents.id)).toEqual(recorded);
    await new Promise((resolve) => setTimeout(resolve, 500)); // both relays have polled again: still no duplicate
    expect(live.results).toHaveLength(4);
  });

  it('show a pedigree changed through one gateway through the other at once (the cache is shared, not per replica)', async () => {
    const breeder = await newOrganization('Replica Pedigree');
    const [oldSire, newSire] = [await createAnimal(breeder, { name: 'Old Sire', sex: 'MALE' }), await createAnimal(breeder, { name: 'New Sire', sex: 'MALE' })];
    const hatchling = await createAnimal(breeder, { name: 'Hatchling', sireId: oldSire.id });
    const sireOf = async (gateway: string) =>
      (await dataAt(gateway, PEDIGREE, { id: hatchling.id }, breeder.token)).animal?.pedigree.nodes.find((node) => node.position === 'S')?.animal?.name;
    // Read on both gateways, twice, so each animal replica has the tree cached.
    for (const gateway of [first, second, first, second]) expect(await sireOf(gateway)).toBe('Old Sire');

    await dataAt(second, SET_SIRE, { id: hatchling.id, sireId: newSire.id }, breeder.token);
    for (const gateway of [first, second, first, second]) expect(await sireOf(gateway)).toBe('New Sire');
  });

  it('run the sale saga once when two relays and two animal consumers see the sale', async () => {
    const [seller, buyer]: Member[] = await Promise.all([newOrganization('Replica Seller'), newOrganization('Replica Buyer')]);
    const sold = await createAnimal(seller, { name: 'Sold Twice Over', sex: 'FEMALE', visibility: 'PUBLIC' });
    const sale = saleOf(sold.id, seller.organizationId, buyer.organizationId);
    await emitSaleCompleted(inject('serviceDatabaseUrls').commerce, sale);

    await eventually(
      async () => (await dataAt(first, HISTORY, { id: sold.id }, buyer.token)).animal?.owner?.id,
      (owner) => owner === buyer.organizationId,
      'the buyer to own the animal',
    );
    // A later sale handled means the first is finished everywhere: no replica can still move the animal again.
    const marker = await createAnimal(seller, { name: 'Replica Marker', sex: 'MALE' });
    await emitSaleCompleted(inject('serviceDatabaseUrls').commerce, saleOf(marker.id, seller.organizationId, buyer.organizationId));
    await eventually(
      async () => (await dataAt(second, HISTORY, { id: marker.id }, buyer.token)).animal?.owner?.id,
      (owner) => owner === buyer.organizationId,
      'the later sale to be handled',
    );
    for (const gateway of [first, second]) {
      const { animal } = await dataAt(gateway, HISTORY, { id: sold.id }, buyer.token);
      expect(animal?.ownershipHistory.map((entry) => [entry.organization?.id, entry.saleId])).toEqual([
        [seller.organizationId, null],
        [buyer.organizationId, sale.saleId],
      ]);
      const transfers = (await dataAt(gateway, TRANSFERS, {}, buyer.token)).animalTransfers.filter((transfer) => transfer.saleId === sale.saleId);
      expect(transfers).toEqual([{ saleId: sale.saleId, outcome: 'TRANSFERRED' }]);
    }
  });
});
