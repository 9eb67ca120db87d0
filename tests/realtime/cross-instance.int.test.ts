import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startAnimalSubgraph } from '@studbook/animal/src/server.js';
import { OutboxRelay } from '@studbook/platform';
import { startSecondInstance } from '../support/second-instance.js';
import { newOrganization } from '../support/gateway-client.js';
import { testObjectStore } from '../support/object-store.js';
import { connect, newBreedingSession, recordEvent, subscribe } from './ws-client.js';
import { graphql } from '../__generated__/index.js';

/**
 * A second gateway, animal subgraph and relay beside the test platform's, sharing its PostgreSQL
 * and Redis (commerce, research and user are shared): what two replicas behind a load balancer are.
 */
describe.runIf(inject('redisUrl'))('subscriptions across gateway instances', () => {
  let replica: Awaited<ReturnType<typeof startSecondInstance>>;

  beforeAll(async () => {
    replica = await startSecondInstance('animal', async ({ pool, databaseUrl, redisUrl, bus, logger, metrics, identityVerifier }) => {
      const relay = new OutboxRelay({ pool, databaseUrl, bus, logger, label: 'animal-2' });
      await relay.start();
      const animal = await startAnimalSubgraph({ pool, identityVerifier, logger, metrics, redisUrl, objects: testObjectStore() }, { port: 0 });
      return {
        ...animal,
        async stop() {
          await animal.stop();
          await relay.stop();
        },
      };
    });
  });

  afterAll(() => replica?.stop());

  it('delivers an event recorded through one instance to subscribers on both, in order', async () => {
    const keeper = await newOrganization('Replicas');
    const first = inject('gatewayUrl');
    const second = replica.gatewayUrl;
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
