import { describe, expect, it } from 'vitest';
import { createAnimal, gql, gqlData, newOrganization, type Member } from '../support/gateway-client.js';
import { asAdmin, tenantFootprint } from '../support/postgres.js';
import { graphql } from '../__generated__/index.js';
import type { ImportPedigreeInput } from '../__generated__/graphql.js';

const CREATE = graphql(`mutation ImportPedigreeCreateAnimal($input: CreateAnimalInput!) { createAnimal(input: $input) { id } }`);
const SET_EXTERNAL_ID = graphql(`mutation ImportPedigreeSetExternalId($id: ID!) { updateAnimal(id: $id, input: { externalId: "T-1" }) { id } }`);

const IMPORT = graphql(`
  mutation Import($input: ImportPedigreeInput!) {
    importPedigree(input: $input) { imported errors { line message } }
  }
`);

const BY_EXTERNAL_ID = graphql(`
  query ByExternalId($ids: [String!]!) {
    animalsByExternalId(externalIds: $ids) {
      id externalId name sex hatchDate visibility species { commonName }
      sire { externalId name sire { externalId } dam { externalId } }
      dam { externalId name }
    }
  }
`);

async function importCsv(member: Member, csv: string, extra: Partial<ImportPedigreeInput> = {}) {
  const result = await gql(IMPORT, { input: { species: 'Ball python', csv, ...extra } }, member.token);
  return result;
}

async function importData(member: Member, csv: string, extra: Partial<ImportPedigreeInput> = {}) {
  const result = await importCsv(member, csv, extra);
  expect(result.errors).toBeUndefined();
  return result.data!.importPedigree;
}

const byExternalId = async (member: Member, ids: string[]) => (await gqlData(BY_EXTERNAL_ID, { ids }, member.token)).animalsByExternalId;

/** Three generations, offspring before parents, a quoted name with a comma, a blank line, CRLF line ends. */
const THREE_GENERATIONS = [
  'ID,name,Sire,Dam,sex,hatchDate',
  'K1,"Kiwi, the first",S1,D1,F,2022-05-01',
  'S1,Sol,GS,0,M,2019-04-01',
  '',
  'D1,Dora,,GD,F,2019-06-01',
  'GS,,,,M,2015-01-01',
  'GD,Granny,,,F,',
].join('\r\n');

