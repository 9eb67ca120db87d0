import { beforeAll, describe, expect, it } from 'vitest';
import { createAnimal, gql, gqlData, newOrganization, type Member } from '../support/gateway-client.js';
import { asAdmin, asServiceRole, tenantFootprint } from '../support/postgres.js';
import { graphql } from '../__generated__/index.js';
import type { CreateAnimalInput, TypedDocumentString, UpdateAnimalInput } from '../__generated__/graphql.js';

const CREATE = graphql(`mutation LineageRulesCreate($input: CreateAnimalInput!) { createAnimal(input: $input) { id sire { id } dam { id } } }`);
const UPDATE = graphql(
  `mutation LineageRulesUpdate($id: ID!, $input: UpdateAnimalInput!) { updateAnimal(id: $id, input: $input) { id name sex hatchDate sire { id } dam { id } } }`,
);
const DELETE = graphql(`mutation LineageRulesDelete($id: ID!) { deleteAnimal(id: $id) }`);

const male = (member: Member, name: string, extra: Partial<CreateAnimalInput> = {}) => createAnimal(member, { name, sex: 'MALE', ...extra });
const female = (member: Member, name: string, extra: Partial<CreateAnimalInput> = {}) => createAnimal(member, { name, sex: 'FEMALE', ...extra });
const update = (member: Member, id: string, input: UpdateAnimalInput) => gql(UPDATE, { id, input }, member.token);

interface Refusal {
  code: string;
  field?: string;
  message?: string | RegExp;
  /** Organisations whose footprint must not change either; the caller's is always checked. */
  alsoUnchanged?: Member[];
}

/** Sends a mutation that must be refused, and checks that the refusal wrote nothing: no row, audit entry or event. */
async function expectRefused<R, V>(member: Member, mutation: TypedDocumentString<R, V>, variables: V, refusal: Refusal) {
  const watched = [member, ...(refusal.alsoUnchanged ?? [])];
  const before = await Promise.all(watched.map((m) => tenantFootprint('animal', m.organizationId)));
  const result = await gql(mutation.toString(), variables as Record<string, unknown>, member.token);
  expect(result.data ?? null, JSON.stringify(result.data)).toBeNull();
  const [error] = result.errors ?? [];
  expect(error?.extensions?.code, JSON.stringify(result.errors)).toBe(refusal.code);
  if (refusal.field) expect(error.extensions?.field).toBe(refusal.field);
  if (typeof refusal.message === 'string') expect(error.message).toBe(refusal.message);
  else if (refusal.message) expect(error.message).toMatch(refusal.message);
  expect(await Promise.all(watched.map((m) => tenantFootprint('animal', m.organizationId)))).toEqual(before);
}

async function parentsOf(id: string): Promise<{ sire_id: string | null; dam_id: string | null }> {
  const [row] = await asAdmin<{ sire_id: string | null; dam_id: string | null }>('animal', 'select sire_id, dam_id from animals where id = $1', [id]);
  return row;
}

let breeder: Member;
let rival: Member;

beforeAll(async () => {
  [breeder, rival] = await Promise.all([newOrganization('Lineage'), newOrganization('Lineage Rival')]);
});

describe("owner-privileged lineage functions answer only about the caller's own animals", () => {
  let ancestor: string;
  let foreignOffspring: string;

  beforeAll(async () => {
    ancestor = (await male(breeder, 'Public ancestor', { visibility: 'PUBLIC', hatchDate: '2016-01-01' })).id;
    // Private to the rival: the walk must still see it, but must not tell the rival about the breeder's animal.
    foreignOffspring = (await male(rival, 'Private offspring', { sireId: ancestor, hatchDate: '2019-01-01' })).id;
  });

  /** Calls a function as the service role, with the given tenant set for the session (or none). */
  async function callAs(tenantId: string | null, text: string, values: unknown[]) {
    const client = await asServiceRole('animal');
    try {
      if (tenantId) await client.query(`select set_config('app.current_tenant_id', $1, false)`, [tenantId]);
      return (await client.query(text, values)).rows[0].answer;
    } finally {
      await client.end();
    }
  }

  const cycle = (tenantId: string | null) => callAs(tenantId, 'select studbook_api_creates_cycle($1, $2) as answer', [ancestor, foreignOffspring]);
  const conflict = (tenantId: string | null) => callAs(tenantId, `select studbook_api_offspring_conflict($1, 'FEMALE', '2030-01-01') as answer`, [ancestor]);

  it("walk every organisation's animals for the owner", async () => {
    expect(await cycle(breeder.organizationId)).toBe(true);
    expect(await conflict(breeder.organizationId)).toBe('sex');
  });

  it('answer false or null with no tenant set', async () => {
    expect(await cycle(null)).toBe(false);
    expect(await conflict(null)).toBeNull();
  });

  it('answer false or null to another organisation, even one whose animal is the descendant', async () => {
    expect(await cycle(rival.organizationId)).toBe(false);
    expect(await conflict(rival.organizationId)).toBeNull();
  });

  it('replace the unguarded studbook_creates_cycle', async () => {
    const [row] = await asAdmin('animal', `select to_regproc('public.studbook_creates_cycle') as fn`);
    expect(row.fn).toBeNull();
  });
});

