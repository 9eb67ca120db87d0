import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { gql, gqlData, newOrganization, type Member } from '../support/gateway-client.js';
import { asAdmin, tenantFootprint } from '../support/postgres.js';
import { backfillLineageMetrics } from '@studbook/animal/src/modules/lineage/lineage-backfill.js';
import { animal, inbreedingOf, pedigreeOf, positions, year } from './lineage-fixtures.js';
import { graphql } from '../__generated__/index.js';

const UPDATE = graphql(`mutation LineageChangesUpdate($id: ID!, $input: UpdateAnimalInput!) { updateAnimal(id: $id, input: $input) { id inbreedingCoefficient } }`);
const DELETE = graphql(`mutation LineageChangesDelete($id: ID!) { deleteAnimal(id: $id) }`);
const STATS = graphql(`query PopulationStats($species: String!) { populationStats(species: $species) {
  species { commonName } animalCount meanInbreedingCoefficient shareInbreedingAtLeast0625 shareInbreedingAtLeast125 meanPedigreeCompleteness5
} }`);

const redisUrl = inject('redisUrl');
let redis: Redis | null = null;
const treeKey = (root: string) => `studbook:${new URL(inject('serviceDatabaseUrls').animal).pathname.slice(1)}:pedigree:tree:${root}`;
let breeder: Member;

/** The animal database as the migrating superuser sees it. */
function adminAnimalUrl(): string {
  const url = new URL(inject('postgresAdminUrl'));
  url.pathname = new URL(inject('serviceDatabaseUrls').animal).pathname;
  return url.toString();
}

beforeAll(async () => {
  breeder = await newOrganization('Changes');
  if (redisUrl) redis = new Redis(redisUrl);
});
afterAll(() => redis?.disconnect());

describe('lineage changes through updateAnimal and deleteAnimal', () => {
  it('updateAnimal with new parents recomputes F and serves the new pedigree', async () => {
    const s = await animal(breeder, 'S', { sex: 'MALE', hatchDate: year(1) });
    const d1 = await animal(breeder, 'D1', { sex: 'FEMALE', hatchDate: year(1) });
    const son = await animal(breeder, 'Son', { sex: 'MALE', hatchDate: year(3), sireId: s, damId: d1 });
    const daughter = await animal(breeder, 'Daughter', { sex: 'FEMALE', hatchDate: year(3), damId: d1 });
    const foal = await animal(breeder, 'Foal', { sex: 'MALE', hatchDate: year(5), sireId: son, damId: daughter });
    expect(await inbreedingOf(breeder, [foal])).toEqual([0.125]);
    expect(positions(await pedigreeOf(breeder, foal, 2)).DS).toBeNull();
    const result = await gqlData(UPDATE, { id: daughter, input: { sireId: s } }, breeder.token);
    expect(result.updateAnimal.inbreedingCoefficient).toBe(0);
    expect(await inbreedingOf(breeder, [foal])).toEqual([0.25]);
    expect(positions(await pedigreeOf(breeder, foal, 2)).DS).toBe(s);
  });

  it('updateAnimal of a hatch date evicts the cached trees that hold the animal, and leaves F alone', async () => {
    const sire = await animal(breeder, 'Dated sire', { sex: 'MALE', hatchDate: year(1) });
    const foal = await animal(breeder, 'Dated foal', { sex: 'MALE', hatchDate: year(4), sireId: sire });
    await pedigreeOf(breeder, foal, 3);
    if (redis) expect(await redis.exists(treeKey(foal))).toBe(1);
    await gqlData(UPDATE, { id: sire, input: { hatchDate: year(2) } }, breeder.token);
    if (redis) expect(await redis.exists(treeKey(foal))).toBe(0);
    expect(await inbreedingOf(breeder, [foal])).toEqual([0]);
  });

  it('deleteAnimal of a leaf removes its F and its cached tree; a recorded parent cannot be deleted', async () => {
    const sire = await animal(breeder, 'Kept sire', { sex: 'MALE', hatchDate: year(1) });
    const leaf = await animal(breeder, 'Leaf', { sex: 'MALE', hatchDate: year(3), sireId: sire });
    await pedigreeOf(breeder, leaf, 2);
    expect(await asAdmin('animal', 'select id from lineage_metrics where id = $1', [leaf])).toHaveLength(1);

    const before = await tenantFootprint('animal', breeder.organizationId);
    const refused = await gql(DELETE, { id: sire }, breeder.token);
    expect(refused.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await tenantFootprint('animal', breeder.organizationId)).toEqual(before);

    expect((await gqlData(DELETE, { id: leaf }, breeder.token)).deleteAnimal).toBe(leaf);
    expect(await asAdmin('animal', 'select id from lineage_metrics where id = $1', [leaf])).toEqual([]);
    if (redis) expect(await redis.exists(treeKey(leaf))).toBe(0);
  });
});

