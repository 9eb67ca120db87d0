import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnimal, startWithAnimalSubgraph, type ReferencingSubgraphHarness } from '../../../../../tests/support/animal-subgraph-harness.js';
import { errorOf, aMember, type GraphQLResponse, type SqlSubgraphHarness } from '../../../../../tests/support/sql-subgraph-harness.js';
import { startResearchSubgraph } from '../../server.js';

const CREATE_FARM = /* GraphQL */ `
  mutation CreateFarm($input: FarmInput!) { createFarm(input: $input) { id name latitude longitude region country } }
`;
const FARMS_NEAR = /* GraphQL */ `
  query FarmsNear($latitude: Float!, $longitude: Float!, $km: Float!) { farmsNear(latitude: $latitude, longitude: $longitude, km: $km) { km farm { name } } }
`;
const CREATE_GROUP = /* GraphQL */ `
  mutation CreateGroup($input: CreateGroupInput!) { createGroup(input: $input) { id name purpose farm { id } } }
`;
const ASSIGN = /* GraphQL */ `
  mutation Assign($animalId: ID!, $farmId: ID!, $groupId: ID, $from: Date!) {
    assignAnimal(animalId: $animalId, farmId: $farmId, groupId: $groupId, from: $from) { id from to farm { name } group { name } animal { id } }
  }
`;
const HISTORY = /* GraphQL */ `
  query History($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on Animal { farmHistory { from to farm { name } group { name } } currentFarm { farm { name } } } }
  }
`;
const DELETE_FARM = /* GraphQL */ `
  mutation DeleteFarm($id: ID!) { deleteFarm(id: $id) }
`;
const RECORD = /* GraphQL */ `
  mutation Record($input: RecordMeasurementInput!) { recordMeasurement(input: $input) { id group { name } } }
`;
const MONTHLY_MEANS = /* GraphQL */ `
  query MonthlyMeans($farmId: ID!, $trait: String!, $from: DateTime!, $to: DateTime!) {
    farm(id: $farmId) { groups { name monthlyMeans(trait: $trait, from: $from, to: $to) { month mean count unit } } }
  }
`;

type Member = ReturnType<typeof aMember>;
type Farm = { id: string; name: string; latitude: number; longitude: number; region: string | null; country: string | null };

let harness: ReferencingSubgraphHarness;
let research: SqlSubgraphHarness;

beforeAll(async () => {
  harness = await startWithAnimalSubgraph('research', startResearchSubgraph);
  research = harness.subgraph;
});

afterAll(() => harness?.stop());

async function ok<Data>(response: Promise<GraphQLResponse<Data>>): Promise<Data> {
  const answer = await response;
  expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
  return answer.data!;
}
const createFarm = async (member: Member, name: string, latitude: number, longitude: number): Promise<Farm> =>
  (await ok(research.request<{ createFarm: Farm }>(CREATE_FARM, { input: { name, latitude, longitude } }, member))).createFarm;
const farmsNear = async (member: Member, latitude: number, longitude: number, km: number) =>
  (await ok(research.request<{ farmsNear: { km: number; farm: { name: string } }[] }>(FARMS_NEAR, { latitude, longitude, km }, member))).farmsNear;
const createGroup = async (member: Member, farmId: string, name: string) =>
  (await ok(research.request<{ createGroup: { id: string } }>(CREATE_GROUP, { input: { farmId, name } }, member))).createGroup;

/** Great-circle distance by the haversine formula on a sphere of earthdistance's radius (earth(): 6378168 m). */
function haversineKm(from: [number, number], to: [number, number]): number {
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const [φ1, φ2] = [radians(from[0]), radians(to[0])];
  const [dφ, dλ] = [radians(to[0] - from[0]), radians(to[1] - from[1])];
  const h = Math.sin(dφ / 2) ** 2 + Math.cos(φ1) * Math.cos(φ2) * Math.sin(dλ / 2) ** 2;
  return 2 * 6378.168 * Math.asin(Math.sqrt(h));
}

async function expectNothingWritten(tenantId: string) {
  expect(Object.entries(await research.tenantFootprint(tenantId)).filter(([, rows]) => rows > 0)).toEqual([]);
}

const LONDON: [number, number] = [51.5074, -0.1278];
const PLACES: Record<string, [number, number]> = {
  Paris: [48.8566, 2.3522],
  Edinburgh: [55.9533, -3.1883],
  Dunedin: [-45.8788, 170.5028],
  Reading: [51.4543, -0.9781],
};

