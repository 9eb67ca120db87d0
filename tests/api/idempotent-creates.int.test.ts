import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnimal, gql, gqlData, newOrganization, type Member } from '../support/gateway-client.js';
import { tenantFootprint } from '../support/postgres.js';
import { daysAgo, newPair, START, type Pair } from '../breeding/breeding-client.js';
import { graphql } from '../__generated__/index.js';

// Every mutation that creates a record takes an optional idempotencyKey: a retry with the same key
// returns the first record and writes nothing (no row, no outbox event, no audit row); the same key
// with another input is a CONFLICT that writes nothing either.

type Service = 'animal' | 'commerce' | 'research';

interface Case {
  name: string;
  service: Service;
  mutation: string;
  /** The mutation's input for this member (without the key); `variant` differs in one field. */
  input(member: Member): Promise<{ input: Record<string, unknown>; variant: Record<string, unknown> }>;
}

/** A session started a month ago, so the test's events may be dated in the past days. */
const startSession = async (member: Member, pair: Pair): Promise<string> =>
  (await gqlData(START, { input: { ...pair, startedAt: daysAgo(30) } }, member.token)).startBreedingSession.id;

const CASES: Case[] = [
  {
    name: 'createAnimal',
    service: 'animal',
    mutation: 'mutation($input: CreateAnimalInput!) { createAnimal(input: $input) { id name } }',
    input: async () => {
      const input = { name: 'Keyed hatchling', species: 'Ball python', sex: 'FEMALE', hatchDate: '2024-06-01' };
      return { input, variant: { ...input, name: 'Another hatchling' } };
    },
  },
  {
    name: 'startBreedingSession',
    service: 'animal',
    mutation: 'mutation($input: StartBreedingSessionInput!) { startBreedingSession(input: $input) { id status } }',
    input: async (member) => {
      const input = { ...(await newPair(member, 'Keyed start')), startedAt: daysAgo(30) };
      return { input, variant: { ...input, notes: 'Another note' } };
    },
  },
  {
    name: 'recordBreedingEvent (a clutch laid, hatchlings registered)',
    service: 'animal',
    mutation: 'mutation($input: RecordBreedingEventInput!) { recordBreedingEvent(input: $input) { id type session { clutch { eggCount hatchlings { id } } } } }',
    input: async (member) => {
      const sessionId = await startSession(member, await newPair(member, 'Keyed clutch'));
      await gqlData(
        graphql(`mutation IdempotentCreatesRecordBreedingEvent($input: RecordBreedingEventInput!) { recordBreedingEvent(input: $input) { id } }`),
        { input: { sessionId, type: 'EGGS_LAID', eggCount: 4, occurredAt: daysAgo(2) } },
        member.token,
      );
      const input = { sessionId, type: 'HATCHED', hatchedCount: 3, registerHatchlings: 3, occurredAt: daysAgo(1) };
      return { input, variant: { ...input, registerHatchlings: 2 } };
    },
  },
  {
    name: 'createListing',
    service: 'commerce',
    mutation: 'mutation($input: CreateListingInput!) { createListing(input: $input) { id price currency } }',
    input: async (member) => {
      const animal = await createAnimal(member, { name: 'For sale', sex: 'MALE', visibility: 'PUBLIC' });
      const input = { animalId: animal.id, price: 450, currency: 'EUR' };
      return { input, variant: { ...input, price: 500 } };
    },
  },
  {
    name: 'recordMeasurement',
    service: 'research',
    mutation: 'mutation($input: RecordMeasurementInput!) { recordMeasurement(input: $input) { id value } }',
    input: async (member) => {
      const animal = await createAnimal(member, { name: 'Weighed', sex: 'FEMALE' });
      const input = { animalId: animal.id, trait: 'body_weight', value: 1520, unit: 'g', measuredAt: daysAgo(1) };
      return { input, variant: { ...input, value: 1525 } };
    },
  },
];

const fieldOf = (mutation: string) => /\{\s*(\w+)\(/.exec(mutation)![1];
/** The record a case's mutation returned: the cases differ in type, so their documents stay untyped. */
const createdBy = (mutation: string, data: unknown) => (data as Record<string, unknown>)[fieldOf(mutation)];

/**
 * What the requests wrote: a tenant's rows but the search projection's, which the projector
 * writes from the listing's event whenever it arrives (one row per listing, however often told).
 */
async function writtenBy(service: Parameters<typeof tenantFootprint>[0], tenantId: string) {
  const { listing_search: _projection, ...rows } = await tenantFootprint(service, tenantId);
  return rows;
}

describe.each(CASES)('$name with an idempotencyKey', ({ service, mutation, input: inputFor }) => {
  let member: Member;
  beforeAll(async () => {
    member = await newOrganization('Keyed writer');
  });

  it('retried, returns the first record and writes nothing more', async () => {
    const { input } = await inputFor(member);
    const keyed = { ...input, idempotencyKey: randomUUID() };
    const first = await gqlData(mutation, { input: keyed }, member.token);
    const footprints = await Promise.all([writtenBy(service, member.organizationId), writtenBy('animal', member.organizationId)]);
    const retried = await gqlData(mutation, { input: keyed }, member.token);
    expect(createdBy(mutation, retried)).toEqual(createdBy(mutation, first));
    expect(await Promise.all([writtenBy(service, member.organizationId), writtenBy('animal', member.organizationId)])).toEqual(footprints);
  });

  it('with the same key and another input, answers CONFLICT and writes nothing', async () => {
    const { input, variant } = await inputFor(member);
    const idempotencyKey = randomUUID();
    await gqlData(mutation, { input: { ...input, idempotencyKey } }, member.token);
    const footprint = await tenantFootprint(service, member.organizationId);
    const reused = await gql(mutation, { input: { ...variant, idempotencyKey } }, member.token);
    expect(reused.errors?.[0].extensions).toEqual({ code: 'CONFLICT', field: 'idempotencyKey' });
    expect(await tenantFootprint(service, member.organizationId)).toEqual(footprint);
  });
});

describe('keys', () => {
  it('are per mutation: one key on two mutations writes both', async () => {
    const member = await newOrganization('One key, two mutations');
    const idempotencyKey = randomUUID();
    const pair = await newPair(member, 'Per mutation');
    const animal = await gqlData(
      graphql(`mutation IdempotentCreatesCreateAnimal($input: CreateAnimalInput!) { createAnimal(input: $input) { id } }`),
      { input: { name: 'Keyed', species: 'Ball python', sex: 'MALE', idempotencyKey } },
      member.token,
    );
    const session = await gqlData(
      graphql(`mutation IdempotentCreatesStartBreedingSession($input: StartBreedingSessionInput!) { startBreedingSession(input: $input) { id } }`),
      { input: { ...pair, idempotencyKey } },
      member.token,
    );
    expect(animal.createAnimal.id).not.toBe(session.startBreedingSession.id);
  });
});
