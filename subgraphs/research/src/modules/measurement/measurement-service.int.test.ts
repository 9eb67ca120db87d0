import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnimal, setVisibility, startWithAnimalSubgraph, type ReferencingSubgraphHarness } from '../../../../../tests/support/animal-subgraph-harness.js';
import { aMember, type GraphQLResponse, type SqlSubgraphHarness } from '../../../../../tests/support/sql-subgraph-harness.js';
import { startResearchSubgraph } from '../../server.js';

const RECORD_MEASUREMENT = /* GraphQL */ `
  mutation RecordMeasurement($input: RecordMeasurementInput!) {
    recordMeasurement(input: $input) { id trait value unit measuredAt animal { id } }
  }
`;
const MEASUREMENT = /* GraphQL */ `
  query Measurement($id: ID!) { measurement(id: $id) { id animal { id } } }
`;
// What the gateway asks research for when a query selects an animal's measurements.
const MEASUREMENTS_OF_ANIMAL = /* GraphQL */ `
  query MeasurementsOfAnimal($representations: [_Any!]!) { _entities(representations: $representations) { ... on Animal { measurements { id } } } }
`;

type Member = ReturnType<typeof aMember>;
type AnimalRef = { id: string } | null;
type RecordedMeasurement = { recordMeasurement: { id: string; trait: string; value: number; unit: string; measuredAt: string; animal: AnimalRef } };
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
  trait: 'weight',
  value: 1.25,
  unit: 'kg',
  measuredAt: '2024-01-15T10:00:00Z',
  ...overrides,
});
const errorOf = (response: GraphQLResponse) => ({ code: response.errors?.[0]?.extensions?.code, field: response.errors?.[0]?.extensions?.field });
const recordMeasurement = (input: Record<string, unknown>, member: Member) => research.request<RecordedMeasurement>(RECORD_MEASUREMENT, { input }, member);
const measurementSeenBy = async (id: string, member: Member) => (await research.request<MeasurementById>(MEASUREMENT, { id }, member)).data!.measurement;
const measurementIdsOf = async (animalId: string, member: Member) => {
  const response = await research.request<AnimalEntities>(MEASUREMENTS_OF_ANIMAL, { representations: [{ __typename: 'Animal', id: animalId }] }, member);
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

    const response = await recordMeasurement(weight(animalId, { trait: ' weight ' }), breeder);

    expect(response.errors).toBeUndefined();
    const measurement = response.data!.recordMeasurement;
    expect(measurement).toEqual({ id: expect.any(String), trait: 'weight', value: 1.25, unit: 'kg', measuredAt: '2024-01-15T10:00:00.000Z', animal: { id: animalId } });
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

  it('refuses a trait that is no name on the trait field, and writes nothing', async () => {
    const breeder = aMember();
    const animalId = await createAnimal(harness.animals, breeder, 'PUBLIC');

    const response = await recordMeasurement(weight(animalId, { trait: '1weight' }), breeder);

    expect(errorOf(response)).toEqual({ code: 'BAD_USER_INPUT', field: 'trait' });
    await expectNothingWritten(breeder.organizationId);
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