describe('farmsNear', () => {
  it("returns the caller's farms within the distance, nearest first, with great-circle distances", async () => {
    const [breeder, neighbour] = [aMember(), aMember()];
    for (const [name, [latitude, longitude]] of Object.entries(PLACES)) await createFarm(breeder, name, latitude, longitude);
    await createFarm(neighbour, "Neighbour's Paris farm", ...PLACES.Paris);

    const near = await farmsNear(breeder, ...LONDON, 600);

    expect(near.map((entry) => entry.farm.name)).toEqual(['Reading', 'Paris', 'Edinburgh']);
    for (const entry of near) expect(entry.km).toBeCloseTo(haversineKm(LONDON, PLACES[entry.farm.name]), 6);
    // Reading is 58.9 km away, Paris 343.9 km and Edinburgh 534.3 km on that sphere.
    expect(near.map((entry) => Math.round(entry.km))).toEqual([59, 344, 534]);
    expect((await farmsNear(breeder, ...LONDON, 100)).map((entry) => entry.farm.name)).toEqual(['Reading']);
    const fromDunedin = Object.keys(PLACES).sort((a, b) => haversineKm([-45.9, 170.5], PLACES[a]) - haversineKm([-45.9, 170.5], PLACES[b]));
    expect((await farmsNear(breeder, -45.9, 170.5, 20_000)).map((entry) => entry.farm.name)).toEqual(fromDunedin);
    expect((await farmsNear(neighbour, ...LONDON, 600)).map((entry) => entry.farm.name)).toEqual(["Neighbour's Paris farm"]);
  });

  it('finds the farms of a large organisation (2,000 at distinct points) through the GiST index on their earth points', async () => {
    const breeder = aMember();
    await research.asAdmin(
      `insert into farms (tenant_id, name, latitude, longitude) select $1, 'Farm ' || i, -60 + (i % 120), -170 + (i * 7 % 340) from generate_series(1, 2000) i`,
      [breeder.organizationId],
    );
    await research.asAdmin('analyze farms');
    const [{ 'QUERY PLAN': plan }] = await research.asAdmin(
      `explain (format json) select id from farms where earth_box(studbook_api_earth_point(51.5, -0.1), 50000) @> studbook_api_earth_point(latitude, longitude)
         and earth_distance(studbook_api_earth_point(51.5, -0.1), studbook_api_earth_point(latitude, longitude)) <= 50000`,
    );
    expect(JSON.stringify(plan)).toContain('"Index Name":"farms_location"');
    // Farm 1 stands at (-59, -163).
    const near = await farmsNear(breeder, -59, -163, 300);
    expect(near[0]).toEqual({ km: expect.closeTo(0, 6), farm: { name: 'Farm 1' } });
    for (const entry of near) expect(entry.km).toBeLessThanOrEqual(300);
  });

  it.each([
    ['a latitude over 90', { latitude: 90.5 }, 'latitude'],
    ['a longitude under -180', { longitude: -180.5 }, 'longitude'],
    ['no distance', { km: 0 }, 'km'],
    ['a distance past the antipode', { km: 25_000 }, 'km'],
  ])('refuses %s on its field', async (_, overrides, field) => {
    const response = await research.request(FARMS_NEAR, { latitude: 0, longitude: 0, km: 10, ...overrides }, aMember());
    expect(errorOf(response)).toEqual({ code: 'BAD_USER_INPUT', field });
  });
});

describe('createFarm', () => {
  it('trims names, uppercases the country and keeps the region', async () => {
    const breeder = aMember();
    const response = await ok(
      research.request<{ createFarm: Farm }>(
        CREATE_FARM,
        { input: { name: ' Ridge Farm ', latitude: -45.5, longitude: 169.9, region: 'Otago', country: 'nz' } },
        breeder,
      ),
    );
    expect(response.createFarm).toEqual({ id: expect.any(String), name: 'Ridge Farm', latitude: -45.5, longitude: 169.9, region: 'Otago', country: 'NZ' });
    expect(await research.asAdmin('select event_type from outbox where aggregate_id = $1', [response.createFarm.id])).toEqual([{ event_type: 'farm.created' }]);
  });

  it.each([
    ['an empty name', { name: ' ' }, 'name'],
    ['a latitude under -90', { latitude: -91 }, 'latitude'],
    ['a longitude over 180', { longitude: 181 }, 'longitude'],
    ['a country of three letters', { country: 'NZL' }, 'country'],
  ])('refuses %s on its field, and writes nothing', async (_, overrides, field) => {
    const breeder = aMember();
    const response = await research.request(CREATE_FARM, { input: { name: 'Farm', latitude: 0, longitude: 0, ...overrides } }, breeder);
    expect(errorOf(response)).toEqual({ code: 'BAD_USER_INPUT', field });
    await expectNothingWritten(breeder.organizationId);
  });

  it('lets a viewer create nothing', async () => {
    const viewer = aMember('VIEWER');
    const response = await research.request(CREATE_FARM, { input: { name: 'Farm', latitude: 0, longitude: 0 } }, viewer);
    expect(errorOf(response).code).toBe('FORBIDDEN');
    await expectNothingWritten(viewer.organizationId);
  });
});

