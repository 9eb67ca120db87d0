import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnimal, gql, gqlData, newOrganization, type Member } from '../support/gateway-client.js';
import { asAdmin, tenantFootprint } from '../support/postgres.js';
import type { Document } from '../support/operations.js';
import { daysAgo, newPair, record, RECORD, START, type Pair } from './breeding-client.js';

interface Refusal {
  code: string;
  field?: string;
  message?: RegExp;
}

/** Sends a mutation that must be refused and checks that it wrote nothing: no row, audit entry, outbox event or animal. */
async function expectRefused(member: Member, mutation: Document, variables: Record<string, unknown>, refusal: Refusal) {
  const before = await tenantFootprint('animal', member.organizationId);
  // Inputs the schema accepts and the rules refuse, some of them built loosely on purpose: the answer's data is not read.
  const result = await gql(mutation.toString(), variables, member.token);
  expect(result.data ?? null, JSON.stringify(result.data)).toBeNull();
  const [error] = result.errors ?? [];
  expect(error?.extensions?.code, JSON.stringify(result.errors)).toBe(refusal.code);
  if (refusal.field) expect(error.extensions?.field).toBe(refusal.field);
  if (refusal.message) expect(error.message).toMatch(refusal.message);
  expect(await tenantFootprint('animal', member.organizationId)).toEqual(before);
}

const refuseEvent = (member: Member, sessionId: string, input: Record<string, unknown>, refusal: Refusal) =>
  expectRefused(member, RECORD, { input: { sessionId, ...input } }, refusal);

let breeder: Member;

beforeAll(async () => {
  breeder = await newOrganization('Breeding rules');
});

async function activeSession(label: string): Promise<{ sessionId: string; pair: Pair }> {
  const pair = await newPair(breeder, label);
  const { startBreedingSession } = await gqlData(START, { input: { ...pair, startedAt: daysAgo(365) } }, breeder.token);
  return { sessionId: startBreedingSession.id, pair };
}

describe('event order', () => {
  it('refuses CANDLED and HATCHED before EGGS_LAID', async () => {
    const { sessionId } = await activeSession('Early');
    await record(breeder, sessionId, { type: 'INTRODUCED', occurredAt: daysAgo(10) });
    await refuseEvent(breeder, sessionId, { type: 'CANDLED', fertileCount: 2 }, { code: 'CONFLICT', message: /EGGS_LAID first/ });
    await refuseEvent(breeder, sessionId, { type: 'HATCHED', hatchedCount: 2, registerHatchlings: 2 }, { code: 'CONFLICT', message: /EGGS_LAID first/ });
  });

  it('refuses a second EGGS_LAID, a second HATCHED and a candling after hatching', async () => {
    const { sessionId } = await activeSession('Twice');
    await record(breeder, sessionId, { type: 'EGGS_LAID', eggCount: 5, occurredAt: daysAgo(40) });
    await refuseEvent(breeder, sessionId, { type: 'EGGS_LAID', eggCount: 3 }, { code: 'CONFLICT', message: /already laid/ });
    await record(breeder, sessionId, { type: 'HATCHED', hatchedCount: 4, occurredAt: daysAgo(2) });
    await refuseEvent(breeder, sessionId, { type: 'HATCHED', hatchedCount: 1 }, { code: 'CONFLICT', message: /already hatched/ });
    await refuseEvent(breeder, sessionId, { type: 'CANDLED', fertileCount: 4 }, { code: 'CONFLICT' });
  });

  it('refuses the observations leading up to egg-laying once the eggs are laid, and keeps notes open', async () => {
    const { sessionId } = await activeSession('Laid');
    await record(breeder, sessionId, { type: 'EGGS_LAID', eggCount: 5, occurredAt: daysAgo(40) });
    for (const type of ['INTRODUCED', 'LOCK_OBSERVED', 'OVULATION', 'PRE_LAY_SHED']) {
      await refuseEvent(breeder, sessionId, { type }, { code: 'CONFLICT', message: /already laid/ });
    }
    expect((await record(breeder, sessionId, { type: 'NOTE', notes: 'Eggs sweating a little' })).type).toBe('NOTE');
  });

  it('refuses anything after ENDED', async () => {
    const { sessionId } = await activeSession('Closed');
    await record(breeder, sessionId, { type: 'ENDED' });
    for (const input of [{ type: 'NOTE' }, { type: 'ENDED' }, { type: 'EGGS_LAID', eggCount: 3 }]) {
      await refuseEvent(breeder, sessionId, input, { code: 'CONFLICT', message: /ended/ });
    }
  });

  it('refuses an occurredAt in the future or before the previous event', async () => {
    const { sessionId } = await activeSession('Clock');
    await record(breeder, sessionId, { type: 'INTRODUCED', occurredAt: daysAgo(5) });
    await refuseEvent(breeder, sessionId, { type: 'NOTE', occurredAt: new Date(Date.now() + 3_600_000).toISOString() }, { code: 'BAD_USER_INPUT', field: 'occurredAt' });
    await refuseEvent(breeder, sessionId, { type: 'LOCK_OBSERVED', occurredAt: daysAgo(6) }, { code: 'BAD_USER_INPUT', field: 'occurredAt' });
  });
});

