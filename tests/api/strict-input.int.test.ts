import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createIdentitySigner, IDENTITY_HEADER } from '@studbook/platform';
import { startSession } from '../breeding/breeding-client.js';
import { createAnimal, gql, gqlData, newOrganization, type Member } from '../support/gateway-client.js';
import { graphql } from '../__generated__/index.js';
import { tenantFootprint } from '../support/postgres.js';

type Service = 'animal' | 'commerce' | 'research' | 'user';

/** What a client may not put in text: a NUL, another control character, half a surrogate pair. */
const FORBIDDEN = [
  ['NUL', 'x\u0000y'],
  ['ESC', 'x\u001B[31my'],
  ['C1 NEL', 'x\u0085y'],
  ['DEL', 'x\u007Fy'],
  ['a lone high surrogate', 'x\uD83Dy'],
  ['a lone low surrogate', 'x\uDC0Dy'],
] as const;

let breeder: Member;
let publicAnimal: string;
let sessionId: string;

beforeAll(async () => {
  breeder = await newOrganization('Strict');
  publicAnimal = (await createAnimal(breeder, { name: 'Strict public', visibility: 'PUBLIC', externalId: 'S-1' })).id;
  const sire = await createAnimal(breeder, { name: 'Strict sire', sex: 'MALE', hatchDate: '2018-05-01' });
  const dam = await createAnimal(breeder, { name: 'Strict dam', sex: 'FEMALE', hatchDate: '2019-05-01' });
  sessionId = await startSession(breeder, { sireId: sire.id, damId: dam.id });
});

/** What the organisation has in one service: every row, audit entry and event, or the user's own records. */
async function footprint(member: Member, service: Service | null) {
  if (service === null) return null;
  if (service !== 'user') return tenantFootprint(service, member.organizationId);
  return gqlData(
    graphql(`query UserFootprint { me { name profile { phone address locale timeZone } } myPreferences { defaultSpecies pedigreeDepth version } }`),
    {},
    member.token,
  );
}

interface Case {
  name: string;
  query: string;
  variables: (text: string) => Record<string, unknown>;
  field: string;
  writes: Service | null;
}

const cases: Case[] = [
  {
    name: 'createAnimal name',
    query: 'mutation($input: CreateAnimalInput!) { createAnimal(input: $input) { id } }',
    variables: (text) => ({ input: { name: text, species: 'Ball python', sex: 'FEMALE' } }),
    field: 'input.name',
    writes: 'animal',
  },
  {
    name: 'animals filter nameContains',
    query: 'query($filter: AnimalFilter) { animals(first: 5, filter: $filter) { edges { node { id } } } }',
    variables: (text) => ({ filter: { nameContains: text } }),
    field: 'filter.nameContains',
    writes: null,
  },
  {
    name: 'animalsByExternalId',
    query: 'query($ids: [String!]!) { animalsByExternalId(externalIds: $ids) { id } }',
    variables: (text) => ({ ids: ['S-1', text] }),
    field: 'externalIds[1]',
    writes: null,
  },
  {
    name: 'importPedigree csv ids',
    query: 'mutation($input: ImportPedigreeInput!) { importPedigree(input: $input) { imported errors { line message } } }',
    variables: (text) => ({ input: { species: 'Ball python', csv: `id,sire,dam,sex\nOK1,,,M\n${text},,,F\n` } }),
    field: 'input.csv',
    writes: 'animal',
  },
  {
    name: 'recordBreedingEvent notes',
    query: 'mutation($input: RecordBreedingEventInput!) { recordBreedingEvent(input: $input) { id } }',
    variables: (text) => ({ input: { sessionId, type: 'NOTE', notes: `line one\n${text}` } }),
    field: 'input.notes',
    writes: 'animal',
  },
  {
    name: 'createListing currency (commerce)',
    query: 'mutation($input: CreateListingInput!) { createListing(input: $input) { id } }',
    variables: (text) => ({ input: { animalId: publicAnimal, price: 100, currency: text } }),
    field: 'input.currency',
    writes: 'commerce',
  },
  {
    name: 'recordMeasurement trait (research)',
    query: 'mutation($input: RecordMeasurementInput!) { recordMeasurement(input: $input) { id } }',
    variables: (text) => ({ input: { animalId: publicAnimal, trait: text, value: 3, unit: 'kg' } }),
    field: 'input.trait',
    writes: 'research',
  },
  {
    name: 'updateProfile address (user)',
    query: 'mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { id } }',
    variables: (text) => ({ input: { name: 'Renamed', address: `1 Farm Lane\n${text}` } }),
    field: 'input.address',
    writes: 'user',
  },
  {
    name: 'updateMyPreferences defaultSpecies (user)',
    query: 'mutation($input: PreferencesInput!) { updateMyPreferences(input: $input, expectedVersion: 0) { version } }',
    variables: (text) => ({ input: { defaultSpecies: text, pedigreeDepth: 5 } }),
    field: 'input.defaultSpecies',
    writes: 'user',
  },
];

