import { beforeAll, describe, expect, it } from 'vitest';
import { createAnimal, gql, gqlData, newOrganization, type Member } from '../support/gateway-client.js';
import { asAdmin } from '../support/postgres.js';
import { daysAgo, newPair, record, RECORD, SESSION, START, type EventInput, type Pair } from './breeding-client.js';
import { graphql } from '../__generated__/index.js';
import type { BreedingSessionStatus } from '../__generated__/graphql.js';

let breeder: Member;

const SESSIONS_BY_STATUS = graphql(`
  query SessionsByStatus($status: BreedingSessionStatus) {
    breedingSessions(first: 10, status: $status) { edges { node { id status } } pageInfo { hasNextPage } }
  }
`);

beforeAll(async () => {
  breeder = await newOrganization('Lifecycle');
});

describe('a breeding session from pairing to hatchlings', () => {
  let pair: Pair;
  let sessionId: string;
  const recorded: { id: string; cursor: string; type: string; occurredAt: string }[] = [];
  const hatchedAt = daysAgo(1);

  beforeAll(async () => {
    pair = await newPair(breeder, 'Lifecycle');
    const startedAt = daysAgo(150); // recorded after the fact: the pair went together five months ago
    const started = await gqlData(START, { input: { ...pair, notes: '  First pairing of the season ', startedAt } }, breeder.token);
    expect(started.startBreedingSession).toMatchObject({
      status: 'ACTIVE',
      startedAt,
      endedAt: null,
      notes: 'First pairing of the season',
      sire: { id: pair.sireId, name: 'Lifecycle sire' },
      dam: { id: pair.damId, name: 'Lifecycle dam' },
      clutch: null,
      events: [],
    });
    sessionId = started.startBreedingSession.id;
    const steps: EventInput[] = [
      { type: 'INTRODUCED', occurredAt: daysAgo(120), notes: 'Female introduced to the male' },
      { type: 'LOCK_OBSERVED', occurredAt: daysAgo(110) },
      { type: 'OVULATION', occurredAt: daysAgo(80) },
      { type: 'PRE_LAY_SHED', occurredAt: daysAgo(60) },
      { type: 'EGGS_LAID', occurredAt: daysAgo(30), eggCount: 7 },
      { type: 'CANDLED', occurredAt: daysAgo(20), fertileCount: 6 },
      { type: 'HATCHED', occurredAt: hatchedAt, hatchedCount: 5, registerHatchlings: 4 },
      { type: 'ENDED' },
    ];
    for (const step of steps) recorded.push(await record(breeder, sessionId, step));
  });

  it('returns each event as recorded, with its session', () => {
    expect(recorded.map((e) => e.type)).toEqual(['INTRODUCED', 'LOCK_OBSERVED', 'OVULATION', 'PRE_LAY_SHED', 'EGGS_LAID', 'CANDLED', 'HATCHED', 'ENDED']);
    expect(new Set(recorded.map((e) => e.cursor)).size).toBe(8);
    expect(recorded[6].occurredAt).toBe(hatchedAt);
  });

  it('shows the ended session with its events in order and the clutch with its counts', async () => {
    const { breedingSession: session } = await gqlData(SESSION, { id: sessionId }, breeder.token);
    expect(session!.status).toBe('ENDED');
    expect(session!.endedAt).toBe(recorded[7].occurredAt);
    expect(session!.events.map((e) => e.id)).toEqual(recorded.map((e) => e.id));
    expect(session!.events[0].notes).toBe('Female introduced to the male');
    expect(session!.clutch).toMatchObject({ laidAt: recorded[4].occurredAt, eggCount: 7, fertileCount: 6, hatchedCount: 5 });
    expect(session!.clutch!.hatchRate).toBeCloseTo(5 / 7, 10);
  });

  it('registers the hatchlings as animals of unknown sex with the pair as parents', async () => {
    const { breedingSession: session } = await gqlData(SESSION, { id: sessionId }, breeder.token);
    const year = recorded[4].occurredAt.slice(0, 4);
    expect(session!.clutch!.hatchlings).toEqual(
      [1, 2, 3, 4].map((n) => ({
        id: expect.any(String),
        name: `Lifecycle dam clutch ${year} #${n}`,
        sex: 'UNKNOWN',
        hatchDate: hatchedAt.slice(0, 10),
        sire: { id: pair.sireId },
        dam: { id: pair.damId },
      })),
    );
    const { animal } = await gqlData(
      graphql(`query HatchlingAnimal($id: ID!) { animal(id: $id) { name owner { id } visibility } }`),
      { id: session!.clutch!.hatchlings[0].id },
      breeder.token,
    );
    expect(animal).toEqual({ name: `Lifecycle dam clutch ${year} #1`, owner: { id: breeder.organizationId }, visibility: 'PRIVATE' });
  });

  it('numbers the events 1..8 with no gap', async () => {
    const rows = await asAdmin('animal', 'select seq, type from breeding_events where session_id = $1 order by seq', [sessionId]);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("writes one outbox row per recorded event, in order, with the session's tenant", async () => {
    const rows = await asAdmin(
      'animal',
      `select event_type, version, payload, tenant_id from outbox where aggregate_type = 'breedingSession' and aggregate_id = $1 order by version`,
      [sessionId],
    );
    expect(rows.map((r) => r.event_type)).toEqual(['breedingSession.started', ...recorded.map(() => 'breedingSession.eventRecorded')]);
    expect(rows.map((r) => r.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(rows.every((r) => r.tenant_id === breeder.organizationId)).toBe(true);
    expect(rows.slice(1).map((r) => r.payload)).toEqual(
      recorded.map((event, i) => ({ sessionId, eventId: event.id, cursor: event.cursor, seq: i + 1, type: event.type, occurredAt: event.occurredAt })),
    );
  });

  it('writes an animal.created outbox row for each hatchling', async () => {
    const { breedingSession: session } = await gqlData(SESSION, { id: sessionId }, breeder.token);
    const ids = session!.clutch!.hatchlings.map((h) => h.id);
    const rows = await asAdmin('animal', `select aggregate_id, payload from outbox where event_type = 'animal.created' and aggregate_id = any($1)`, [ids]);
    expect(rows.map((r) => r.aggregate_id).sort()).toEqual([...ids].sort());
    expect(rows[0].payload).toMatchObject({ sireId: pair.sireId, damId: pair.damId, clutchId: session!.clutch!.id });
  });

  it('replays only the events after a cursor, and refuses a cursor that is not one of this session', async () => {
    const { breedingSession: later } = await gqlData(SESSION, { id: sessionId, after: recorded[3].cursor }, breeder.token);
    expect(later!.events.map((e) => e.type)).toEqual(['EGGS_LAID', 'CANDLED', 'HATCHED', 'ENDED']);
    const { breedingSession: none } = await gqlData(SESSION, { id: sessionId, after: recorded[7].cursor }, breeder.token);
    expect(none!.events).toEqual([]);

    const other = await gqlData(START, { input: await newPair(breeder, 'Other') }, breeder.token);
    const foreignCursor = (await record(breeder, other.startBreedingSession.id, { type: 'NOTE' })).cursor;
    for (const after of ['garbage', foreignCursor]) {
      const result = await gql(SESSION, { id: sessionId, after }, breeder.token);
      expect(result.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    }
  });

  it('finds an event by id, and sessions by status, newest first', async () => {
    const { breedingEvent } = await gqlData(
      graphql(`query LifecycleBreedingEvent($id: ID!) { breedingEvent(id: $id) { id type cursor session { id status } } }`),
      { id: recorded[4].id },
      breeder.token,
    );
    expect(breedingEvent).toEqual({ id: recorded[4].id, type: 'EGGS_LAID', cursor: recorded[4].cursor, session: { id: sessionId, status: 'ENDED' } });

    const list = (status?: BreedingSessionStatus) => gqlData(SESSIONS_BY_STATUS, { status }, breeder.token);
    const ended = (await list('ENDED')).breedingSessions.edges.map((e) => e.node);
    expect(ended).toContainEqual({ id: sessionId, status: 'ENDED' });
    expect(ended.every((n) => n.status === 'ENDED')).toBe(true);
    const active = (await list('ACTIVE')).breedingSessions.edges.map((e) => e.node.id);
    expect(active).not.toContain(sessionId);
  });

  it('lets the pair start a new session once the previous one has ended', async () => {
    const again = await gqlData(START, { input: pair }, breeder.token);
    expect(again.startBreedingSession.status).toBe('ACTIVE');
    expect(again.startBreedingSession.id).not.toBe(sessionId);
  });
});

describe('concurrent writers', () => {
  it('number concurrent events of one session without gaps or duplicates', async () => {
    const pair = await newPair(breeder, 'Busy');
    const { startBreedingSession } = await gqlData(START, { input: pair }, breeder.token);
    const events = await Promise.all(Array.from({ length: 12 }, (_, i) => record(breeder, startBreedingSession.id, { type: 'NOTE', notes: `note ${i}` })));
    const rows = await asAdmin('animal', 'select seq, occurred_at from breeding_events where session_id = $1 order by seq', [startBreedingSession.id]);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    // In sequence order, times never go backwards.
    const times = rows.map((r) => new Date(r.occurred_at).getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(events.map((e) => e.cursor)).size).toBe(12);
  });

  it('lay eggs and hatch them once however many EGGS_LAID and HATCHED race, the others refused with CONFLICT', async () => {
    const { startBreedingSession } = await gqlData(START, { input: await newPair(breeder, 'Eggs race') }, breeder.token);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => gql(RECORD, { input: { sessionId: startBreedingSession.id, type: 'EGGS_LAID', eggCount: i + 1 } }, breeder.token)),
    );
    expect(results.filter((r) => r.data?.recordBreedingEvent)).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0].extensions?.code === 'CONFLICT')).toHaveLength(5);
    const clutches = await asAdmin('animal', 'select egg_count from clutches where session_id = $1', [startBreedingSession.id]);
    const events = await asAdmin('animal', 'select seq from breeding_events where session_id = $1', [startBreedingSession.id]);
    expect(clutches).toHaveLength(1);
    expect(events).toEqual([{ seq: 1 }]);

    // Racing hatches: one registers its hatchlings, the others are refused and register none.
    const hatches = await Promise.all(
      Array.from({ length: 4 }, () =>
        gql(RECORD, { input: { sessionId: startBreedingSession.id, type: 'HATCHED', hatchedCount: 1, registerHatchlings: 1 } }, breeder.token),
      ),
    );
    expect(hatches.filter((r) => r.data?.recordBreedingEvent)).toHaveLength(1);
    expect(hatches.filter((r) => r.errors?.[0].extensions?.code === 'CONFLICT')).toHaveLength(3);
    const hatchlings = await asAdmin('animal', 'select h.animal_id from clutch_hatchlings h join clutches c on c.id = h.clutch_id where c.session_id = $1', [
      startBreedingSession.id,
    ]);
    expect(hatchlings).toHaveLength(1);
  });

  it('start at most one active session per pair, however many race', async () => {
    const pair = await newPair(breeder, 'Race');
    const results = await Promise.all(Array.from({ length: 6 }, () => gql(START, { input: pair }, breeder.token)));
    const started = results.filter((r) => r.data?.startBreedingSession);
    expect(started).toHaveLength(1);
    for (const refused of results.filter((r) => !r.data)) {
      expect(refused.errors?.[0].extensions?.code).toBe('CONFLICT');
    }
  });
});

