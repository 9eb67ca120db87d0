import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnimal, gql, newOrganization, type Member } from '../support/gateway-client.js';
import { tenantFootprint } from '../support/postgres.js';

const CREATE_ANIMAL = 'mutation($input: CreateAnimalInput!) { createAnimal(input: $input) { id } }';
const CREATE_LISTING = 'mutation($input: CreateListingInput!) { createListing(input: $input) { id } }';
const RECORD = 'mutation($input: RecordMeasurementInput!) { recordMeasurement(input: $input) { id } }';

let breeder: Member;
let rival: Member;
let male: string;
let female: string;
let publicAnimal: string;
let rivalPrivateMale: string;

beforeAll(async () => {
  breeder = await newOrganization('Validation');
  rival = await newOrganization('Rival');
  male = (await createAnimal(breeder, { name: 'Sire', sex: 'MALE', hatchDate: '2018-01-01' })).id;
  female = (await createAnimal(breeder, { name: 'Dam', sex: 'FEMALE', hatchDate: '2018-02-01' })).id;
  publicAnimal = (await createAnimal(breeder, { name: 'For sale', visibility: 'PUBLIC' })).id;
  rivalPrivateMale = (await createAnimal(rival, { name: 'Rival private sire', sex: 'MALE' })).id;
});

async function footprint(member: Member) {
  return {
    animal: await tenantFootprint('animal', member.organizationId),
    commerce: await tenantFootprint('commerce', member.organizationId),
    research: await tenantFootprint('research', member.organizationId),
  };
}

interface Case {
  name: string;
  query: string;
  variables: () => Record<string, unknown>;
  code: string;
  message?: RegExp;
}

const animalInput = (extra: Record<string, unknown>) => ({ name: 'Valid name', species: 'Ball python', sex: 'FEMALE', ...extra });

const cases: Case[] = [
  { name: 'an unknown sire id', query: CREATE_ANIMAL, variables: () => ({ input: animalInput({ sireId: randomUUID() }) }), code: 'NOT_FOUND', message: /Sire not found/ },
  {
    name: 'a sire id that is not an id at all',
    query: CREATE_ANIMAL,
    variables: () => ({ input: animalInput({ sireId: '1; drop table animals' }) }),
    code: 'BAD_USER_INPUT',
    message: /sireId must be a UUID/,
  },
  { name: 'an empty sire id', query: CREATE_ANIMAL, variables: () => ({ input: animalInput({ sireId: '' }) }), code: 'BAD_USER_INPUT', message: /sireId must be a UUID/ },
  {
    name: 'an unknown species',
    query: CREATE_ANIMAL,
    variables: () => ({ input: animalInput({ species: 'Dragon' }) }),
    code: 'BAD_USER_INPUT',
    message: /Unknown species "Dragon"/,
  },
  { name: 'an invalid enum value', query: CREATE_ANIMAL, variables: () => ({ input: animalInput({ sex: 'HERMAPHRODITE' }) }), code: 'BAD_USER_INPUT' },
  { name: 'a 10 kB name', query: CREATE_ANIMAL, variables: () => ({ input: animalInput({ name: 'x'.repeat(10_240) }) }), code: 'BAD_USER_INPUT', message: /at most 120/ },
  { name: 'an empty name', query: CREATE_ANIMAL, variables: () => ({ input: animalInput({ name: '   ' }) }), code: 'BAD_USER_INPUT' },
  { name: 'a female sire', query: CREATE_ANIMAL, variables: () => ({ input: animalInput({ sireId: female }) }), code: 'BAD_USER_INPUT', message: /Sire must be male/ },
  { name: 'a male dam', query: CREATE_ANIMAL, variables: () => ({ input: animalInput({ damId: male }) }), code: 'BAD_USER_INPUT', message: /Dam must be female/ },
  {
    name: "another organisation's private sire",
    query: CREATE_ANIMAL,
    variables: () => ({ input: animalInput({ sireId: rivalPrivateMale }) }),
    code: 'NOT_FOUND',
    message: /Sire not found/,
  },
  {
    name: 'a sire younger than its offspring',
    query: CREATE_ANIMAL,
    variables: () => ({ input: animalInput({ sireId: male, hatchDate: '2017-01-01' }) }),
    code: 'BAD_USER_INPUT',
    message: /hatched before/,
  },
  {
    name: 'a sire of another species',
    query: CREATE_ANIMAL,
    variables: () => ({ input: animalInput({ species: 'Corn snake', sireId: male }) }),
    code: 'BAD_USER_INPUT',
    message: /same species/,
  },
  { name: 'a hatch date in the future', query: CREATE_ANIMAL, variables: () => ({ input: animalInput({ hatchDate: '2999-01-01' }) }), code: 'BAD_USER_INPUT' },
  { name: 'a malformed hatch date', query: CREATE_ANIMAL, variables: () => ({ input: animalInput({ hatchDate: '2021-02-30' }) }), code: 'BAD_USER_INPUT' },
  {
    name: 'an update of an unknown animal',
    query: 'mutation($id: ID!) { updateAnimal(id: $id, input: { name: "x" }) { id } }',
    variables: () => ({ id: randomUUID() }),
    code: 'NOT_FOUND',
  },
  { name: 'a delete of an unknown animal', query: 'mutation($id: ID!) { deleteAnimal(id: $id) }', variables: () => ({ id: randomUUID() }), code: 'NOT_FOUND' },
  {
    name: 'an animal made its own sire',
    query: 'mutation($id: ID!) { updateAnimal(id: $id, input: { sireId: $id }) { id } }',
    variables: () => ({ id: male }),
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a negative price',
    query: CREATE_LISTING,
    variables: () => ({ input: { animalId: publicAnimal, price: -5, currency: 'EUR' } }),
    code: 'BAD_USER_INPUT',
    message: /price/i,
  },
  { name: 'an unknown currency', query: CREATE_LISTING, variables: () => ({ input: { animalId: publicAnimal, price: 100, currency: 'XYZ' } }), code: 'BAD_USER_INPUT' },
  {
    name: 'a listing of an unknown animal',
    query: CREATE_LISTING,
    variables: () => ({ input: { animalId: randomUUID(), price: 100, currency: 'EUR' } }),
    code: 'NOT_FOUND',
  },
  {
    name: 'a listing of a private animal',
    query: CREATE_LISTING,
    variables: () => ({ input: { animalId: female, price: 100, currency: 'EUR' } }),
    code: 'BAD_USER_INPUT',
  },
  {
    name: "a listing of another organisation's private animal",
    query: CREATE_LISTING,
    variables: () => ({ input: { animalId: rivalPrivateMale, price: 100, currency: 'EUR' } }),
    code: 'NOT_FOUND',
  },
  {
    name: 'a measurement of an unknown animal',
    query: RECORD,
    variables: () => ({ input: { animalId: randomUUID(), trait: 'body_weight', value: 3, unit: 'kg' } }),
    code: 'NOT_FOUND',
  },
  { name: 'a measurement with an empty trait', query: RECORD, variables: () => ({ input: { animalId: male, trait: '', value: 3, unit: 'kg' } }), code: 'BAD_USER_INPUT' },
  {
    name: 'a measurement in the future',
    query: RECORD,
    variables: () => ({ input: { animalId: male, trait: 'body_weight', value: 3, unit: 'kg', measuredAt: '2999-01-01T00:00:00Z' } }),
    code: 'BAD_USER_INPUT',
  },
];

