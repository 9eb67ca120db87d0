import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnimal, setVisibility, startWithAnimalSubgraph, type ReferencingSubgraphHarness } from '../../../../../tests/support/animal-subgraph-harness.js';
import { errorOf, aMember, type SqlSubgraphHarness } from '../../../../../tests/support/sql-subgraph-harness.js';
import { startResearchSubgraph } from '../../server.js';

const RECORD_MEASUREMENT = /* GraphQL */ `
  mutation RecordMeasurement($input: RecordMeasurementInput!) {
    recordMeasurement(input: $input) { id trait value unit enteredValue enteredUnit legacy measuredAt animal { id } }
  }
`;
const MEASUREMENT = /* GraphQL */ `
  query Measurement($id: ID!) { measurement(id: $id) { id animal { id } } }
`;
// What the gateway asks research for when a query selects an animal's measurements.
const MEASUREMENTS_OF_ANIMAL = /* GraphQL */ `
  query MeasurementsOfAnimal($representations: [_Any!]!, $trait: String, $from: DateTime, $to: DateTime) {
    _entities(representations: $representations) { ... on Animal { measurements(trait: $trait, from: $from, to: $to) { id } } }
  }
`;

type Member = ReturnType<typeof aMember>;
type AnimalRef = { id: string } | null;
type RecordedMeasurement = {
  recordMeasurement: {
    id: string;
    trait: string;
    value: number;
    unit: string;
    enteredValue: number;
    enteredUnit: string;
    legacy: boolean;
    measuredAt: string;
    animal: AnimalRef;
  };
};
type MeasurementById = { measurement: { id: string; animal: AnimalRef } | null };
type AnimalEntities = { _entities: { measurements: { id: string }[] }[] };

let harness: ReferencingSubgraphHarness;
let research: SqlSubgraphHarness;

beforeAll(async () => {
  harness = await startWithAnimalSubgraph('research', startResearchSubgraph);
  research = harness.subgraph;
});

afterAll(() => harness?.stop());

const weight = (animalId: string, overrides: Record<string, unknown> = {}) => ({
  animalId,
  trait: 'body_weight',
  value: 1.25,
  unit: 'kg',
  measuredAt: '2024-01-15T10:00:00Z',
  ...overrides,
});
const recordMeasurement = (input: Record<string, unknown>, member: Member) => research.request<RecordedMeasurement>(RECORD_MEASUREMENT, { input }, member);
const measurementSeenBy = async (id: string, member: Member) => (await research.request<MeasurementById>(MEASUREMENT, { id }, member)).data!.measurement;
const measurementIdsOf = async (animalId: string, member: Member, filter: Record<string, unknown> = {}) => {
  const response = await research.request<AnimalEntities>(MEASUREMENTS_OF_ANIMAL, { representations: [{ __typename: 'Animal', id: animalId }], ...filter }, member);
  expect(response.errors).toBeUndefined();
  return response.data!._entities[0].measurements.map((measurement) => measurement.id);
};

async function expectNothingWritten(tenantId: string) {
  const footprint = await research.tenantFootprint(tenantId);
  expect(footprint).toHaveProperty('measurements', 0);
  expect(Object.entries(footprint).filter(([, rows]) => rows > 0)).toEqual([]);
}

describe('recordMeasurement', () => {
  it('records a measurement of your own animal, with its measurement.recorded event', async () => {
    const breeder = aMember();
    const animalId = await createAnimal(harness.animals, breeder, 'PRIVATE');

    const response = await recordMeasurement(weight(animalId, { trait: ' body_weight ' }), breeder);

    expect(response.errors).toBeUndefined();
    const measurement = response.data!.recordMeasurement;
    expect(measurement).toEqual({
      id: expect.any(String),
      trait: 'body_weight',
      value: 1.25,
      unit: 'kg',
      enteredValue: 1.25,
      enteredUnit: 'kg',
      legacy: false,
      measuredAt: '2024-01-15T10:00:00.000Z',
      animal: { id: animalId },
    });
    expect(await measurementIdsOf(animalId, breeder)).toEqual([measurement.id]);
    expect(await research.asAdmin('select event_type from outbox where aggregate_id = $1', [measurement.id])).toEqual([{ event_type: 'measurement.recorded' }]);
  });

  it("refuses another organisation's private animal as not found, and writes nothing", async () => {
    const [owner, stranger] = [aMember(), aMember()];
    const animalId = await createAnimal(harness.animals, owner, 'PRIVATE');

    const response = await recordMeasurement(weight(animalId), stranger);

    expect(response.data).toBeNull();
    expect(errorOf(response)).toEqual({ code: 'NOT_FOUND', field: 'animalId' });
    await expectNothingWritten(stranger.organizationId);
  });

  it('stores the value in the canonical unit and keeps it as entered', async () => {
    const breeder = aMember();
    const animalId = await createAnimal(harness.animals, breeder, 'PRIVATE');

    const response = await recordMeasurement(weight(animalId, { value: 1520.5, unit: 'G' }), breeder);

    expect(response.errors).toBeUndefined();
    expect(response.data!.recordMeasurement).toMatchObject({ trait: 'body_weight', value: 1.5205, unit: 'kg', enteredValue: 1520.5, enteredUnit: 'g' });
    const [stored] = await research.asAdmin('select value, unit, entered_value, entered_unit from measurements where animal_id = $1', [animalId]);
    expect(stored).toEqual({ value: 1.5205, unit: 'kg', entered_value: 1520.5, entered_unit: 'g' });
  });

  it.each([
    ['a trait that is no catalog id', { trait: '1weight' }, 'trait', 'Unknown trait "1weight"'],
    ['free text of before the catalog', { trait: 'weight' }, 'trait', 'Unknown trait "weight"'],
    ["a trait the animal's species does not have", { trait: 'greasy_fleece_weight' }, 'trait', 'Greasy fleece weight is not a trait of the species ball-python'],
    ['a unit of another dimension', { unit: 'cm' }, 'unit', 'Body weight is not measured in "cm"; use kg, g, lb, oz'],
    ['an unknown unit', { unit: 'stone' }, 'unit', 'Body weight is not measured in "stone"'],
    ['a value above the range', { value: 7.5 }, 'value', 'Body weight of a ball-python must be between 0.005 and 7 kg; 7.5 kg is outside that range'],
    ['grams entered as kilograms', { value: 1450 }, 'value', 'between 0.005 and 7 kg'],
    ['a value below the range in grams', { value: 2, unit: 'g' }, 'value', 'between 0.005 and 7 kg (5 to 7000 g); 2 g is outside that range'],
    ['a date in the future', { measuredAt: '2999-01-01T00:00:00Z' }, 'measuredAt', 'measuredAt cannot be in the future'],
    ["a group that is not the caller's", { groupId: '00000000-0000-4000-8000-000000000000' }, 'groupId', 'Group not found'],
  ])('refuses %s on its field, and writes nothing', async (_, overrides, field, message) => {
    const breeder = aMember();
    const animalId = await createAnimal(harness.animals, breeder, 'PUBLIC');

    const response = await recordMeasurement(weight(animalId, overrides), breeder);

    expect(response.data).toBeNull();
    expect(errorOf(response)).toEqual({ code: field === 'groupId' ? 'NOT_FOUND' : 'BAD_USER_INPUT', field });
    expect(response.errors![0].message).toContain(message);
    await expectNothingWritten(breeder.organizationId);
  });
});