describe('importPedigree', () => {
  it('imports a herdbook whose rows come in any order and links every parent', async () => {
    const breeder = await newOrganization('Herdbook');
    expect(await importData(breeder, THREE_GENERATIONS)).toEqual({ imported: 5, errors: [] });

    const [kiwi, unknown, granny] = await byExternalId(breeder, ['K1', 'NOPE', 'GD']);
    expect(unknown).toBeNull();
    expect(granny).toMatchObject({ externalId: 'GD', name: 'Granny', sex: 'FEMALE', hatchDate: null, sire: null, dam: null });
    expect(kiwi).toMatchObject({
      externalId: 'K1',
      name: 'Kiwi, the first',
      sex: 'FEMALE',
      hatchDate: '2022-05-01',
      visibility: 'PRIVATE',
      species: { commonName: 'Ball python' },
      sire: { externalId: 'S1', name: 'Sol', sire: { externalId: 'GS' }, dam: null },
      dam: { externalId: 'D1', name: 'Dora' },
    });
    // The name defaults to the external id.
    expect((await byExternalId(breeder, ['GS']))[0]!.name).toBe('GS');
  });

  it('stores the inbreeding of every imported animal before it returns', async () => {
    const breeder = await newOrganization('Inbred');
    // X's parents are full siblings: F = 1/4. Y's parents are half siblings: F = 1/8.
    await importData(breeder, 'id,sire,dam,sex\nX,B1,B2,F\nY,B1,H,M\nB1,S,D,M\nB2,S,D,F\nH,S,D2,F\nS,,,M\nD,,,F\nD2,,,F\n');
    const query = graphql(`query ImportPedigreeInbreeding($ids: [String!]!) { animalsByExternalId(externalIds: $ids) { externalId inbreedingCoefficient } }`);
    const found = (await gqlData(query, { ids: ['X', 'Y', 'B1', 'S'] }, breeder.token)).animalsByExternalId;
    expect(found.map((animal) => animal!.inbreedingCoefficient)).toEqual([0.25, 0.125, 0, 0]);
  });

  it('answers animalsByExternalId in the order asked, repeats included', async () => {
    const breeder = await newOrganization('Order');
    await importData(breeder, 'id,sire,dam,sex\nA,,,M\nB,,,F\nC,A,B,U\n');
    const found = await byExternalId(breeder, ['C', 'missing', 'A', 'C', 'B']);
    expect(found.map((animal) => animal?.externalId ?? null)).toEqual(['C', null, 'A', 'C', 'B']);
  });

  it('takes parents from animals the organisation already has, and applies the visibility asked', async () => {
    const breeder = await newOrganization('Existing');
    const sire = await createAnimal(breeder, { name: 'Old Sire', sex: 'MALE', externalId: 'OS-1', hatchDate: '2010-01-01' });
    expect(await importData(breeder, 'id,sire,dam,sex\nYOUNG,OS-1,,M\n', { visibility: 'PUBLIC' })).toEqual({ imported: 1, errors: [] });
    const [young] = await byExternalId(breeder, ['YOUNG']);
    expect(young).toMatchObject({ visibility: 'PUBLIC', sire: { externalId: 'OS-1', name: 'Old Sire' } });
    expect((await gqlData(graphql(`query ImportPedigreeAnimal($id: ID!) { animal(id: $id) { externalId } }`), { id: sire.id }, breeder.token)).animal!.externalId).toBe(
      'OS-1',
    );
  });

  it('writes one audit row per animal and one outbox event for the whole import', async () => {
    const breeder = await newOrganization('Footprint');
    await importData(breeder, THREE_GENERATIONS);
    expect(await tenantFootprint('animal', breeder.organizationId)).toMatchObject({ animals: 5, outbox: 1 });
    const audited = await asAdmin('animal', `select action, user_id from audit_log where tenant_id = $1 and table_name = 'animals'`, [breeder.organizationId]);
    expect(audited).toHaveLength(5);
    expect(audited.every((row) => row.action === 'INSERT' && row.user_id === breeder.userId)).toBe(true);
    const [event] = await asAdmin('animal', 'select event_type, payload from outbox where tenant_id = $1', [breeder.organizationId]);
    expect(event).toMatchObject({ event_type: 'pedigreeImport.completed', payload: { imported: 5, speciesId: 'ball-python', visibility: 'PRIVATE' } });
  });
});

