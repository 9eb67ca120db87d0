import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { gql, newOrganization, type Member } from '../support/gateway-client.js';
import { asAdmin, tenantFootprint } from '../support/postgres.js';
import { animal, inbreedingOf, pedigreeOf, positions, SET_PARENTS, setParents, year } from './lineage-fixtures.js';
import { graphql } from '../__generated__/index.js';

let breeder: Member;
let rival: Member;
let redis: Redis | null = null;
const redisUrl = inject('redisUrl');
const treeKey = (root: string) => `studbook:${new URL(inject('serviceDatabaseUrls').animal).pathname.slice(1)}:pedigree:tree:${root}`;

beforeAll(async () => {
  [breeder, rival] = await Promise.all([newOrganization('Parents'), newOrganization('Parents Rival')]);
  if (redisUrl) redis = new Redis(redisUrl);
});

afterAll(() => redis?.disconnect());

/** setParents must be refused with this code and field, writing nothing in either organisation and evicting no cached pedigree. */
async function expectRefused(animalId: string, sireId: string | null, damId: string | null, code: string, field?: string) {
  await pedigreeOf(breeder, animalId, 3); // cached now
  if (redis) expect(await redis.exists(treeKey(animalId))).toBe(1);
  const before = await Promise.all([breeder, rival].map((m) => tenantFootprint('animal', m.organizationId)));
  const result = await gql(SET_PARENTS, { animalId, sireId, damId }, breeder.token);
  expect(result.data ?? null).toBeNull();
  expect(result.errors?.[0].extensions?.code, JSON.stringify(result.errors)).toBe(code);
  if (field) expect(result.errors?.[0].extensions?.field).toBe(field);
  expect(await Promise.all([breeder, rival].map((m) => tenantFootprint('animal', m.organizationId)))).toEqual(before);
  if (redis) expect(await redis.exists(treeKey(animalId))).toBe(1);
}

