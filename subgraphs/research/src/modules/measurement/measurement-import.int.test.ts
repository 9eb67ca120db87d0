import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnimal, startWithAnimalSubgraph, type ReferencingSubgraphHarness } from '../../../../../tests/support/animal-subgraph-harness.js';
import { aMember, type SqlSubgraphHarness } from '../../../../../tests/support/sql-subgraph-harness.js';
import { startResearchSubgraph } from '../../server.js';

const IMPORT = /* GraphQL */ `
  mutation ImportMeasurements($csv: String!) { importMeasurements(csv: $csv) { imported errors { line message } } }
`;
const CREATE_SHEEP = /* GraphQL */ `
  mutation CreateSheep($input: CreateAnimalInput!) { createAnimal(input: $input) { id } }
`;
const CREATE_FARM_AND_GROUP = /* GraphQL */ `
  mutation CreateFarm($input: FarmInput!) { createFarm(input: $input) { id } }
`;
const CREATE_GROUP = /* GraphQL */ `
  mutation CreateGroup($input: CreateGroupInput!) { createGroup(input: $input) { id } }
`;

type Member = ReturnType<typeof aMember>;
type ImportResult = { importMeasurements: { imported: number; errors: { line: number; message: string }[] } };

let harness: ReferencingSubgraphHarness;
let research: SqlSubgraphHarness;

beforeAll(async () => {
  harness = await startWithAnimalSubgraph('research', startResearchSubgraph);
  research = harness.subgraph;
});

afterAll(() => harness?.stop());

async function sheep(owner: Member, externalId: string, visibility = 'PRIVATE'): Promise<string> {
  const response = await harness.animals.request<{ createAnimal: { id: string } }>(
    CREATE_SHEEP,
    { input: { name: externalId, species: 'Sheep', sex: 'FEMALE', externalId, visibility } },
    owner,
  );
  expect(response.errors).toBeUndefined();
  return response.data!.createAnimal.id;
}

async function groupOf(owner: Member): Promise<string> {
  const farm = await research.request<{ createFarm: { id: string } }>(CREATE_FARM_AND_GROUP, { input: { name: 'Hill', latitude: -45, longitude: 170 } }, owner);
  const group = await research.request<{ createGroup: { id: string } }>(CREATE_GROUP, { input: { farmId: farm.data!.createFarm.id, name: 'Ewe lambs' } }, owner);
  return group.data!.createGroup.id;
}

async function importFile(csv: string, member: Member) {
  const response = await research.request<ImportResult>(IMPORT, { csv }, member);
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!.importMeasurements;
}