describe('importPedigree refuses a bad file whole', () => {
  /** Each file has exactly one problem on the named line; nothing of the good rows may be written. */
  const BAD_FILES: [string, string, number, RegExp][] = [
    ['a duplicate id', 'id,sire,dam,sex\nA,,,M\nB,,,F\nA,,,F\n', 4, /^Duplicate id "A": line 2 has it too$/],
    ['an unknown parent', 'id,sire,dam,sex\nA,,,M\nB,A,X9,F\n', 3, /^Dam "X9" is neither a row of this file nor an animal of your organisation$/],
    ['a female sire', 'id,sire,dam,sex\nA,,,F\nB,A,,F\n', 3, /^Sire "A" is female; a sire must be male$/],
    ['a sire of unknown sex', 'id,sire,dam,sex\nA,,,U\nB,A,,F\n', 3, /^Sire "A" is of unknown sex; a sire must be male$/],
    ['a male dam', 'id,sire,dam,sex\nA,,,M\nB,,A,F\n', 3, /^Dam "A" is male; a dam must be female$/],
    [
      'a parent hatched after its offspring',
      'id,sire,dam,sex,hatchDate\nA,,,M,2021-01-01\nB,A,,F,2020-01-01\n',
      3,
      /^Sire "A" hatched on 2021-01-01, not before this animal \(2020-01-01\)$/,
    ],
    ['a bad sex', 'id,sire,dam,sex\nA,,,M\nB,,,X\n', 3, /^sex must be M, F or U, not "X"$/],
    ['a bad date', 'id,sire,dam,sex,hatchDate\nA,,,M,2021-13-01\nB,,,F,\n', 2, /^hatchDate must be a date written YYYY-MM-DD/],
    ['a wrong field count', 'id,sire,dam,sex\nA,,,M\nB,,,F,extra\n', 3, /^Expected 4 fields as in the header, found 5$/],
    ['a missing header column', 'id,sire,sex\nA,,M\n', 1, /^Missing column "dam"$/],
    ['a stray quote', 'id,sire,dam,sex\nA,,,M\nB"x,,,F\n', 3, /quote inside an unquoted field/],
    ['a self-parent', 'id,sire,dam,sex\nA,,,M\nB,B,,M\n', 3, /^"B" would be its own ancestor \(it is its own parent\)$/],
  ];

  it.each(BAD_FILES)('with %s: reports the line and writes nothing', async (_, csv, line, message) => {
    const breeder = await newOrganization('Bad');
    const result = await importData(breeder, csv);
    expect(result.imported).toBe(0);
    expect(result.errors).toEqual([{ line, message: expect.stringMatching(message) }]);
    expect(await tenantFootprint('animal', breeder.organizationId)).toMatchObject({ animals: 0, audit_log: 0, outbox: 0 });
  });

  it('reports every row of a loop, counting the lines inside a quoted field', async () => {
    const breeder = await newOrganization('Loop');
    const csv = 'id,sire,dam,sex,name\nA,C,,M,"two\nlines"\nB,A,,M,\nC,B,,M,\nD,A,,F,\n';
    const result = await importData(breeder, csv);
    expect(result.errors).toEqual([
      { line: 2, message: 'name must not contain control characters' },
      { line: 2, message: '"A" would be its own ancestor (loop through lines 4, 5)' },
      { line: 4, message: '"B" would be its own ancestor (loop through lines 2, 5)' },
      { line: 5, message: '"C" would be its own ancestor (loop through lines 2, 4)' },
    ]);
    expect(await tenantFootprint('animal', breeder.organizationId)).toMatchObject({ animals: 0, audit_log: 0, outbox: 0 });
  });

  it('refuses an id the organisation already has, and reports every problem of a file at once', async () => {
    const breeder = await newOrganization('Many');
    await createAnimal(breeder, { name: 'Kept', sex: 'MALE', externalId: 'KEPT' });
    const before = await tenantFootprint('animal', breeder.organizationId);
    const result = await importData(breeder, 'id,sire,dam,sex\nKEPT,,,M\nB,,,Q\nC,NONE,,F\n');
    expect(result).toEqual({
      imported: 0,
      errors: [
        { line: 2, message: 'id "KEPT" is already an animal of your organisation' },
        { line: 3, message: 'sex must be M, F or U, not "Q"' },
        { line: 4, message: 'Sire "NONE" is neither a row of this file nor an animal of your organisation' },
      ],
    });
    expect(await tenantFootprint('animal', breeder.organizationId)).toEqual(before);
  });

  it('lists at most 1,000 errors, the last one counting the rest', async () => {
    const breeder = await newOrganization('Capped');
    const rows = Array.from({ length: 1500 }, (_, i) => `A${i},,,X`);
    const result = await importData(breeder, ['id,sire,dam,sex', ...rows].join('\n'));
    expect(result.errors).toHaveLength(1000);
    expect(result.errors[998]).toEqual({ line: 1000, message: 'sex must be M, F or U, not "X"' });
    expect(result.errors[999]).toEqual({ line: 1001, message: '501 more errors from this line on are not listed' });
  });

  it('refuses an unknown species, an empty file, an oversized file and too many rows with BAD_USER_INPUT', async () => {
    const breeder = await newOrganization('Refused');
    const species = await importCsv(breeder, 'id,sire,dam,sex\nA,,,M\n', { species: 'Dragon' });
    expect(species.errors?.[0]).toMatchObject({ message: 'Unknown species "Dragon"', extensions: { code: 'BAD_USER_INPUT', field: 'species' } });
    expect((await importData(breeder, '')).errors).toEqual([{ line: 1, message: expect.stringContaining('The file is empty') }]);
    const huge = await importCsv(breeder, 'id,sire,dam,sex\n' + 'x'.repeat(12 * 1024 * 1024));
    expect(huge.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'csv' } });
    expect(huge.errors?.[0].message).toMatch(/larger than 12 MiB/);
    const tooMany = await importCsv(breeder, 'id,sire,dam,sex\n' + Array.from({ length: 200_001 }, (_, i) => `A${i},,,M\n`).join(''));
    expect(tooMany.errors?.[0]).toMatchObject({ message: expect.stringMatching(/more than 200,000 animals/), extensions: { code: 'BAD_USER_INPUT', field: 'csv' } });
    expect(await tenantFootprint('animal', breeder.organizationId)).toMatchObject({ animals: 0, audit_log: 0, outbox: 0 });
  });
});