describe("a parent's sex and hatch date are held by its offspring", () => {
  let sire: string;
  let dam: string;

  beforeAll(async () => {
    sire = (await male(breeder, 'Recorded sire', { hatchDate: '2018-01-01' })).id;
    dam = (await female(breeder, 'Recorded dam', { hatchDate: '2018-01-01' })).id;
    await createAnimal(breeder, { name: 'Their offspring', sireId: sire, damId: dam, hatchDate: '2020-06-01' });
  });

  it.each(['FEMALE', 'UNKNOWN'] as const)('refuses making a sire %s', async (sex) => {
    await expectRefused(
      breeder,
      UPDATE,
      { id: sire, input: { sex } },
      { code: 'BAD_USER_INPUT', field: 'sex', message: 'This animal is recorded as a sire; it must stay male' },
    );
  });

  it('refuses making a dam male', async () => {
    await expectRefused(
      breeder,
      UPDATE,
      { id: dam, input: { sex: 'MALE' } },
      { code: 'BAD_USER_INPUT', field: 'sex', message: 'This animal is recorded as a dam; it must stay female' },
    );
  });

  it.each(['2020-06-01', '2021-01-01'])("refuses moving a parent's hatch date to %s, not before its offspring's", async (hatchDate) => {
    await expectRefused(
      breeder,
      UPDATE,
      { id: sire, input: { hatchDate } },
      { code: 'BAD_USER_INPUT', field: 'hatchDate', message: /Offspring hatched on or before this date/ },
    );
  });

  it('accepts an earlier hatch date, and the sex it already has', async () => {
    const data = await gqlData(UPDATE, { id: sire, input: { hatchDate: '2019-12-31', sex: 'MALE', name: 'Recorded sire II' } }, breeder.token);
    expect(data.updateAnimal).toMatchObject({ hatchDate: '2019-12-31', sex: 'MALE', name: 'Recorded sire II' });
  });

  it('counts offspring kept by other organisations, without naming them', async () => {
    const publicSire = (await male(breeder, 'Stud for hire', { visibility: 'PUBLIC', hatchDate: '2017-01-01' })).id;
    await female(rival, 'Hired-stud offspring', { sireId: publicSire, hatchDate: '2019-01-01' });
    const watch = { alsoUnchanged: [rival] };
    await expectRefused(
      breeder,
      UPDATE,
      { id: publicSire, input: { sex: 'FEMALE' } },
      { code: 'BAD_USER_INPUT', field: 'sex', message: 'This animal is recorded as a sire; it must stay male', ...watch },
    );
    await expectRefused(
      breeder,
      UPDATE,
      { id: publicSire, input: { hatchDate: '2019-01-01' } },
      { code: 'BAD_USER_INPUT', field: 'hatchDate', message: 'Offspring hatched on or before this date', ...watch },
    );
  });

  it("still checks a visible parent kept as it is when the offspring's hatch date moves before it", async () => {
    const offspring = (await createAnimal(breeder, { name: 'Moving hatch', sireId: sire, hatchDate: '2021-01-01' })).id;
    await expectRefused(
      breeder,
      UPDATE,
      { id: offspring, input: { hatchDate: '2019-01-01' } },
      { code: 'BAD_USER_INPUT', field: 'hatchDate', message: /Sire must have hatched before/ },
    );
  });
});

describe('a parent kept as it is does not block an update', () => {
  it('lets an organisation rename and re-date an animal whose public foreign sire was made private', async () => {
    const foreignSire = (await male(breeder, 'Once public', { visibility: 'PUBLIC', hatchDate: '2017-01-01' })).id;
    const offspring = (await female(rival, 'Adopted line', { sireId: foreignSire, hatchDate: '2020-01-01' })).id;
    await gqlData(UPDATE, { id: foreignSire, input: { visibility: 'PRIVATE' } }, breeder.token);

    const renamed = await gqlData(UPDATE, { id: offspring, input: { name: 'Adopted line II' } }, rival.token);
    expect(renamed.updateAnimal).toMatchObject({ name: 'Adopted line II', sire: null });
    const redated = await gqlData(UPDATE, { id: offspring, input: { hatchDate: '2020-02-01' } }, rival.token);
    expect(redated.updateAnimal.hatchDate).toBe('2020-02-01');
    expect(await parentsOf(offspring)).toEqual({ sire_id: foreignSire, dam_id: null });

    // Giving the invisible sire anew is a change of parent, and checked as one.
    await gqlData(UPDATE, { id: offspring, input: { sireId: null } }, rival.token);
    await expectRefused(rival, UPDATE, { id: offspring, input: { sireId: foreignSire } }, { code: 'NOT_FOUND', field: 'sireId', message: 'Sire not found' });
  });
});