describe('importMeasurements', () => {
  it('imports rows naming animals by id or external id, converted to canonical units, with one event for the file', async () => {
    const breeder = aMember();
    const [first, second] = [await sheep(breeder, 'NZ-001'), await sheep(breeder, 'NZ-002')];
    const group = await groupOf(breeder);
    const csv = [
      'animal,trait,value,unit,date,group',
      `NZ-001,birth_weight,9.5,lb,2024-04-20,${group}`,
      `${second},birth_weight,4100,g,2024-04-21T06:00:00Z,`,
      'NZ-002,weaning_weight,31.5,kg,2024-07-20,',
      `"NZ-001",fibre_diameter,18.2,µm,2025-01-10,${group.toUpperCase()}`,
    ].join('\n');

    expect(await importFile(csv, breeder)).toEqual({ imported: 4, errors: [] });

    const rows = await research.asAdmin(
      `select animal_id, trait, round(value::numeric, 6)::float8 as value, unit, entered_value, entered_unit, group_id from measurements where tenant_id = $1 order by measured_at`,
      [breeder.organizationId],
    );
    expect(rows).toEqual([
      { animal_id: first, trait: 'birth_weight', value: 4.309128, unit: 'kg', entered_value: 9.5, entered_unit: 'lb', group_id: group },
      { animal_id: second, trait: 'birth_weight', value: 4.1, unit: 'kg', entered_value: 4100, entered_unit: 'g', group_id: null },
      { animal_id: second, trait: 'weaning_weight', value: 31.5, unit: 'kg', entered_value: 31.5, entered_unit: 'kg', group_id: null },
      { animal_id: first, trait: 'fibre_diameter', value: 18.2, unit: 'micron', entered_value: 18.2, entered_unit: 'micron', group_id: group },
    ]);
    const events = await research.asAdmin(
      `select event_type, payload->>'imported' as imported from outbox where tenant_id = $1 and aggregate_type = 'measurementImport'`,
      [breeder.organizationId],
    );
    expect(events).toEqual([{ event_type: 'measurementImport.completed', imported: '4' }]);
    expect(
      await research.asAdmin(`select count(*)::int as n from outbox where tenant_id = $1 and event_type = 'measurement.recorded'`, [breeder.organizationId]),
    ).toEqual([{ n: 0 }]);
    // The statement-level audit trigger writes what the per-row one did: one row per measurement, the parent table's name,
    // the whole new row, every column as changed, the importing user.
    const audit = await research.asAdmin(
      `select a.table_name, a.action, a.record_id, a.old_data, a.new_data = to_jsonb(m) as whole_row, a.changed_fields, a.user_id
       from audit_log a join measurements m on m.id::text = a.record_id where a.tenant_id = $1 order by m.measured_at`,
      [breeder.organizationId],
    );
    const ids = await research.asAdmin(`select id from measurements where tenant_id = $1 order by measured_at`, [breeder.organizationId]);
    const columns = [
      'animal_id',
      'created_at',
      'entered_unit',
      'entered_value',
      'group_id',
      'id',
      'legacy',
      'measured_at',
      'species_id',
      'tenant_id',
      'trait',
      'unit',
      'value',
    ];
    expect(audit).toEqual(
      ids.map(({ id }) => ({
        table_name: 'measurements',
        action: 'INSERT',
        record_id: id,
        old_data: null,
        whole_row: true,
        changed_fields: columns,
        user_id: breeder.userId,
      })),
    );
  });

  it('writes nothing when any row is wrong, and names every bad row by line, whatever the kind', async () => {
    const [breeder, stranger] = [aMember(), aMember()];
    await sheep(breeder, 'E1');
    const python = await createAnimal(harness.animals, breeder, 'PRIVATE');
    const strangers = await sheep(stranger, 'S1');
    const strangersGroup = await groupOf(stranger);
    const footprint = await research.tenantFootprint(breeder.organizationId);
    const lines = [
      'animal,trait,value,unit,date,group',
      'E1,birth_weight,4.5,kg,2024-04-20,',
      'E1,birth_wieght,4.5,kg,2024-04-20,',
      'E1,birth_weight,4.5,cm,2024-04-20,',
      'E1,birth_weight,four,kg,2024-04-20,',
      'E1,birth_weight,45,kg,2024-04-20,',
      'E1,birth_weight,4.5,kg,2999-01-01,',
      'E1,birth_weight,4.5,kg,20/04/2024,',
      'E9,birth_weight,4.5,kg,2024-04-20,',
      `${strangers},birth_weight,4.5,kg,2024-04-20,`,
      `S1,birth_weight,4.5,kg,2024-04-20,`,
      `E1,birth_weight,4.5,kg,2024-04-20,${strangersGroup}`,
      `${python},greasy_fleece_weight,4.5,kg,2024-04-20,`,
      'E1,birth_weight,4.5,kg',
      'E1,birth_weight,4.5,kg,2024-04-21,',
    ];

    const result = await importFile(lines.join('\r\n'), breeder);

    expect(result.imported).toBe(0);
    expect(result.errors).toEqual([
      { line: 3, message: expect.stringContaining('unknown trait "birth_wieght"') },
      { line: 4, message: 'birth weight is not measured in "cm"; use kg, g, lb, oz' },
      { line: 5, message: 'value must be a number such as 4.25, not "four"' },
      { line: 6, message: 'birth weight of a sheep must be between 0.5 and 12 kg; 45 kg is outside that range' },
      { line: 7, message: 'date cannot be in the future' },
      { line: 8, message: expect.stringContaining('date must be written YYYY-MM-DD') },
      { line: 9, message: 'animal "E9" is neither an animal you can see nor one of your external ids' },
      { line: 10, message: `animal "${strangers}" is neither an animal you can see nor one of your external ids` },
      { line: 11, message: 'animal "S1" is neither an animal you can see nor one of your external ids' },
      { line: 12, message: `group "${strangersGroup}" is not one of your groups` },
      { line: 13, message: expect.stringContaining('greasy fleece weight is not a trait of the species ball-python') },
      { line: 14, message: 'Expected 6 fields as in the header, found 4' },
      { line: 14, message: expect.stringContaining('date is missing') },
    ]);
    expect(await research.tenantFootprint(breeder.organizationId)).toEqual(footprint);
  });

  it('refuses a viewer, and a file that is no measurements file, writing nothing', async () => {
    const viewer = aMember('VIEWER');
    const refused = await research.request(IMPORT, { csv: 'animal,trait,value,unit,date\nE1,birth_weight,4,kg,2024-01-01' }, viewer);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const breeder = aMember();
    const herdbook = await importFile('id,sire,dam,sex\nR1,,,M', breeder);
    expect(herdbook.imported).toBe(0);
    expect(herdbook.errors.map((error) => `${error.line}: ${error.message.split(';')[0]}`)).toEqual([
      '1: Unknown column "id"',
      '1: Unknown column "sire"',
      '1: Unknown column "dam"',
      '1: Unknown column "sex"',
      '1: Missing columns "animal", "trait", "value", "unit", "date"',
    ]);
    expect(Object.values(await research.tenantFootprint(breeder.organizationId)).every((rows) => rows === 0)).toBe(true);
  });
});