describe('concurrent imports', () => {
  it('of the same ids into one organisation: one imports, the other reports the ids as taken', async () => {
    const breeder = await newOrganization('Race');
    const csv = 'id,sire,dam,sex\nR1,,,M\nR2,R1,,F\n';
    const results = await Promise.all([importData(breeder, csv), importData(breeder, csv)]);
    expect(results.map((r) => r.imported).sort()).toEqual([0, 2]);
    expect(results.find((r) => r.imported === 0)!.errors).toEqual([
      { line: 2, message: 'id "R1" is already an animal of your organisation' },
      { line: 3, message: 'id "R2" is already an animal of your organisation' },
    ]);
    expect(await tenantFootprint('animal', breeder.organizationId)).toMatchObject({ animals: 2, outbox: 1 });
  });
});

describe('external ids across organisations', () => {
  it('never finds or links another organisation’s animals, public or not, and lets each organisation use the same ids', async () => {
    const a = await newOrganization('Org A');
    const b = await newOrganization('Org B');
    await importData(a, 'id,sire,dam,sex\nSHARED,,,M\nA-ONLY,,,F\n', { visibility: 'PUBLIC' });

    expect(await byExternalId(b, ['SHARED', 'A-ONLY'])).toEqual([null, null]);
    const refused = await importData(b, 'id,sire,dam,sex\nKID,A-ONLY,,M\n');
    expect(refused.errors).toEqual([{ line: 2, message: 'Sire "A-ONLY" is neither a row of this file nor an animal of your organisation' }]);
    expect(await importData(b, 'id,sire,dam,sex\nSHARED,,,M\n')).toEqual({ imported: 1, errors: [] });

    const [mine] = await byExternalId(b, ['SHARED']);
    const [theirs] = await byExternalId(a, ['SHARED']);
    expect(mine!.id).not.toBe(theirs!.id);
  });
});