describe('Animal.measurements', () => {
  it('lists one trait within a window, oldest first, reading only the partitions of those years', async () => {
    const breeder = aMember();
    const animalId = await createAnimal(harness.animals, breeder, 'PRIVATE');
    const record = async (overrides: Record<string, unknown>) => (await recordMeasurement(weight(animalId, overrides), breeder)).data!.recordMeasurement.id;
    const early = await record({ measuredAt: '2023-06-01T00:00:00Z' });
    const inWindow = await record({ measuredAt: '2024-03-01T00:00:00Z' });
    const length = await record({ trait: 'total_length', value: 95, unit: 'cm', measuredAt: '2024-04-01T00:00:00Z' });
    const atEnd = await record({ measuredAt: '2025-01-01T00:00:00Z' });

    expect(await measurementIdsOf(animalId, breeder)).toEqual([early, inWindow, length, atEnd]);
    expect(await measurementIdsOf(animalId, breeder, { trait: 'body_weight' })).toEqual([early, inWindow, atEnd]);
    expect(await measurementIdsOf(animalId, breeder, { trait: 'body_weight', from: '2024-01-01T00:00:00Z', to: '2025-01-01T00:00:00Z' })).toEqual([inWindow]);
    expect(await measurementIdsOf(animalId, breeder, { from: '2024-01-01T00:00:00Z' })).toEqual([inWindow, length, atEnd]);

    const [{ 'QUERY PLAN': plan }] = await research.asAdmin(
      `explain (format json) select * from measurements where animal_id = $1 and trait = 'body_weight' and measured_at >= '2024-01-01T00:00:00Z' and measured_at < '2025-01-01T00:00:00Z'`,
      [animalId],
    );
    expect([...JSON.stringify(plan).matchAll(/"Relation Name":"(\w+)"/g)].map((match) => match[1])).toEqual(['measurements_y2024']);
  });

  it('refuses a trait the catalog does not know and a window that ends before it starts', async () => {
    const breeder = aMember();
    const animalId = await createAnimal(harness.animals, breeder, 'PRIVATE');
    const ask = (variables: Record<string, unknown>) =>
      research.request(MEASUREMENTS_OF_ANIMAL, { representations: [{ __typename: 'Animal', id: animalId }], ...variables }, breeder);

    expect(errorOf(await ask({ trait: 'weight' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'trait' });
    expect(errorOf(await ask({ from: '2024-02-01T00:00:00Z', to: '2024-01-01T00:00:00Z' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'to' });
  });
});

describe("measurements of another organisation's public animal", () => {
  it("stay the recording organisation's, and keep existing once the owner hides the animal", async () => {
    const [owner, researcher] = [aMember(), aMember()];
    const animalId = await createAnimal(harness.animals, owner, 'PUBLIC');
    const { id } = (await recordMeasurement(weight(animalId), researcher)).data!.recordMeasurement;

    expect(await measurementIdsOf(animalId, researcher)).toEqual([id]);
    expect(await measurementIdsOf(animalId, owner)).toEqual([]);
    expect(await measurementSeenBy(id, owner)).toBeNull();

    await setVisibility(harness.animals, owner, animalId, 'PRIVATE');

    expect(await measurementSeenBy(id, researcher)).toEqual({ id, animal: null });
  });
});