describe('populationStats', () => {
  it("summarises the caller's own animals of one species", async () => {
    const farm = await newOrganization('Stats');
    const other = await newOrganization('Stats other');
    const s1 = await animal(farm, 'S1', { sex: 'MALE', hatchDate: year(1), visibility: 'PUBLIC' });
    const d1 = await animal(farm, 'D1', { sex: 'FEMALE', hatchDate: year(1) });
    const d2 = await animal(farm, 'D2', { sex: 'FEMALE', hatchDate: year(1) });
    const a = await animal(farm, 'A', { sex: 'MALE', hatchDate: year(3), sireId: s1, damId: d1 });
    const b = await animal(farm, 'B', { sex: 'FEMALE', hatchDate: year(3), sireId: s1, damId: d2 });
    await animal(farm, 'C', { sex: 'MALE', hatchDate: year(5), sireId: a, damId: b }); // F = 1/8 (half sibs)
    await animal(farm, 'Gecko', { sex: 'MALE', species: 'Leopard gecko' });
    await animal(other, 'Not ours', { sex: 'MALE', sireId: s1 });

    const { populationStats } = await gqlData(STATS, { species: 'python regius' }, farm.token);
    // Completeness over 5 generations: founders 0; A and B know generation 1 only (1/5 a side); C knows two generations (2/5).
    expect(populationStats).toEqual({
      species: { commonName: 'Ball python' },
      animalCount: 6,
      meanInbreedingCoefficient: expect.closeTo(0.125 / 6, 12),
      shareInbreedingAtLeast0625: expect.closeTo(1 / 6, 12),
      shareInbreedingAtLeast125: expect.closeTo(1 / 6, 12),
      meanPedigreeCompleteness5: expect.closeTo((0.2 + 0.2 + 0.4) / 6, 12),
    });
    const empty = await gqlData(STATS, { species: 'Sheep' }, farm.token);
    expect(empty.populationStats).toMatchObject({ animalCount: 0, meanInbreedingCoefficient: null, meanPedigreeCompleteness5: null });
    const unknown = await gql(STATS, { species: 'Dragon' }, farm.token);
    expect(unknown.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'species' });
  });
});

describe('animals recorded before lineage metrics existed', () => {
  it('get F computed on read, and stored by the next migrate step (as the owner)', async () => {
    const farm = await newOrganization('Legacy');
    const sire = await animal(farm, 'Legacy sire', { sex: 'MALE', hatchDate: year(1) });
    const dam = await animal(farm, 'Legacy dam', { sex: 'FEMALE', hatchDate: year(2), sireId: sire });
    const foal = await animal(farm, 'Legacy foal', { sex: 'MALE', hatchDate: year(3), sireId: sire, damId: dam }); // father × daughter: F = 1/4
    // As if written before the metrics table: no rows for them.
    await asAdmin('animal', 'delete from lineage_metrics where id = any($1::uuid[])', [[dam, foal]]);
    expect(await inbreedingOf(farm, [foal])).toEqual([0.25]);
    expect(await asAdmin('animal', 'select id from lineage_metrics where id = $1', [foal])).toEqual([]);

    // Not its count: any platform another test file starts on this shared database runs the same step and may fill them first.
    await backfillLineageMetrics(adminAnimalUrl());
    const stored = await asAdmin('animal', 'select id, inbreeding, completeness5 from lineage_metrics where id = any($1::uuid[]) order by inbreeding', [[dam, foal]]);
    expect(stored).toEqual([
      { id: dam, inbreeding: 0, completeness5: 0 }, // one side known: the harmonic index is 0
      { id: foal, inbreeding: 0.25, completeness5: expect.any(Number) },
    ]);
  });
});
