import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type pg from 'pg';
import { startAnimalSubgraph } from '@studbook/animal/src/server.js';
import { startGateway } from '@studbook/gateway/src/server.js';
import { loadSupergraph } from '@studbook/gateway/src/supergraph.js';
import {
  createCache,
  createEventBus,
  createIdentitySigner,
  createIdentityVerifier,
  createLogger,
  createPgPool,
  Metrics,
  OutboxRelay,
  type Cache,
  type EventBus,
  type RunningServer,
} from '@studbook/platform';
import { newOrganization } from '../support/gateway-client.js';
import { testObjectStore } from '../support/object-store.js';
import { connect, newBreedingSession, recordEvent, subscribe } from './ws-client.js';
import { graphql } from '../__generated__/index.js';

/**
 * A second gateway, animal subgraph and relay beside the test platform's, sharing its PostgreSQL
 * and Redis (commerce, research and user are shared): what two replicas behind a load balancer are.
 */
describe.runIf(inject('redisUrl'))('subscriptions across gateway instances', () => {
  const logger = createLogger('second-instance', { silent: true });
  let pool: pg.Pool;
  let cache: Cache;
  let bus: EventBus;
  let relay: OutboxRelay;
  let animal: RunningServer;
  let gateway: RunningServer;

  beforeAll(async () => {
    const redisUrl = inject('redisUrl');
    const animalDatabaseUrl = inject('serviceDatabaseUrls').animal;
    // Channels are namespaced by the database prefix, as in the platform (embedded/src/platform.ts).
    const namespace = new URL(animalDatabaseUrl).pathname.slice(1).replace(/_animal$/, '');
    const metrics = new Metrics();
    const identitySigner = createIdentitySigner(inject('identityPrivateKey'));
    const identityVerifier = createIdentityVerifier(inject('identityPublicKey'));
    pool = createPgPool({ url: animalDatabaseUrl, label: 'animal-2', logger, metrics });
    cache = createCache(redisUrl, 'second', logger);
    bus = createEventBus(redisUrl, namespace, 'second', logger);
    relay = new OutboxRelay({ pool, databaseUrl: animalDatabaseUrl, bus, logger, label: 'animal-2' });
    await relay.start();
    animal = await startAnimalSubgraph({ pool, identityVerifier, logger, metrics, redisUrl, objects: testObjectStore() }, { port: 0 });
    gateway = await startGateway(
      { supergraphSdl: loadSupergraph(), subgraphUrls: { ...inject('subgraphUrls'), animal: animal.url }, identitySigner, cache, events: bus, logger, metrics },
      { port: 0 },
    );
  });

  afterAll(async () => {
    await gateway?.stop();
    await animal?.stop();
    await relay?.stop();
    await Promise.all([pool?.end(), cache?.close(), bus?.close()]);
  });

  it('delivers an event recorded through one instance to subscribers on both, in order', async () => {
    const keeper = await newOrganization('Replicas');
    const first = inject('gatewayUrl');
    const second = gateway.url;
    const { sessionId } = await newBreedingSession(second, keeper.token, 'Replicas');
    const start = await recordEvent(second, keeper.token, sessionId, 'INTRODUCED');
    const query = graphql(
      `subscription CrossInstanceEvents($s: ID!, $after: String) { breedingSessionEvents(sessionId: $s, after: $after) { id type session { dam { name owner { name } } } } }`,
    );
    const onFirst = subscribe(connect(first, keeper.token).client, query, { s: sessionId, after: start.cursor });
    const onSecond = subscribe(connect(second, keeper.token).client, query, { s: sessionId, after: start.cursor });
    await new Promise((resolve) => setTimeout(resolve, 750)); // both joined: what follows arrives live, over Redis

    const viaSecond = await recordEvent(second, keeper.token, sessionId, 'LOCK_OBSERVED');
    const viaFirst = await recordEvent(first, keeper.token, sessionId, 'OVULATION');
    const viaSecondAgain = await recordEvent(second, keeper.token, sessionId, 'NOTE');
    const expected = [viaSecond.id, viaFirst.id, viaSecondAgain.id];
    for (const live of [onFirst, onSecond]) {
      const results = await live.waitFor(3);
      expect(results.map((r) => r.data!.breedingSessionEvents.id)).toEqual(expected);
      expect(results[0].data!.breedingSessionEvents.session).toEqual({ dam: { name: 'Replicas dam', owner: { name: 'Replicas Org' } } });
    }
    await new Promise((resolve) => setTimeout(resolve, 300)); // two relays publish: still no duplicate
    expect(onFirst.results).toHaveLength(3);
    expect(onSecond.results).toHaveLength(3);
  });
});