describe('session start', () => {
  it('refuses a first event before the session started, and accepts one at its start', async () => {
    const pair = await newPair(breeder, 'Started');
    const startedAt = daysAgo(20);
    const { startBreedingSession } = await gqlData(START, { input: { ...pair, startedAt } }, breeder.token);
    expect(startBreedingSession.startedAt).toBe(startedAt);
    await refuseEvent(
      breeder,
      startBreedingSession.id,
      { type: 'INTRODUCED', occurredAt: daysAgo(21) },
      { code: 'BAD_USER_INPUT', field: 'occurredAt', message: /session started/ },
    );
    expect((await record(breeder, startBreedingSession.id, { type: 'INTRODUCED', occurredAt: startedAt })).occurredAt).toBe(startedAt);
  });

  it('starts now by default, so a first event cannot be back-dated before it', async () => {
    const pair = await newPair(breeder, 'Today');
    const { startBreedingSession } = await gqlData(START, { input: pair }, breeder.token);
    await refuseEvent(breeder, startBreedingSession.id, { type: 'INTRODUCED', occurredAt: daysAgo(1) }, { code: 'BAD_USER_INPUT', field: 'occurredAt' });
  });

  it('refuses a startedAt in the future, writing nothing', async () => {
    const pair = await newPair(breeder, 'Future');
    await expectRefused(
      breeder,
      START,
      { input: { ...pair, startedAt: new Date(Date.now() + 3_600_000).toISOString() } },
      { code: 'BAD_USER_INPUT', field: 'startedAt' },
    );
  });
});

describe('event counts', () => {
  let sessionId: string;

  beforeAll(async () => {
    ({ sessionId } = await activeSession('Counts'));
  });

  it('refuses EGGS_LAID without eggs, with none, or with an absurd number', async () => {
    for (const eggCount of [undefined, 0, -2, 251]) {
      await refuseEvent(breeder, sessionId, { type: 'EGGS_LAID', eggCount }, { code: 'BAD_USER_INPUT', field: 'eggCount' });
    }
  });

  it('refuses a count given with an event type it does not belong to', async () => {
    await refuseEvent(breeder, sessionId, { type: 'NOTE', eggCount: 4 }, { code: 'BAD_USER_INPUT', field: 'eggCount' });
    await refuseEvent(breeder, sessionId, { type: 'OVULATION', registerHatchlings: 1 }, { code: 'BAD_USER_INPUT', field: 'registerHatchlings' });
  });

  it('refuses more fertile eggs than laid, more hatched than fertile, more hatchlings than hatched', async () => {
    await record(breeder, sessionId, { type: 'EGGS_LAID', eggCount: 6, occurredAt: daysAgo(50) });
    await refuseEvent(breeder, sessionId, { type: 'CANDLED', fertileCount: 7 }, { code: 'BAD_USER_INPUT', field: 'fertileCount' });
    await record(breeder, sessionId, { type: 'CANDLED', fertileCount: 4, occurredAt: daysAgo(40) });
    await refuseEvent(breeder, sessionId, { type: 'HATCHED', hatchedCount: 5 }, { code: 'BAD_USER_INPUT', field: 'hatchedCount' });
    await refuseEvent(breeder, sessionId, { type: 'HATCHED', hatchedCount: 3, registerHatchlings: 4 }, { code: 'BAD_USER_INPUT', field: 'registerHatchlings' });
  });

  it('refuses notes that are too long', async () => {
    await refuseEvent(breeder, sessionId, { type: 'NOTE', notes: 'x'.repeat(2001) }, { code: 'BAD_USER_INPUT', field: 'notes' });
  });

  it('refuses an unknown or malformed session', async () => {
    await refuseEvent(breeder, randomUUID(), { type: 'NOTE' }, { code: 'NOT_FOUND', field: 'sessionId' });
    await refuseEvent(breeder, 'not-an-id', { type: 'NOTE' }, { code: 'BAD_USER_INPUT', field: 'sessionId' });
  });
});