describe('updateFarm, updateGroup and the deletes', () => {
  const UPDATE_FARM = /* GraphQL */ `
    mutation UpdateFarm($id: ID!, $input: FarmInput!) { updateFarm(id: $id, input: $input) { name latitude longitude region country groups { name purpose } } }
  `;
  const UPDATE_GROUP = /* GraphQL */ `
    mutation UpdateGroup($id: ID!, $input: UpdateGroupInput!) { updateGroup(id: $id, input: $input) { name purpose } }
  `;
  const DELETE_GROUP = /* GraphQL */ `
    mutation DeleteGroup($id: ID!) { deleteGroup(id: $id) }
  `;
  const FARM = /* GraphQL */ `
    query Farm($id: ID!) { farm(id: $id) { name } }
  `;

  it('replace what they name, with their events, and delete what no record names', async () => {
    const breeder = aMember();
    const farm = await createFarm(breeder, 'Old name', 1, 2);
    const group = await createGroup(breeder, farm.id, 'Rams');
    await ok(research.request(UPDATE_GROUP, { id: group.id, input: { name: 'Stud rams', purpose: 'Mating 2025' } }, breeder));
    const updated = await ok(
      research.request(UPDATE_FARM, { id: farm.id, input: { name: 'New name', latitude: 3, longitude: 4, region: 'Canterbury', country: 'nz' } }, breeder),
    );
    expect(updated).toEqual({
      updateFarm: { name: 'New name', latitude: 3, longitude: 4, region: 'Canterbury', country: 'NZ', groups: [{ name: 'Stud rams', purpose: 'Mating 2025' }] },
    });

    expect(await ok(research.request(DELETE_GROUP, { id: group.id }, breeder))).toEqual({ deleteGroup: group.id });
    expect(await ok(research.request(DELETE_FARM, { id: farm.id }, breeder))).toEqual({ deleteFarm: farm.id });
    expect(await ok(research.request(FARM, { id: farm.id }, breeder))).toEqual({ farm: null });
    const events = await research.asAdmin<{ event_type: string }>('select event_type from outbox where tenant_id = $1 order by id', [breeder.organizationId]);
    expect(events.map((event) => event.event_type)).toEqual([
      'farm.created',
      'farmGroup.created',
      'farmGroup.updated',
      'farm.updated',
      'farmGroup.deleted',
      'farm.deleted',
    ]);
  });

  it("refuse another organisation's farm or group as not found, and a group with measurements as a conflict, changing nothing", async () => {
    const [breeder, stranger] = [aMember(), aMember()];
    const farm = await createFarm(breeder, 'Mine', 1, 2);
    const group = await createGroup(breeder, farm.id, 'Weighed');
    const animalId = await createAnimal(harness.animals, breeder, 'PRIVATE');
    await ok(
      research.request(RECORD, { input: { animalId, trait: 'body_weight', value: 1, unit: 'kg', measuredAt: '2024-01-01T00:00:00Z', groupId: group.id } }, breeder),
    );
    const footprint = await research.tenantFootprint(breeder.organizationId);

    expect(errorOf(await research.request(UPDATE_FARM, { id: farm.id, input: { name: 'Taken', latitude: 0, longitude: 0 } }, stranger))).toEqual({
      code: 'NOT_FOUND',
      field: 'id',
    });
    expect(errorOf(await research.request(DELETE_FARM, { id: farm.id }, stranger))).toEqual({ code: 'NOT_FOUND', field: 'id' });
    expect(errorOf(await research.request(UPDATE_GROUP, { id: group.id, input: { name: 'Taken' } }, stranger))).toEqual({ code: 'NOT_FOUND', field: 'id' });
    expect(errorOf(await research.request(CREATE_GROUP, { input: { farmId: farm.id, name: 'Mine now' } }, stranger))).toEqual({ code: 'NOT_FOUND', field: 'farmId' });
    expect(errorOf(await research.request(DELETE_GROUP, { id: group.id }, breeder))).toEqual({ code: 'CONFLICT', field: 'id' });
    expect(await research.tenantFootprint(breeder.organizationId)).toEqual(footprint);
    expect(Object.values(await research.tenantFootprint(stranger.organizationId)).every((rows) => rows === 0)).toBe(true);
  });
});