describe('setParents', () => {
  let sire: string;
  let dam: string;
  let child: string;

  beforeAll(async () => {
    sire = await animal(breeder, 'Sire', { sex: 'MALE', hatchDate: year(10) });
    dam = await animal(breeder, 'Dam', { sex: 'FEMALE', hatchDate: year(10) });
    child = await animal(breeder, 'Child', { sex: 'MALE', hatchDate: year(12) });
  });

  it('records both parents, returns the animal with its new F, and clears them with null', async () => {
    const set = await setParents(breeder, child, sire, dam);
    expect(set.data?.setParents).toEqual({ id: child, sire: { id: sire }, dam: { id: dam }, inbreedingCoefficient: 0 });
    expect(positions(await pedigreeOf(breeder, child, 1))).toEqual({ S: sire, D: dam });
    if (redis) expect(await redis.exists(treeKey(child))).toBe(1);
    const cleared = await setParents(breeder, child, null, null);
    expect(cleared.data?.setParents).toMatchObject({ sire: null, dam: null });
    if (redis) expect(await redis.exists(treeKey(child))).toBe(0); // evicted before the mutation returned
    expect(positions(await pedigreeOf(breeder, child, 1))).toEqual({ S: null, D: null });
  });

  it('keeps a parent whose argument is left out and clears one given as an explicit null', async () => {
    const kept = await animal(breeder, 'Kept child', { sex: 'FEMALE', hatchDate: year(12) });
    expect((await setParents(breeder, kept, sire, dam)).errors).toBeUndefined();
    // Only the dam is given: the sire must stay.
    const damOnly = await gql(
      graphql(`mutation SetDamOnly($a: ID!, $d: ID) { setParents(animalId: $a, damId: $d) { sire { id } dam { id } } }`),
      { a: kept, d: dam },
      breeder.token,
    );
    expect(damOnly.data?.setParents).toEqual({ sire: { id: sire }, dam: { id: dam } });
    // A declared but unsent variable is absent too.
    const unsent = await gql(SET_PARENTS, { animalId: kept, damId: dam }, breeder.token);
    expect(unsent.data?.setParents).toMatchObject({ sire: { id: sire }, dam: { id: dam } });
    // An explicit null clears only that parent.
    const cleared = await gql(
      graphql(`mutation ClearSireOnly($a: ID!) { setParents(animalId: $a, sireId: null) { sire { id } dam { id } } }`),
      { a: kept },
      breeder.token,
    );
    expect(cleared.data?.setParents).toEqual({ sire: null, dam: { id: dam } });
    expect(positions(await pedigreeOf(breeder, kept, 1))).toEqual({ S: null, D: dam });
  });

  it('refuses a sire that is not male and a dam that is not female', async () => {
    await expectRefused(child, dam, null, 'BAD_USER_INPUT', 'sireId');
    await expectRefused(child, null, sire, 'BAD_USER_INPUT', 'damId');
  });

  it('refuses a parent hatched on or after its offspring', async () => {
    const young = await animal(breeder, 'Young sire', { sex: 'MALE', hatchDate: year(12) });
    await expectRefused(child, young, null, 'BAD_USER_INPUT', 'sireId');
  });

  it('refuses a parent of another species', async () => {
    const gecko = await animal(breeder, 'Gecko', { sex: 'MALE', hatchDate: year(1), species: 'Leopard gecko' });
    await expectRefused(child, gecko, null, 'BAD_USER_INPUT', 'sireId');
  });

  it('refuses a loop: an animal cannot become its own ancestor', async () => {
    const grandchild = await animal(breeder, 'Grandchild', { sex: 'MALE', hatchDate: year(14) });
    expect((await setParents(breeder, grandchild, child, null)).errors).toBeUndefined();
    // child is older, so give it no hatch date check: the loop rule must still refuse.
    const undated = await animal(breeder, 'Undated', { sex: 'MALE' });
    expect((await setParents(breeder, undated, grandchild, null)).errors).toBeUndefined();
    await expectRefused(child, undated, null, 'BAD_USER_INPUT', 'sireId');
  });

  it('refuses a loop through a line of more than a thousand generations (each descendant walked once, no depth cap)', async () => {
    const founder = await animal(breeder, 'Line founder', { sex: 'MALE' });
    // Written past the API for speed: 1,100 generations of sons below the founder.
    const [{ last }] = await asAdmin(
      'animal',
      `with recursive line(n, id, parent) as (
         select 1, gen_random_uuid(), $1::uuid
         union all select n + 1, gen_random_uuid(), id from line where n < 1100
       ), inserted as (
         insert into animals (id, tenant_id, name, species_id, sex, sire_id)
         select l.id, f.tenant_id, 'Line son ' || l.n, f.species_id, 'MALE', l.parent from line l, animals f where f.id = $1
         returning id, name
       )
       select id as last from inserted where name = 'Line son 1100'`,
      [founder],
    );
    const result = await setParents(breeder, founder, last, null);
    expect(result.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'sireId' });
    expect(result.errors?.[0].message).toBe('An animal cannot be its own ancestor');
  });

  it("refuses a parent the caller cannot see (NOT_FOUND) and changing another organisation's animal (FORBIDDEN)", async () => {
    const hidden = await animal(rival, 'Hidden sire', { sex: 'MALE', hatchDate: year(1) });
    await expectRefused(child, hidden, null, 'NOT_FOUND', 'sireId');
    const theirs = await animal(rival, 'Public foreign', { sex: 'MALE', hatchDate: year(15), visibility: 'PUBLIC' });
    const result = await gql(SET_PARENTS, { animalId: theirs, sireId: sire, damId: null }, breeder.token);
    expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const malformed = await gql(SET_PARENTS, { animalId: child, sireId: 'not-a-uuid', damId: null }, breeder.token);
    expect(malformed.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'sireId' });
  });

  it("updates F of another organisation's private descendants in the same transaction", async () => {
    // Breeder's public half-siblings; the rival breeds them together privately, then the breeder links their sires.
    const s1 = await animal(breeder, 'Line sire 1', { sex: 'MALE', hatchDate: year(1), visibility: 'PUBLIC' });
    const s2 = await animal(breeder, 'Line sire 2', { sex: 'MALE', hatchDate: year(1), visibility: 'PUBLIC' });
    const d1 = await animal(breeder, 'Line dam 1', { sex: 'FEMALE', hatchDate: year(1), visibility: 'PUBLIC' });
    const son = await animal(breeder, 'Line son', { sex: 'MALE', hatchDate: year(3), sireId: s1, damId: d1, visibility: 'PUBLIC' });
    const daughter = await animal(breeder, 'Line daughter', { sex: 'FEMALE', hatchDate: year(3), sireId: s2, damId: d1, visibility: 'PUBLIC' });
    const foal = await animal(rival, 'Rival foal', { sex: 'FEMALE', hatchDate: year(5), sireId: son, damId: daughter });
    expect(await inbreedingOf(rival, [foal])).toEqual([0.125]); // half-sibs through the dam
    // Now the daughter's sire is recorded as s1 too: son and daughter become full siblings.
    expect((await setParents(breeder, daughter, s1, d1)).errors).toBeUndefined();
    expect(await inbreedingOf(rival, [foal])).toEqual([0.25]);
    const [stored] = await asAdmin('animal', 'select inbreeding, tenant_id from lineage_metrics where id = $1', [foal]);
    expect(stored).toEqual({ inbreeding: 0.25, tenant_id: rival.organizationId });
  });
});
