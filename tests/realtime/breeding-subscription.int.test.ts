import { afterEach, describe, expect, inject, it } from 'vitest';
import { gqlData, newOrganization } from '../support/gateway-client.js';
import { asAdmin } from '../support/postgres.js';
import { connect, newBreedingSession, recordEvent, subscribe, type Subscription } from './ws-client.js';
import type { LiveSubscription } from '../__generated__/graphql.js';
import { graphql } from '../__generated__/index.js';

const LIVE_SESSION = graphql(`
  subscription Live($sessionId: ID!, $after: String) {
    breedingSessionEvents(sessionId: $sessionId, after: $after) {
      id
      cursor
      type
      notes
      session {
        status
        sire { name }
        dam { name inbreedingCoefficient measurements { trait value } owner { name } listing { price currency } }
      }
    }
  }
`);

const sockets: { dispose(): void }[] = [];
const open = (token?: string, params?: Record<string, unknown>) => {
  const socket = connect(inject('gatewayUrl'), token, params);
  sockets.push(socket);
  return socket;
};
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.dispose();
});

describe('breedingSessionEvents over graphql-ws', () => {
  it('delivers every recorded event with fields resolved by the animal, research, commerce and user subgraphs', async () => {
    const keeper = await newOrganization('Live');
    const gatewayUrl = inject('gatewayUrl');
    const { sessionId, damId } = await newBreedingSession(gatewayUrl, keeper.token, 'Live');
    await gqlData(
      graphql(`mutation BreedingSubscriptionRecordMeasurement($input: RecordMeasurementInput!) { recordMeasurement(input: $input) { id } }`),
      { input: { animalId: damId, trait: 'body_weight', value: 1820, unit: 'g' } },
      keeper.token,
    );
    await gqlData(
      graphql(`mutation BreedingSubscriptionUpdateAnimal($id: ID!) { updateAnimal(id: $id, input: { visibility: PUBLIC }) { id } }`),
      { id: damId },
      keeper.token,
    );
    await gqlData(
      graphql(`mutation BreedingSubscriptionCreateListing($input: CreateListingInput!) { createListing(input: $input) { id } }`),
      { input: { animalId: damId, price: 450, currency: 'EUR' } },
      keeper.token,
    );

    // Subscribing after the first event makes the start deterministic: anything recorded from here
    // on arrives, whether before the subscription has joined (replayed) or after (live).
    const introduced = await recordEvent(gatewayUrl, keeper.token, sessionId, 'INTRODUCED');
    const live = subscribe(open(keeper.token).client, LIVE_SESSION, { sessionId, after: introduced.cursor });
    const lock = await recordEvent(gatewayUrl, keeper.token, sessionId, 'LOCK_OBSERVED', { notes: 'first lock' });
    const ovulation = await recordEvent(gatewayUrl, keeper.token, sessionId, 'OVULATION');
    const results = await live.waitFor(2);

    expect(results.map((r) => r.errors)).toEqual([undefined, undefined]);
    expect(results.map((r) => [r.data!.breedingSessionEvents.id, r.data!.breedingSessionEvents.cursor, r.data!.breedingSessionEvents.type])).toEqual([
      [lock.id, lock.cursor, 'LOCK_OBSERVED'],
      [ovulation.id, ovulation.cursor, 'OVULATION'],
    ]);
    const first = results[0].data!.breedingSessionEvents;
    expect(first.notes).toBe('first lock');
    expect(first.session).toEqual({
      status: 'ACTIVE',
      sire: { name: 'Live sire' },
      dam: {
        name: 'Live dam',
        inbreedingCoefficient: 0,
        measurements: [{ trait: 'body_weight', value: 1.82 }],
        owner: { name: 'Live Org' },
        listing: { price: 450, currency: 'EUR' },
      },
    });
    // The session-started outbox event is no breeding event: nothing else arrived.
    await recordEvent(gatewayUrl, keeper.token, sessionId, 'NOTE', { notes: 'marker' });
    expect((await live.waitFor(3)).map((r) => r.data!.breedingSessionEvents.type)).toEqual(['LOCK_OBSERVED', 'OVULATION', 'NOTE']);
  });

  it('resumes with `after`: replays what was missed, then goes live, with no gap and no duplicate while events keep coming', async () => {
    const keeper = await newOrganization('Resume');
    const gatewayUrl = inject('gatewayUrl');
    const { sessionId } = await newBreedingSession(gatewayUrl, keeper.token, 'Resume');
    const seen = await recordEvent(gatewayUrl, keeper.token, sessionId, 'INTRODUCED');
    const missed = [
      await recordEvent(gatewayUrl, keeper.token, sessionId, 'LOCK_OBSERVED'),
      await recordEvent(gatewayUrl, keeper.token, sessionId, 'NOTE', { notes: 'missed' }),
    ];

    // A writer keeps recording while the client reconnects with the last cursor it saw.
    const writes = (async () => {
      const recorded = [];
      for (let i = 0; i < 12; i += 1) recorded.push(await recordEvent(gatewayUrl, keeper.token, sessionId, 'NOTE', { notes: `live ${i}` }));
      return recorded;
    })();
    const resumed = subscribe(open(keeper.token).client, LIVE_SESSION, { sessionId, after: seen.cursor });
    const live = await writes;
    const expected = [...missed, ...live].map((event) => event.id);
    const results = await resumed.waitFor(expected.length);
    await new Promise((resolve) => setTimeout(resolve, 300)); // a duplicate would arrive late
    expect(resumed.results.map((r) => r.data!.breedingSessionEvents.id)).toEqual(expected);
    expect(results.every((r) => !r.errors)).toBe(true);
  });

  it('gives each live event once to every subscriber of a session, whether it joined live, from the start or replaying', async () => {
    const keeper = await newOrganization('Shared');
    const gatewayUrl = inject('gatewayUrl');
    const { sessionId } = await newBreedingSession(gatewayUrl, keeper.token, 'Shared');
    const first = await recordEvent(gatewayUrl, keeper.token, sessionId, 'INTRODUCED');
    const fromNow = subscribe(open(keeper.token).client, LIVE_SESSION, { sessionId });
    const fromStart = subscribe(open(keeper.token).client, LIVE_SESSION, { sessionId, after: null });
    const replaying = subscribe(open(keeper.token).client, LIVE_SESSION, { sessionId, after: first.cursor });
    await settle(sessionId);
    const next = await recordEvent(gatewayUrl, keeper.token, sessionId, 'LOCK_OBSERVED');
    const ids = async (sub: Subscription<LiveSubscription>, n: number) => (await sub.waitFor(n)).map((r) => r.data!.breedingSessionEvents.id);
    expect(await ids(fromNow, 1)).toEqual([next.id]);
    expect(await ids(fromStart, 1)).toEqual([next.id]);
    expect(await ids(replaying, 1)).toEqual([next.id]);
  });

  it("never shows another organisation's session: the subscription fails NOT_FOUND and nothing is delivered", async () => {
    const owner = await newOrganization('Owner');
    const stranger = await newOrganization('Stranger');
    const gatewayUrl = inject('gatewayUrl');
    const { sessionId } = await newBreedingSession(gatewayUrl, owner.token, 'Private');
    const socket = open(stranger.token);
    const snooping = subscribe(socket.client, LIVE_SESSION, { sessionId });
    const ended = await snooping.ended();
    expect(errorCodes(ended.error)).toEqual(['NOT_FOUND']);
    await recordEvent(gatewayUrl, owner.token, sessionId, 'LOCK_OBSERVED');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(snooping.results).toEqual([]);

    // The stranger's own sessions keep working on the same socket.
    const mine = await newBreedingSession(gatewayUrl, stranger.token, 'Mine');
    const own = subscribe(socket.client, LIVE_SESSION, { sessionId: mine.sessionId });
    await settle(mine.sessionId);
    const event = await recordEvent(gatewayUrl, stranger.token, mine.sessionId, 'INTRODUCED');
    expect((await own.waitFor(1)).map((r) => r.data!.breedingSessionEvents.id)).toEqual([event.id]);
    expect(snooping.results).toEqual([]);
  });

  it('rejects a selection deeper than the query depth limit with a validation error, and the socket stays usable', async () => {
    const keeper = await newOrganization('Deep');
    const gatewayUrl = inject('gatewayUrl');
    const { sessionId } = await newBreedingSession(gatewayUrl, keeper.token, 'Deep');
    const socket = open(keeper.token);
    const deep = `subscription($sessionId: ID!) { breedingSessionEvents(sessionId: $sessionId) { session { ${'sire { '.repeat(40)}name${' }'.repeat(40)} } } }`;
    const rejected = subscribe(socket.client, deep, { sessionId });
    const ended = await rejected.ended();
    expect(errorCodes(ended.error)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(String((ended.error as { message?: string }[])[0].message)).toMatch(/depth \d+ exceeds the limit of 32/);

    const unknownField = subscribe(socket.client, 'subscription($s: ID!) { breedingSessionEvents(sessionId: $s) { price } }', { s: sessionId });
    expect(errorCodes((await unknownField.ended()).error)).toEqual(['GRAPHQL_VALIDATION_FAILED']);

    const fine = subscribe(socket.client, LIVE_SESSION, { sessionId });
    await settle(sessionId);
    const event = await recordEvent(gatewayUrl, keeper.token, sessionId, 'INTRODUCED');
    expect((await fine.waitFor(1)).map((r) => r.data!.breedingSessionEvents.id)).toEqual([event.id]);
    expect(socket.closeCode).toBeUndefined();
  });

  it('completes the subscription when the session ends, and at once for a session that has ended', async () => {
    const keeper = await newOrganization('Ending');
    const gatewayUrl = inject('gatewayUrl');
    const { sessionId } = await newBreedingSession(gatewayUrl, keeper.token, 'Ending');
    const introduced = await recordEvent(gatewayUrl, keeper.token, sessionId, 'INTRODUCED');
    const socket = open(keeper.token);
    const live = subscribe(socket.client, LIVE_SESSION, { sessionId, after: introduced.cursor });
    const ended = await recordEvent(gatewayUrl, keeper.token, sessionId, 'ENDED');
    expect(await live.ended()).toEqual({});
    expect(live.results.map((r) => [r.data!.breedingSessionEvents.id, r.data!.breedingSessionEvents.session.status])).toEqual([[ended.id, 'ENDED']]);

    const afterwards = subscribe(socket.client, LIVE_SESSION, { sessionId });
    expect(await afterwards.ended()).toEqual({});
    expect(afterwards.results).toEqual([]);
    expect(socket.closeCode).toBeUndefined();
  });

  it('writes nothing and publishes nothing for a rejected event', async () => {
    const keeper = await newOrganization('Rejected');
    const gatewayUrl = inject('gatewayUrl');
    const { sessionId } = await newBreedingSession(gatewayUrl, keeper.token, 'Rejected');
    const introduced = await recordEvent(gatewayUrl, keeper.token, sessionId, 'INTRODUCED');
    const live = subscribe(open(keeper.token).client, LIVE_SESSION, { sessionId, after: introduced.cursor });
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${keeper.token}` },
      body: JSON.stringify({
        query: 'mutation($input: RecordBreedingEventInput!) { recordBreedingEvent(input: $input) { id } }',
        variables: { input: { sessionId, type: 'HATCHED', hatchedCount: 3 } },
      }),
    });
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.[0]?.extensions?.code).toBe('CONFLICT'); // HATCHED before EGGS_LAID
    const outbox = await asAdmin('animal', `select event_type from outbox where aggregate_id = $1 order by version`, [sessionId]);
    expect(outbox.map((row) => row.event_type)).toEqual(['breedingSession.started', 'breedingSession.eventRecorded']);
    const events = await asAdmin('animal', 'select type from breeding_events where session_id = $1', [sessionId]);
    expect(events.map((row) => row.type)).toEqual(['INTRODUCED']);
    const after = await recordEvent(gatewayUrl, keeper.token, sessionId, 'NOTE');
    expect((await live.waitFor(1)).map((r) => r.data!.breedingSessionEvents.id)).toEqual([after.id]);
  });
});

/** Waits until the relay has published the session's rows, so a subscription starts from a known point. */
async function settle(sessionId: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const [row] = await asAdmin<{ n: string }>('animal', 'select count(*) as n from outbox where aggregate_id = $1 and published_at is null', [sessionId]);
    if (row.n === '0') break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // A subscription without `after` is live from the moment it has joined (one listing through the
  // gateway): give it that moment, generously for a busy machine.
  await new Promise((resolve) => setTimeout(resolve, 750));
}

function errorCodes(error: unknown): string[] {
  return (Array.isArray(error) ? error : [error]).map((e) => String((e as { extensions?: { code?: string } })?.extensions?.code));
}