const expectRefusal = (result: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] }, field: string) => {
  expect(result.errors?.map((error) => error.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field }]);
  expect(result.errors![0].message).toMatch(/tab, line feed and carriage return/);
  expect(result.errors![0].message).not.toMatch(/postgres|select |subgraph|at \w+ \(/i);
};

describe('text with control characters or lone surrogates is refused through the gateway', () => {
  describe.each(FORBIDDEN)('%s', (_, text) => {
    it.each(cases)('in $name: BAD_USER_INPUT naming $field, nothing written', async ({ query, variables, field, writes }) => {
      const before = await footprint(breeder, writes);
      const result = await gql(query, variables(text), breeder.token);
      expectRefusal(result, field);
      // 400 without data: the gateway refused it before asking any subgraph (a subgraph's refusal arrives relayed, with 200).
      expect([result.status, result.data ?? null]).toEqual([400, null]);
      expect(await footprint(breeder, writes)).toEqual(before);
    });
  });

  it('in a literal of the document as well as in variables', async () => {
    const result = await gql('{ animals(first: 5, filter: { nameContains: "a\\u0000" }) { edges { node { id } } } }', {}, breeder.token);
    expectRefusal(result, 'filter.nameContains');
  });

  it('keeps tab, line feed and carriage return, which notes and CSV need', async () => {
    const notes = 'fed\tone mouse\r\nshed\tcomplete';
    const { recordBreedingEvent } = await gqlData(
      graphql(`mutation RecordNotesWithControls($input: RecordBreedingEventInput!) { recordBreedingEvent(input: $input) { notes } }`),
      { input: { sessionId, type: 'NOTE', notes } },
      breeder.token,
    );
    expect(recordBreedingEvent.notes).toBe(notes);
    const { importPedigree } = await gqlData(
      graphql(`mutation ImportCrlfPedigree($input: ImportPedigreeInput!) { importPedigree(input: $input) { imported errors { message } } }`),
      { input: { species: 'Ball python', csv: 'id,sire,dam,sex,name\r\nT1,,,M,CRLF ends\r\n' } },
      breeder.token,
    );
    expect(importPedigree).toEqual({ imported: 1, errors: [] });
    const { animalsByExternalId } = await gqlData(
      graphql(`query CrlfAnimalNames($ids: [String!]!) { animalsByExternalId(externalIds: $ids) { name } }`),
      { ids: ['T1'] },
      breeder.token,
    );
    expect(animalsByExternalId).toEqual([{ name: 'CRLF ends' }]);
  });

  it('keeps characters outside the BMP, written as surrogate pairs', async () => {
    const { createAnimal: created } = await gqlData(
      graphql(`mutation CreateAstralAnimal($input: CreateAnimalInput!) { createAnimal(input: $input) { name } }`),
      {
        input: { name: 'Noodle 🐍', species: 'Ball python', sex: 'MALE' },
      },
      breeder.token,
    );
    expect(created.name).toBe('Noodle 🐍');
  });
});