describe('parent ids', () => {
  it.each([
    ['an empty sireId', { sireId: '' }, 'sireId'],
    ['a malformed sireId', { sireId: '1; drop table animals' }, 'sireId'],
    ['an empty damId', { damId: '' }, 'damId'],
  ])('refuses %s on create with BAD_USER_INPUT', async (_, ids, field) => {
    await expectRefused(
      breeder,
      CREATE,
      { input: { name: 'Bad parent', species: 'Ball python', sex: 'FEMALE', ...ids } },
      { code: 'BAD_USER_INPUT', field, message: `${field} must be a UUID` },
    );
  });

  it('refuses an empty parent id on update with BAD_USER_INPUT', async () => {
    const animal = (await female(breeder, 'Update me')).id;
    await expectRefused(breeder, UPDATE, { id: animal, input: { sireId: '' } }, { code: 'BAD_USER_INPUT', field: 'sireId', message: 'sireId must be a UUID' });
    await expectRefused(breeder, UPDATE, { id: animal, input: { damId: 'not-a-uuid' } }, { code: 'BAD_USER_INPUT', field: 'damId', message: 'damId must be a UUID' });
  });

  it('treats an explicit null as no parent, and accepts an upper-case id', async () => {
    const sire = (await male(breeder, 'Upper-case sire', { hatchDate: '2018-01-01' })).id;
    const created = await gqlData(CREATE, { input: { name: 'No parents', species: 'Ball python', sex: 'FEMALE', sireId: null, damId: null } }, breeder.token);
    expect(created.createAnimal).toMatchObject({ sire: null, dam: null });
    const withSire = await gqlData(UPDATE, { id: created.createAnimal.id, input: { sireId: sire.toUpperCase() } }, breeder.token);
    expect(withSire.updateAnimal.sire).toEqual({ id: sire });
    const cleared = await gqlData(UPDATE, { id: created.createAnimal.id, input: { sireId: null } }, breeder.token);
    expect(cleared.updateAnimal.sire).toBeNull();
  });
});

describe('cycles', () => {
  it('refuses making an animal its own ancestor', async () => {
    const grand = (await male(breeder, 'Grand')).id;
    const parent = (await male(breeder, 'Parent', { sireId: grand })).id;
    const child = (await male(breeder, 'Child', { sireId: parent })).id;
    await expectRefused(
      breeder,
      UPDATE,
      { id: grand, input: { sireId: child } },
      { code: 'BAD_USER_INPUT', field: 'sireId', message: 'An animal cannot be its own ancestor' },
    );
  });

  it('lets exactly one of two concurrent updates that together close a loop succeed', async () => {
    for (let round = 0; round < 5; round++) {
      const [a, b] = await Promise.all([male(breeder, `Racer A${round}`), male(breeder, `Racer B${round}`)]);
      const results = await Promise.all([update(breeder, a.id, { sireId: b.id }), update(breeder, b.id, { sireId: a.id })]);
      const succeeded = results.filter((result) => !result.errors);
      const refused = results.filter((result) => result.errors);
      expect(succeeded, JSON.stringify(results)).toHaveLength(1);
      expect(refused[0].errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(refused[0].errors?.[0].message).toBe('An animal cannot be its own ancestor');

      const [parentsOfA, parentsOfB] = await Promise.all([parentsOf(a.id), parentsOf(b.id)]);
      expect([parentsOfA.sire_id, parentsOfB.sire_id].filter(Boolean)).toHaveLength(1);
      const [{ loops }] = await asAdmin('animal', 'select count(*)::int as loops from animals x join animals y on x.sire_id = y.id and y.sire_id = x.id');
      expect(loops).toBe(0);
    }
  });
});

describe('deleting a recorded parent', () => {
  it('is a CONFLICT that leaves the parent, its offspring and the audit trail as they were', async () => {
    const sire = (await male(breeder, 'Founder', { hatchDate: '2018-01-01' })).id;
    const offspring = (await createAnimal(breeder, { name: 'Founder line', sireId: sire, hatchDate: '2020-01-01' })).id;
    await expectRefused(breeder, DELETE, { id: sire }, { code: 'CONFLICT', message: 'This animal has recorded offspring and cannot be deleted' });
    expect(await parentsOf(offspring)).toEqual({ sire_id: sire, dam_id: null });

    // Once its offspring are gone it can go too.
    expect((await gqlData(DELETE, { id: offspring }, breeder.token)).deleteAnimal).toBe(offspring);
    expect((await gqlData(DELETE, { id: sire }, breeder.token)).deleteAnimal).toBe(sire);
  });

  it("cannot rewrite another organisation's offspring", async () => {
    const dam = (await female(breeder, 'Public dam', { visibility: 'PUBLIC', hatchDate: '2018-01-01' })).id;
    const foreign = (await male(rival, 'Foreign offspring', { damId: dam, hatchDate: '2020-01-01' })).id;
    await expectRefused(breeder, DELETE, { id: dam }, { code: 'CONFLICT', message: 'This animal has recorded offspring and cannot be deleted', alsoUnchanged: [rival] });
    expect(await parentsOf(foreign)).toEqual({ sire_id: null, dam_id: dam });
  });
});