describe('bad input gets a clear error and changes nothing', () => {
  it.each(cases)('rejects $name', async ({ query, variables, code, message }) => {
    const before = await footprint(breeder);
    const result = await gql(query, variables(), breeder.token);
    expect(result.data ?? null, JSON.stringify(result.data)).toBeNull();
    const [error] = result.errors ?? [];
    expect(error?.extensions?.code).toBe(code);
    if (message) expect(error.message).toMatch(message);
    expectNothingInternal(error);
    expect(await footprint(breeder)).toEqual(before);
  });

  it('rejects a second active listing of the same animal with CONFLICT', async () => {
    const first = await gql(CREATE_LISTING, { input: { animalId: publicAnimal, price: 100, currency: 'EUR' } }, breeder.token);
    expect(first.errors).toBeUndefined();
    const before = await footprint(breeder);
    const second = await gql(CREATE_LISTING, { input: { animalId: publicAnimal, price: 120, currency: 'EUR' } }, breeder.token);
    expect(second.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await footprint(breeder)).toEqual(before);
  });
});

describe('accounts', () => {
  it('rejects a duplicate email on sign-up with CONFLICT', async () => {
    const result = await gql('mutation($input: SignUpInput!) { signUp(input: $input) { token } }', {
      input: { email: breeder.email.toUpperCase(), password: 'another password', name: 'Copycat', organizationName: 'Copy Org' },
    });
    expect(result.errors?.[0].extensions?.code).toBe('CONFLICT');
    expectNothingInternal(result.errors![0]);
  });

  it('rejects a wrong password and an unknown email with the same UNAUTHENTICATED error', async () => {
    const wrong = await gql('mutation($e: String!) { signIn(email: $e, password: "wrong password") { token } }', { e: breeder.email });
    const unknown = await gql('mutation { signIn(email: "nobody@example.test", password: "wrong password") { token } }');
    expect(wrong.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(unknown.errors?.[0].message).toBe(wrong.errors?.[0].message);
  });
});

/** Client errors carry a code (and maybe a field), never stacks, SQL or internal service names. */
function expectNothingInternal(error: { message: string; extensions?: Record<string, unknown> }) {
  expect(Object.keys(error.extensions ?? {}).filter((k) => !['code', 'field', 'retryAfterSeconds'].includes(k))).toEqual([]);
  expect(error.message).not.toMatch(/select |insert |update |postgres|violates|subgraph|animal service|at \w+ \(/i);
}