describe('inbreeding of a related pair', () => {
  it("records the pair's expected offspring F at the start, and the hatchlings get it as their own", async () => {
    const grandsire = await createAnimal(breeder, { name: 'Grandsire', sex: 'MALE', hatchDate: '2012-01-01' });
    const granddam = await createAnimal(breeder, { name: 'Granddam', sex: 'FEMALE', hatchDate: '2012-02-01' });
    const parents = { sireId: grandsire.id, damId: granddam.id, hatchDate: '2016-05-01' };
    const brother = await createAnimal(breeder, { name: 'Brother', sex: 'MALE', ...parents });
    const sister = await createAnimal(breeder, { name: 'Sister', sex: 'FEMALE', ...parents });

    const { startBreedingSession } = await gqlData(START, { input: { sireId: brother.id, damId: sister.id, startedAt: daysAgo(365) } }, breeder.token);
    const [stored] = await asAdmin('animal', 'select offspring_inbreeding from breeding_sessions where id = $1', [startBreedingSession.id]);
    expect(stored.offspring_inbreeding).toBeCloseTo(0.25, 12);

    await record(breeder, startBreedingSession.id, { type: 'EGGS_LAID', eggCount: 3, occurredAt: daysAgo(60) });
    await record(breeder, startBreedingSession.id, { type: 'HATCHED', hatchedCount: 2, registerHatchlings: 2, occurredAt: daysAgo(2) });
    const { breedingSession } = await gqlData(
      graphql(`query HatchlingInbreeding($id: ID!) { breedingSession(id: $id) { clutch { hatchlings { name inbreedingCoefficient } } } }`),
      { id: startBreedingSession.id },
      breeder.token,
    );
    expect(breedingSession!.clutch!.hatchlings).toHaveLength(2);
    for (const hatchling of breedingSession!.clutch!.hatchlings) expect(hatchling.inbreedingCoefficient).toBeCloseTo(0.25, 12);
  });
});
