import { beforeAll, describe, expect, it } from 'vitest';
import { createAnimal, gql, gqlData, newOrganization, type Member } from '../support/gateway-client.js';
import { asAdmin, asServiceRole } from '../support/postgres.js';
import { daysAgo, newPair, record, START, type EventInput, type Pair } from './breeding-client.js';
import { graphql } from '../__generated__/index.js';

const STATS = graphql(
  `query StatsStats($species: String!) { breedingStats(species: $species) { sireMorph damMorph sessions clutches eggs meanHatchRate meanOffspringInbreeding } }`,
);

const stats = async (member: Member, species = 'Ball python') => (await gqlData(STATS, { species }, member.token)).breedingStats;

/** Fixture: a recorded genotype, as the morph calculator stores it (one row per animal, by its owner). */
async function setGenotype(member: Member, animalId: string, notation: string) {
  await asAdmin('animal', `insert into animal_genotypes (animal_id, tenant_id, notation, genes) values ($1, $2, $3, '[]')`, [animalId, member.organizationId, notation]);
}

async function session(member: Member, pair: Pair, events: EventInput[]): Promise<string> {
  const { startBreedingSession } = await gqlData(START, { input: { ...pair, startedAt: daysAgo(365) } }, member.token);
  for (const [i, event] of events.entries()) await record(member, startBreedingSession.id, { occurredAt: daysAgo(60 - i * 10), ...event });
  return startBreedingSession.id;
}

let breeder: Member;
let neighbour: Member;
const sessionIds: string[] = [];

beforeAll(async () => {
  [breeder, neighbour] = await Promise.all([newOrganization('Stats'), newOrganization('Stats neighbour')]);
  const morphPair = await newPair(breeder, 'Morph');
  await setGenotype(breeder, morphPair.sireId, 'Pastel');
  await setGenotype(breeder, morphPair.damId, 'Het Clown');
  // The same pairing twice: 3 of 6 eggs hatched, then 6 of 8.
  sessionIds.push(await session(breeder, morphPair, [{ type: 'EGGS_LAID', eggCount: 6 }, { type: 'HATCHED', hatchedCount: 3 }, { type: 'ENDED' }]));
  sessionIds.push(
    await session(breeder, morphPair, [
      { type: 'EGGS_LAID', eggCount: 8 },
      { type: 'CANDLED', fertileCount: 8 },
      { type: 'HATCHED', hatchedCount: 6 },
    ]),
  );
  // A pairing without genotypes and without eggs yet.
  await session(breeder, await newPair(breeder, 'Plain'), [{ type: 'INTRODUCED' }]);
  // A sheep pairing, which a ball python query must not count.
  await session(breeder, await newPair(breeder, 'Flock', { species: 'Sheep' }), [{ type: 'EGGS_LAID', eggCount: 2 }]);
  // The neighbour's own plain pairing, with a bigger clutch than any of ours.
  await session(neighbour, await newPair(neighbour, 'Next door'), [
    { type: 'EGGS_LAID', eggCount: 12 },
    { type: 'HATCHED', hatchedCount: 12 },
  ]);
});

describe('breedingStats', () => {
  it('sums sessions, clutches and eggs per pairing of morphs, with the mean hatch rate of hatched clutches', async () => {
    const lines = await stats(breeder);
    const [stored] = await asAdmin('animal', 'select avg(offspring_inbreeding) as mean from breeding_sessions where id = any($1)', [sessionIds]);
    expect(lines).toEqual([
      {
        sireMorph: 'Pastel',
        damMorph: 'Het Clown',
        sessions: 2,
        clutches: 2,
        eggs: 14,
        meanHatchRate: expect.closeTo((3 / 6 + 6 / 8) / 2, 10),
        meanOffspringInbreeding: stored.mean,
      },
      { sireMorph: 'Normal', damMorph: 'Normal', sessions: 1, clutches: 0, eggs: 0, meanHatchRate: null, meanOffspringInbreeding: expect.any(Number) },
    ]);
  });

  it('counts a species on its own', async () => {
    expect(await stats(breeder, 'Sheep')).toEqual([
      { sireMorph: 'Normal', damMorph: 'Normal', sessions: 1, clutches: 1, eggs: 2, meanHatchRate: null, meanOffspringInbreeding: expect.any(Number) },
    ]);
  });

  it("never shows one organisation another's numbers", async () => {
    expect(await stats(neighbour)).toEqual([
      { sireMorph: 'Normal', damMorph: 'Normal', sessions: 1, clutches: 1, eggs: 12, meanHatchRate: 1, meanOffspringInbreeding: expect.any(Number) },
    ]);
    const outsider = await newOrganization('Stats outsider');
    expect(await stats(outsider)).toEqual([]);
  });

  it('refuses an unknown species', async () => {
    const result = await gql(STATS, { species: 'Unicorn' }, breeder.token);
    expect(result.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'species' });
  });

  it('is not readable by the service role except through the tenant-filtered function', async () => {
    const client = await asServiceRole('animal');
    try {
      await expect(client.query('select * from breeding_stats')).rejects.toThrow(/permission denied/);
      expect((await client.query(`select * from studbook_api_breeding_stats('ball-python')`)).rows).toEqual([]);
      await client.query(`select set_config('app.current_tenant_id', $1, false)`, [neighbour.organizationId]);
      const rows = (await client.query(`select eggs from studbook_api_breeding_stats('ball-python')`)).rows;
      expect(rows).toEqual([{ eggs: 12 }]);
    } finally {
      await client.end();
    }
  });
});

describe("breedingStats of a pairing with another breeder's animal", () => {
  it("labels it with the stud's genotype while the stud is public, and no longer once its owner makes it private", async () => {
    const [visitor, studOwner] = await Promise.all([newOrganization('Stud client'), newOrganization('Stud owner')]);
    const stud = await createAnimal(studOwner, { name: 'Spider stud', sex: 'MALE', visibility: 'PUBLIC', hatchDate: '2017-01-01' });
    await setGenotype(studOwner, stud.id, 'Spider');
    const female = await createAnimal(visitor, { name: 'Visiting female', sex: 'FEMALE', hatchDate: '2019-01-01' });
    await setGenotype(visitor, female.id, 'Pastel');
    const sessionId = await session(visitor, { sireId: stud.id, damId: female.id }, [{ type: 'EGGS_LAID', eggCount: 4 }]);
    expect((await stats(visitor)).map((line) => [line.sireMorph, line.damMorph, line.eggs])).toEqual([['Spider', 'Pastel', 4]]);

    await gqlData(graphql(`mutation StatsUpdateAnimal($id: ID!) { updateAnimal(id: $id, input: { visibility: PRIVATE }) { id } }`), { id: stud.id }, studOwner.token);
    await record(visitor, sessionId, { type: 'HATCHED', hatchedCount: 4 });
    expect((await stats(visitor)).map((line) => [line.sireMorph, line.damMorph, line.eggs])).toEqual([['Normal', 'Pastel', 4]]);
  });
});