describe('each subgraph refuses such text itself, whoever calls it', () => {
  const asBreeder = async (service: Service, query: string, variables: Record<string, unknown>) => {
    const token = await createIdentitySigner(inject('identityPrivateKey')).sign({
      kind: 'user',
      userId: breeder.userId,
      organizationId: breeder.organizationId,
      role: 'OWNER',
    });
    const response = await fetch(inject('subgraphUrls')[service], {
      method: 'POST',
      headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: token },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  };

  it.each(cases.filter((c) => c.writes !== null || c.name.startsWith('animals')))('$name', async ({ query, variables, field, writes }) => {
    const before = await footprint(breeder, writes);
    expectRefusal(await asBreeder(writes ?? 'animal', query, variables('x\u0000')), field);
    expect(await footprint(breeder, writes)).toEqual(before);
  });
});

describe('DateTime takes only instants that exist', () => {
  it.each([
    ['30 February', '2026-02-30T10:00:00Z'],
    ['24:00', '2026-01-15T24:00:00Z'],
    ['a leap second', '2016-12-31T23:59:60Z'],
    ['no time zone', '2026-01-15T10:00:00'],
    ['no seconds', '2026-01-15T10:00Z'],
    ['a date alone', '2026-01-15'],
  ])('refuses %s (%s) as a variable and as a literal, writing nothing', async (_, instant) => {
    const before = { animal: await footprint(breeder, 'animal'), research: await footprint(breeder, 'research') };
    const asVariable = await gql(
      graphql(`mutation StrictInputRecordMeasurement($input: RecordMeasurementInput!) { recordMeasurement(input: $input) { id } }`),
      { input: { animalId: publicAnimal, trait: 'body_weight', value: 3, unit: 'kg', measuredAt: instant } },
      breeder.token,
    );
    expect(asVariable.errors?.map((error) => error.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.measuredAt' }]);
    expect(asVariable.errors![0].message).toMatch(/RFC 3339/);
    const asLiteral = await gql(
      `mutation($session: ID!) { recordBreedingEvent(input: { sessionId: $session, type: NOTE, occurredAt: ${JSON.stringify(instant)} }) { id } }`,
      { session: sessionId },
      breeder.token,
    );
    expect(asLiteral.errors?.map((error) => error.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.occurredAt' }]);
    expect({ animal: await footprint(breeder, 'animal'), research: await footprint(breeder, 'research') }).toEqual(before);
  });

  it('accepts an RFC 3339 instant with an offset and a fraction, and returns it in UTC', async () => {
    const { recordMeasurement } = await gqlData(
      graphql(`mutation RecordOffsetMeasurement($input: RecordMeasurementInput!) { recordMeasurement(input: $input) { measuredAt } }`),
      { input: { animalId: publicAnimal, trait: 'body_weight', value: 3, unit: 'kg', measuredAt: '2024-02-29T01:30:00.25+02:00' } },
      breeder.token,
    );
    expect(recordMeasurement.measuredAt).toBe('2024-02-28T23:30:00.250Z');
  });
});

describe("a preference's defaultSpecies names a species of the catalog", () => {
  const SAVE = graphql(
    `mutation SaveDefaultSpecies($input: PreferencesInput!, $v: Int!) { updateMyPreferences(input: $input, expectedVersion: $v) { defaultSpecies version } }`,
  );

  it('refuses an unknown species and writes nothing', async () => {
    const member = await newOrganization('Species');
    const result = await gql(SAVE, { input: { defaultSpecies: 'Dragon', pedigreeDepth: 6 }, v: 0 }, member.token);
    expect(result.errors?.map((error) => error.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: 'defaultSpecies' }]);
    expect(result.errors![0].message).toMatch(/Unknown species "Dragon"/);
    const { myPreferences } = await gqlData(graphql(`query SavedPreferences { myPreferences { defaultSpecies pedigreeDepth version } }`), {}, member.token);
    expect(myPreferences).toEqual({ defaultSpecies: null, pedigreeDepth: 4, version: 0 });
  });

  it('accepts a known one by common or scientific name and keeps its common name', async () => {
    const member = await newOrganization('Species');
    const first = await gqlData(SAVE, { input: { defaultSpecies: ' ball PYTHON ' }, v: 0 }, member.token);
    expect(first.updateMyPreferences).toEqual({ defaultSpecies: 'Ball python', version: 1 });
    const second = await gqlData(SAVE, { input: { defaultSpecies: 'Ovis aries' }, v: 1 }, member.token);
    expect(second.updateMyPreferences).toEqual({ defaultSpecies: 'Sheep', version: 2 });
    const cleared = await gqlData(SAVE, { input: { defaultSpecies: null }, v: 2 }, member.token);
    expect(cleared.updateMyPreferences).toEqual({ defaultSpecies: null, version: 3 });
  });
});