describe('assignAnimal', () => {
  it('keeps the history, each assignment ending where the next starts, and says where the animal is now', async () => {
    const breeder = aMember();
    const animalId = await createAnimal(harness.animals, breeder, 'PRIVATE');
    const [home, away] = [await createFarm(breeder, 'Home', ...PLACES.Reading), await createFarm(breeder, 'Away', ...PLACES.Edinburgh)];
    const rack = await createGroup(breeder, home.id, 'Rack A');
    const assign = (farmId: string, from: string, groupId: string | null = null) =>
      ok(research.request<{ assignAnimal: Record<string, unknown> }>(ASSIGN, { animalId, farmId, groupId, from }, breeder));

    expect((await assign(home.id, '2023-01-01', rack.id)).assignAnimal).toEqual({
      id: expect.any(String),
      from: '2023-01-01',
      to: null,
      farm: { name: 'Home' },
      group: { name: 'Rack A' },
      animal: { id: animalId },
    });
    await assign(away.id, '2024-06-01');
    await assign(home.id, '2025-02-01');

    const [entity] = (
      await ok(research.request<{ _entities: Record<string, unknown>[] }>(HISTORY, { representations: [{ __typename: 'Animal', id: animalId }] }, breeder))
    )._entities;
    expect(entity).toEqual({
      farmHistory: [
        { from: '2025-02-01', to: null, farm: { name: 'Home' }, group: null },
        { from: '2024-06-01', to: '2025-02-01', farm: { name: 'Away' }, group: null },
        { from: '2023-01-01', to: '2024-06-01', farm: { name: 'Home' }, group: { name: 'Rack A' } },
      ],
      currentFarm: { farm: { name: 'Home' } },
    });
    expect(errorOf(await research.request(DELETE_FARM, { id: away.id }, breeder))).toEqual({ code: 'CONFLICT', field: 'id' });
  });

  it("refuses another organisation's farm, a group of another farm, a day in the future and an animal the caller cannot see, writing nothing", async () => {
    const [breeder, stranger] = [aMember(), aMember()];
    const animalId = await createAnimal(harness.animals, breeder, 'PRIVATE');
    const strangersAnimal = await createAnimal(harness.animals, stranger, 'PRIVATE');
    const strangersFarm = await createFarm(stranger, 'Theirs', 0, 0);
    const [farm, other] = [await createFarm(breeder, 'Mine', 1, 1), await createFarm(breeder, 'Also mine', 2, 2)];
    const otherGroup = await createGroup(breeder, other.id, 'Elsewhere');
    const footprint = await research.tenantFootprint(breeder.organizationId);
    const attempt = (variables: Record<string, unknown>) => research.request(ASSIGN, { animalId, farmId: farm.id, from: '2024-01-01', ...variables }, breeder);

    expect(errorOf(await attempt({ farmId: strangersFarm.id }))).toEqual({ code: 'NOT_FOUND', field: 'farmId' });
    expect(errorOf(await attempt({ groupId: otherGroup.id }))).toEqual({ code: 'BAD_USER_INPUT', field: 'groupId' });
    expect(errorOf(await attempt({ from: '2999-01-01' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'from' });
    expect(errorOf(await attempt({ animalId: strangersAnimal }))).toEqual({ code: 'NOT_FOUND', field: 'animalId' });
    expect(await research.tenantFootprint(breeder.organizationId)).toEqual(footprint);
  });
});

describe('Group.monthlyMeans', () => {
  it("gives the mean and count of a group's measurements per month in the canonical unit, within the window", async () => {
    const breeder = aMember();
    const farm = await createFarm(breeder, 'Scales', 10, 10);
    const group = await createGroup(breeder, farm.id, 'Yearlings');
    const animalId = await createAnimal(harness.animals, breeder, 'PRIVATE');
    const record = (value: number, unit: string, measuredAt: string, groupId: string | null = group.id) =>
      ok(research.request(RECORD, { input: { animalId, trait: 'body_weight', value, unit, measuredAt, groupId } }, breeder));
    await record(1.2, 'kg', '2024-01-05T00:00:00Z');
    await record(1400, 'g', '2024-01-25T00:00:00Z');
    await record(1.5, 'kg', '2024-03-31T23:59:59Z');
    await record(5, 'kg', '2024-03-15T00:00:00Z', null);
    await record(2, 'kg', '2024-04-01T00:00:00Z');

    const data = await ok(
      research.request<{ farm: { groups: { monthlyMeans: unknown[] }[] } }>(
        MONTHLY_MEANS,
        { farmId: farm.id, trait: 'body_weight', from: '2024-01-01T00:00:00Z', to: '2024-04-01T00:00:00Z' },
        breeder,
      ),
    );
    expect(data.farm.groups[0].monthlyMeans).toEqual([
      { month: '2024-01', mean: expect.closeTo(1.3, 9), count: 2, unit: 'kg' },
      { month: '2024-03', mean: 1.5, count: 1, unit: 'kg' },
    ]);
  });
});
