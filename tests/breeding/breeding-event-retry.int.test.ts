import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { gql, gqlData, newOrganization, type Member } from '../support/gateway-client.js';
import { asAdmin, tenantFootprint } from '../support/postgres.js';
import { daysAgo, newPair, START, type Pair } from './breeding-client.js';
import { graphql } from '../__generated__/index.js';

// A client that lost the answer to recordBreedingEvent (a dropped connection, a timeout) sends it
// again with the same idempotencyKey: the first event comes back and nothing is written twice.

const RECORD = graphql(`
  mutation RetryRecordEvent($input: RecordBreedingEventInput!) {
    recordBreedingEvent(input: $input) { id cursor type notes session { id } }
  }
`);

/** What one session has written: its events, their outbox rows and their audit rows. */
async function writesOf(sessionId: string) {
  const [row] = await asAdmin(
    'animal',
    `select (select count(*)::int from breeding_events where session_id = $1) as events,
            (select count(*)::int from outbox where aggregate_id = $1::text and event_type = 'breedingSession.eventRecorded') as outbox,
            (select count(*)::int from audit_log where table_name = 'breeding_events' and new_data ->> 'session_id' = $1::text) as audit`,
    [sessionId],
  );
  return row as { events: number; outbox: number; audit: number };
}

/** A session started a month ago, so the test's events may be dated in the past days. */
const startSession = async (member: Member, pair: Pair): Promise<string> =>
  (await gqlData(START, { input: { ...pair, startedAt: daysAgo(30) } }, member.token)).startBreedingSession.id;

let breeder: Member;

beforeAll(async () => {
  breeder = await newOrganization('Retrying breeder');
});

describe('recordBreedingEvent with an idempotencyKey', () => {
  it('retried with the same key returns the first event and writes one event, one outbox row, one audit row', async () => {
    const sessionId = await startSession(breeder, await newPair(breeder, 'Retry'));
    const input = { sessionId, type: 'NOTE' as const, notes: 'Pair settled', occurredAt: daysAgo(0.5), idempotencyKey: randomUUID() };
    const first = await gqlData(RECORD, { input }, breeder.token);
    const footprint = await tenantFootprint('animal', breeder.organizationId);
    const retried = await gqlData(RECORD, { input }, breeder.token);
    expect(retried.recordBreedingEvent).toEqual(first.recordBreedingEvent);
    expect(await writesOf(sessionId)).toEqual({ events: 1, outbox: 1, audit: 1 });
    expect(await tenantFootprint('animal', breeder.organizationId)).toEqual(footprint);
  });

  it('sent concurrently with one key writes one event, and every answer is that event', async () => {
    const sessionId = await startSession(breeder, await newPair(breeder, 'Concurrent'));
    const input = { sessionId, type: 'EGGS_LAID' as const, eggCount: 6, occurredAt: daysAgo(1), idempotencyKey: `eggs-${randomUUID()}` };
    const answers = await Promise.all(Array.from({ length: 6 }, () => gql(RECORD, { input }, breeder.token)));
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    expect(new Set(answers.map((answer) => answer.data?.recordBreedingEvent.id)).size).toBe(1);
    expect(await writesOf(sessionId)).toEqual({ events: 1, outbox: 1, audit: 1 });
    const [{ clutches }] = await asAdmin('animal', 'select count(*)::int as clutches from clutches where session_id = $1', [sessionId]);
    expect(clutches).toBe(1);
  });

  it('with the same key but another input answers CONFLICT and writes nothing', async () => {
    const sessionId = await startSession(breeder, await newPair(breeder, 'Reused key'));
    const idempotencyKey = randomUUID();
    await gqlData(RECORD, { input: { sessionId, type: 'NOTE', notes: 'First', idempotencyKey } }, breeder.token);
    const footprint = await tenantFootprint('animal', breeder.organizationId);
    const reused = await gql(RECORD, { input: { sessionId, type: 'NOTE', notes: 'Something else', idempotencyKey } }, breeder.token);
    expect(reused.data).toBeNull();
    expect(reused.errors?.[0].extensions).toEqual({ code: 'CONFLICT', field: 'idempotencyKey' });
    expect(await tenantFootprint('animal', breeder.organizationId)).toEqual(footprint);
    expect(await writesOf(sessionId)).toEqual({ events: 1, outbox: 1, audit: 1 });
  });

  it("is the organisation's own: another organisation's identical key records its own event", async () => {
    const other = await newOrganization('Same key elsewhere');
    const [ours, theirs] = await Promise.all([startSession(breeder, await newPair(breeder, 'Shared key')), startSession(other, await newPair(other, 'Shared key'))]);
    const idempotencyKey = 'first-note-of-the-season';
    const a = await gqlData(RECORD, { input: { sessionId: ours, type: 'NOTE', notes: 'Ours', idempotencyKey } }, breeder.token);
    const b = await gqlData(RECORD, { input: { sessionId: theirs, type: 'NOTE', notes: 'Theirs', idempotencyKey } }, other.token);
    expect(a.recordBreedingEvent).toMatchObject({ notes: 'Ours', session: { id: ours } });
    expect(b.recordBreedingEvent).toMatchObject({ notes: 'Theirs', session: { id: theirs } });
    expect([await writesOf(ours), await writesOf(theirs)]).toEqual([
      { events: 1, outbox: 1, audit: 1 },
      { events: 1, outbox: 1, audit: 1 },
    ]);
  });

  it('refused by the rules keeps the key free: nothing was written, so the corrected event may use it', async () => {
    const sessionId = await startSession(breeder, await newPair(breeder, 'Refused'));
    const idempotencyKey = randomUUID();
    const footprint = await tenantFootprint('animal', breeder.organizationId);
    const refused = await gql(RECORD, { input: { sessionId, type: 'CANDLED', fertileCount: 3, idempotencyKey } }, breeder.token);
    expect(refused.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await tenantFootprint('animal', breeder.organizationId)).toEqual(footprint);
    const recorded = await gqlData(RECORD, { input: { sessionId, type: 'EGGS_LAID', eggCount: 3, idempotencyKey } }, breeder.token);
    expect(recorded.recordBreedingEvent.type).toBe('EGGS_LAID');
  });

  it('refuses a key that is empty, too long or not printable, naming the field, and writes nothing', async () => {
    const sessionId = await startSession(breeder, await newPair(breeder, 'Bad keys'));
    const footprint = await tenantFootprint('animal', breeder.organizationId);
    for (const idempotencyKey of ['', 'x'.repeat(101), 'tab\there', 'line\nbreak', 'caf\u00e9']) {
      const result = await gql(RECORD, { input: { sessionId, type: 'NOTE', idempotencyKey } }, breeder.token);
      expect(result.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
    }
    expect(await tenantFootprint('animal', breeder.organizationId)).toEqual(footprint);
  });
});