describe('externalId on createAnimal and updateAnimal', () => {
  it('is unique per organisation (CONFLICT), trimmed, and can be changed or cleared', async () => {
    const breeder = await newOrganization('Ext');
    const first = await createAnimal(breeder, { name: 'First', externalId: ' T-1 ' });
    expect((await byExternalId(breeder, ['T-1']))[0]!.id).toBe(first.id);

    const duplicate = await gql(CREATE, { input: { name: 'Second', species: 'Ball python', sex: 'MALE', externalId: 'T-1' } }, breeder.token);
    expect(duplicate.errors?.[0]).toMatchObject({
      message: 'Another animal of your organisation already has this external id',
      extensions: { code: 'CONFLICT', field: 'externalId' },
    });

    const second = await createAnimal(breeder, { name: 'Second', externalId: 'T-2' });
    const clash = await gql(SET_EXTERNAL_ID, { id: second.id }, breeder.token);
    expect(clash.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT' });

    await gqlData(
      graphql(`mutation ImportPedigreeClearExternalId($id: ID!) { updateAnimal(id: $id, input: { externalId: null }) { id } }`),
      { id: first.id },
      breeder.token,
    );
    await gqlData(SET_EXTERNAL_ID, { id: second.id }, breeder.token);
    expect((await byExternalId(breeder, ['T-1', 'T-2'])).map((animal) => animal?.id ?? null)).toEqual([second.id, null]);

    const bad = await gql(CREATE, { input: { name: 'Zero', species: 'Ball python', sex: 'MALE', externalId: '0' } }, breeder.token);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'externalId' });
  });
});

describe('a viewer', () => {
  it('may look animals up by external id but cannot import', async () => {
    const owner = await newOrganization('Owner');
    await importData(owner, 'id,sire,dam,sex\nKEEP,,,M\n');
    const viewer = await newOrganization('Viewer');
    const invitation = await gqlData(
      graphql(`mutation ImportPedigreeInviteMember($email: String!) { inviteMember(email: $email, role: VIEWER) { token } }`),
      { email: viewer.email },
      owner.token,
    );
    await gqlData(
      graphql(`mutation ImportPedigreeAcceptInvitation($token: String!) { acceptInvitation(token: $token) { role } }`),
      { token: invitation.inviteMember.token },
      viewer.token,
    );
    const switched = await gqlData(
      graphql(`mutation ImportPedigreeSwitchOrganization($id: ID!) { switchOrganization(organizationId: $id) { role } }`),
      { id: owner.organizationId },
      viewer.token,
    );
    expect(switched.switchOrganization.role).toBe('VIEWER');

    expect((await byExternalId(viewer, ['KEEP']))[0]).toMatchObject({ externalId: 'KEEP' });
    const before = await tenantFootprint('animal', owner.organizationId);
    const refused = await importCsv(viewer, 'id,sire,dam,sex\nNEW,,,M\n');
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(refused.data).toBeNull();
    expect(await tenantFootprint('animal', owner.organizationId)).toEqual(before);
  });
});

describe('the size limit of a file', () => {
  /** Rows of names in a three-byte script (UTF-8), each too long to be a name: checked, never written. */
  const nonAsciiCsv = (bytes: number) => {
    const header = 'id,sire,dam,sex,name\n';
    const row = (i: number) => `N${i},,,F,${'馬'.repeat(300)}\n`;
    const rows = [header];
    let size = Buffer.byteLength(header);
    for (let i = 0; size + Buffer.byteLength(row(i)) <= bytes; i++) {
      rows.push(row(i));
      size += Buffer.byteLength(row(i));
    }
    return rows.join('') + 'x'.repeat(bytes - size); // a last (bad) row to land on the exact size
  };

  it('counts bytes, not characters: a non-ASCII file just under 12 MiB is read (it fits the request limit), one just over is refused clearly', async () => {
    const breeder = await newOrganization('Big file');
    const limit = 12 * 1024 * 1024;
    const under = await importCsv(breeder, nonAsciiCsv(limit));
    expect(under.errors).toBeUndefined(); // neither refused as too large nor by the HTTP body limit
    expect(under.data?.importPedigree.imported).toBe(0);
    expect(under.data?.importPedigree.errors[0].message).toMatch(/name/i);
    const over = nonAsciiCsv(limit + 3);
    expect(over.length).toBeLessThan(limit / 2); // characters: far below the limit
    const refused = await importCsv(breeder, over);
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'csv' } });
    expect(refused.errors?.[0].message).toMatch(/larger than 12 MiB/);
    expect(await tenantFootprint('animal', breeder.organizationId)).toMatchObject({ animals: 0, audit_log: 0, outbox: 0 });
  });
});