describe('a refusal found after the event row was written', () => {
  it('rolls back the event, the clutch change, the hatchlings and the outbox row together', async () => {
    // The dam "hatched" after the eggs: registering her hatchlings must fail once the event row is already in.
    const sire = await createAnimal(breeder, { name: 'Rollback sire', sex: 'MALE', hatchDate: '2018-01-01' });
    const dam = await createAnimal(breeder, { name: 'Rollback dam', sex: 'FEMALE', hatchDate: new Date().toISOString().slice(0, 10) });
    const { startBreedingSession } = await gqlData(START, { input: { sireId: sire.id, damId: dam.id, startedAt: daysAgo(365) } }, breeder.token);
    const sessionId = startBreedingSession.id;
    await record(breeder, sessionId, { type: 'EGGS_LAID', eggCount: 4, occurredAt: daysAgo(3) });
    await refuseEvent(
      breeder,
      sessionId,
      { type: 'HATCHED', hatchedCount: 4, registerHatchlings: 4, occurredAt: daysAgo(2) },
      { code: 'BAD_USER_INPUT', field: 'occurredAt', message: /dam must have hatched before/ },
    );
    const [clutch] = await asAdmin('animal', 'select hatched_count from clutches where session_id = $1', [sessionId]);
    expect(clutch.hatched_count).toBeNull();
    const [session] = await asAdmin('animal', 'select last_seq from breeding_sessions where id = $1', [sessionId]);
    expect(session.last_seq).toBe(1);
    // The same hatch without registering animals is fine, and takes the next sequence number.
    const hatched = await record(breeder, sessionId, { type: 'HATCHED', hatchedCount: 4, occurredAt: daysAgo(2) });
    const [row] = await asAdmin('animal', 'select seq from breeding_events where id = $1', [hatched.id]);
    expect(row.seq).toBe(2);
  });
});

describe('starting a session', () => {
  let rival: Member;
  let pair: Pair;

  beforeAll(async () => {
    rival = await newOrganization('Breeding rival');
    pair = await newPair(breeder, 'Start');
  });

  const refuseStart = (input: Record<string, unknown>, refusal: Refusal) => expectRefused(breeder, START, { input }, refusal);

  it('refuses a female sire, a male dam, one animal twice and a mixed-species pair', async () => {
    await refuseStart({ sireId: pair.damId, damId: pair.damId }, { code: 'BAD_USER_INPUT', field: 'damId' });
    await refuseStart(
      { sireId: pair.damId, damId: (await createAnimal(breeder, { name: 'Another dam', sex: 'FEMALE' })).id },
      { code: 'BAD_USER_INPUT', field: 'sireId' },
    );
    await refuseStart({ sireId: pair.sireId, damId: (await createAnimal(breeder, { name: 'Not a dam', sex: 'MALE' })).id }, { code: 'BAD_USER_INPUT', field: 'damId' });
    const ewe = await createAnimal(breeder, { name: 'Ewe', sex: 'FEMALE', species: 'Sheep' });
    await refuseStart({ sireId: pair.sireId, damId: ewe.id }, { code: 'BAD_USER_INPUT', field: 'damId', message: /same species/ });
    await refuseStart({ sireId: 'nope', damId: pair.damId }, { code: 'BAD_USER_INPUT', field: 'sireId' });
  });

  it('refuses an animal the caller cannot see, and a pair of which neither animal is theirs', async () => {
    const hidden = await createAnimal(rival, { name: 'Hidden female', sex: 'FEMALE' });
    await refuseStart({ sireId: pair.sireId, damId: hidden.id }, { code: 'NOT_FOUND', field: 'damId' });
    const studMale = await createAnimal(rival, { name: 'Public stud', sex: 'MALE', visibility: 'PUBLIC' });
    const publicFemale = await createAnimal(rival, { name: 'Public female', sex: 'FEMALE', visibility: 'PUBLIC' });
    await refuseStart({ sireId: studMale.id, damId: publicFemale.id }, { code: 'FORBIDDEN' });
  });

  it("pairs the caller's female with another breeder's public male (a stud service)", async () => {
    const stud = await createAnimal(rival, { name: 'Stud for hire', sex: 'MALE', visibility: 'PUBLIC' });
    const { startBreedingSession } = await gqlData(START, { input: { sireId: stud.id, damId: pair.damId } }, breeder.token);
    expect(startBreedingSession).toMatchObject({ status: 'ACTIVE', sire: { name: 'Stud for hire' }, dam: { id: pair.damId } });
    const [row] = await asAdmin('animal', 'select tenant_id from breeding_sessions where id = $1', [startBreedingSession.id]);
    expect(row.tenant_id).toBe(breeder.organizationId);
  });

  it('refuses a second active session of the same pair', async () => {
    const second = await newPair(breeder, 'Again');
    await gqlData(START, { input: second }, breeder.token);
    await refuseStart({ ...second }, { code: 'CONFLICT', message: /already has an active breeding session/ });
  });

  it('keeps a paired animal from being deleted, with a clear conflict', async () => {
    const kept = await newPair(breeder, 'Kept');
    await gqlData(START, { input: kept }, breeder.token);
    await expectRefused(breeder, 'mutation($id: ID!) { deleteAnimal(id: $id) }', { id: kept.damId }, { code: 'CONFLICT', message: /breeding session/ });
  });
});
