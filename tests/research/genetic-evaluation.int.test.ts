import { describe, expect, it } from 'vitest';
import { createAnimal, gql, gqlData, newOrganization, type Member } from '../support/gateway-client.js';
import { asAdmin, tenantFootprint } from '../support/postgres.js';
import { graphql } from '../__generated__/index.js';

const IMPORT = graphql(`mutation EvaluationImport($csv: String!) { importMeasurements(csv: $csv) { imported errors { line message } } }`);
const RUN = graphql(`mutation EvaluationRun($input: RunGeneticEvaluationInput!) { runGeneticEvaluation(input: $input) { id status progress } }`);
const POLL = graphql(`
  query EvaluationPoll($id: ID!) {
    evaluationRun(id: $id) {
      id status progress iterations converged animals records error accuracyMethod startedAt finishedAt source
      trait { id } fixedEffects varianceComponents { additive residual }
      fixedEffectSolutions { effect level solution records }
    }
  }
`);
const RUNS = graphql(`query EvaluationRuns { evaluationRuns { id status } }`);
const BREEDING_VALUES = graphql(`query EvaluationBreedingValues($id: ID!) { animal(id: $id) { breedingValues { trait { id } ebv accuracy run { id } } } }`);
const EXPORT = graphql(`
  query EvaluationExport($species: String!, $trait: String!) { exportEvaluationDataset(species: $species, trait: $trait) { animals records files { name content } } }
`);
const IMPORT_VALUES = graphql(`
  mutation EvaluationImportValues($species: String!, $csv: String!) {
    importBreedingValues(species: $species, csv: $csv) { imported errors { line message } run { id source status animals } }
  }
`);
const TREND = graphql(`query EvaluationTrend($species: String!, $trait: String!) { geneticTrend(species: $species, trait: $trait) { year meanEbv animals } }`);

/** Mrode (2014) Example 3.1: pre-weaning gain of five calves, sex as the fixed effect, σ²a = 20, σ²e = 40. */
const MRODE = {
  sexes: { MALE: 4.359, FEMALE: 3.404 },
  ebv: [0.098, -0.019, -0.041, -0.009, -0.186, 0.177, -0.249, 0.183],
};

async function mrodeHerd(member: Member) {
  const cattle = (name: string, sex: 'MALE' | 'FEMALE', hatchDate: string, sireId?: string, damId?: string) =>
    createAnimal(member, { name, species: 'Cattle', sex, hatchDate, sireId, damId }).then((animal) => animal.id);
  const a1 = await cattle('Mrode 1', 'MALE', '2019-03-01');
  const a2 = await cattle('Mrode 2', 'FEMALE', '2019-03-02');
  const a3 = await cattle('Mrode 3', 'MALE', '2019-03-03');
  const a4 = await cattle('Mrode 4', 'MALE', '2021-03-01', a1);
  const a5 = await cattle('Mrode 5', 'FEMALE', '2021-03-02', a3, a2);
  const a6 = await cattle('Mrode 6', 'FEMALE', '2021-03-03', a1, a2);
  const a7 = await cattle('Mrode 7', 'MALE', '2022-03-01', a4, a5);
  const a8 = await cattle('Mrode 8', 'MALE', '2022-03-02', a3, a6);
  const ids = [a1, a2, a3, a4, a5, a6, a7, a8];
  // fat_depth stands in for the gain: the catalog's cattle range (0.5–40 mm) holds Mrode's values as they are.
  const gains = [4.5, 2.9, 3.9, 3.5, 5.0];
  const csv = ['animal,trait,value,unit,date', ...gains.map((gain, i) => `${ids[i + 3]},fat_depth,${gain},mm,2023-01-10`)].join('\n');
  expect((await gqlData(IMPORT, { csv }, member.token)).importMeasurements).toEqual({ imported: 5, errors: [] });
  return ids;
}

async function finished(id: string, member: Member) {
  for (let poll = 0; poll < 600; poll++) {
    const { evaluationRun } = await gqlData(POLL, { id }, member.token);
    if (evaluationRun && !['QUEUED', 'RUNNING'].includes(evaluationRun.status)) return evaluationRun;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`evaluation ${id} did not finish`);
}

describe('genetic evaluations through the gateway', () => {
  it("reproduce Mrode's Example 3.1 from animals, pedigree and measurements recorded through the API", async () => {
    const breeder = await newOrganization('Mrode breeder');
    const ids = await mrodeHerd(breeder);
    const { runGeneticEvaluation: started } = await gqlData(
      RUN,
      { input: { species: 'cattle', trait: 'fat_depth', fixedEffects: ['SEX'], varianceComponents: { additive: 20, residual: 40 } } },
      breeder.token,
    );
    expect(started).toMatchObject({ status: 'QUEUED', progress: 0 });
    const run = await finished(started.id, breeder);
    expect(run).toMatchObject({
      status: 'SUCCEEDED',
      progress: 1,
      converged: true,
      animals: 8,
      records: 5,
      error: null,
      accuracyMethod: 'EXACT',
      source: 'BLUP',
      trait: { id: 'fat_depth' },
      fixedEffects: ['SEX'],
      varianceComponents: { additive: 20, residual: 40 },
    });
    expect(run.iterations).toBeGreaterThan(0);
    const sexes = Object.fromEntries(run.fixedEffectSolutions.map((s) => [s.level, s]));
    expect(sexes.MALE.solution).toBeCloseTo(MRODE.sexes.MALE, 3);
    expect(sexes.FEMALE.solution).toBeCloseTo(MRODE.sexes.FEMALE, 3);
    expect([sexes.MALE.records, sexes.FEMALE.records]).toEqual([3, 2]);

    for (const [i, id] of ids.entries()) {
      const { animal } = await gqlData(BREEDING_VALUES, { id }, breeder.token);
      expect(animal?.breedingValues).toHaveLength(1);
      const [value] = animal!.breedingValues;
      expect(value.trait.id).toBe('fat_depth');
      expect(value.run.id).toBe(run.id);
      expect(Math.abs(value.ebv - MRODE.ebv[i]), `animal ${i + 1}`).toBeLessThan(1e-3);
      expect(value.accuracy).toBeGreaterThan(0);
      expect(value.accuracy).toBeLessThan(1);
    }
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    const { geneticTrend } = await gqlData(TREND, { species: 'cattle', trait: 'fat_depth' }, breeder.token);
    expect(geneticTrend.map((point) => point.year)).toEqual([2019, 2021, 2022]);
    expect(geneticTrend.map((point) => point.animals)).toEqual([3, 3, 2]);
    const expectedMeans = [mean(MRODE.ebv.slice(0, 3)), mean(MRODE.ebv.slice(3, 6)), mean(MRODE.ebv.slice(6))];
    for (const [i, expected] of expectedMeans.entries()) expect(Math.abs(geneticTrend[i].meanEbv - expected)).toBeLessThan(1e-3);

    // Another organisation sees neither the run nor the values.
    const stranger = await newOrganization('Mrode stranger');
    expect((await gqlData(POLL, { id: run.id }, stranger.token)).evaluationRun).toBeNull();
    expect((await gqlData(RUNS, {}, stranger.token)).evaluationRuns).toEqual([]);
    expect((await gqlData(TREND, { species: 'cattle', trait: 'fat_depth' }, stranger.token)).geneticTrend).toEqual([]);
  });

  it('gives the same EBVs from h² = 1/3 as from σ²a = 20, σ²e = 40', async () => {
    const breeder = await newOrganization('Mrode heritability');
    const ids = await mrodeHerd(breeder);
    const { runGeneticEvaluation } = await gqlData(RUN, { input: { species: 'cattle', trait: 'fat_depth', fixedEffects: ['SEX'], heritability: 1 / 3 } }, breeder.token);
    expect((await finished(runGeneticEvaluation.id, breeder)).status).toBe('SUCCEEDED');
    const { animal } = await gqlData(BREEDING_VALUES, { id: ids[7] }, breeder.token);
    expect(Math.abs(animal!.breedingValues[0].ebv - MRODE.ebv[7])).toBeLessThan(1e-3);
  });

  it('refuses bad input with a coded error naming the field, and writes nothing', async () => {
    const breeder = await newOrganization('Evaluation mistakes');
    await mrodeHerd(breeder);
    const before = await tenantFootprint('research', breeder.organizationId);
    const base = { species: 'cattle', trait: 'fat_depth', fixedEffects: ['SEX' as const], heritability: 0.3 };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ species: 'dragon' }, 'BAD_USER_INPUT', 'species'],
      [{ trait: 'wing_span' }, 'BAD_USER_INPUT', 'trait'],
      [{ trait: 'fibre_diameter' }, 'BAD_USER_INPUT', 'trait'], // a sheep and goat trait, not one of cattle
      [{ heritability: 1.5 }, 'BAD_USER_INPUT', 'heritability'],
      [{ heritability: 0 }, 'BAD_USER_INPUT', 'heritability'],
      [{ heritability: undefined, varianceComponents: { additive: -1, residual: 40 } }, 'BAD_USER_INPUT', 'varianceComponents.additive'],
      [{ heritability: undefined }, 'BAD_USER_INPUT', 'heritability'],
      [{ trait: 'wither_height' }, 'BAD_USER_INPUT', 'trait'], // a cattle trait without records
      [{ fixedEffects: ['SEX', 'SEX'] }, 'BAD_USER_INPUT', 'fixedEffects'],
      [{ scope: { kind: 'PROJECT', projectId: '00000000-0000-4000-8000-000000000000' } }, 'NOT_FOUND', 'scope.projectId'], // no project of theirs
      [{ scope: { kind: 'PROJECT' } }, 'BAD_USER_INPUT', 'scope.projectId'],
      [{ scope: { kind: 'PROJECT', projectId: 'flock-1' } }, 'BAD_USER_INPUT', 'scope.projectId'],
      [{ scope: { kind: 'ORGANIZATION', projectId: '00000000-0000-4000-8000-000000000000' } }, 'BAD_USER_INPUT', 'scope.projectId'],
    ];
    for (const [change, code, field] of cases) {
      const response = await gql(RUN, { input: { ...base, ...change } as never }, breeder.token);
      expect(response.errors?.[0]?.extensions, JSON.stringify(change)).toMatchObject({ code, field });
      expect(JSON.stringify(response.errors)).not.toMatch(/stack|select |evaluation_runs/i);
    }
    expect(await tenantFootprint('research', breeder.organizationId)).toEqual(before);
    expect((await gqlData(RUNS, {}, breeder.token)).evaluationRuns).toEqual([]);
    const none = await asAdmin('research', 'select count(*)::int as n from outbox where tenant_id = $1', [breeder.organizationId]);
    expect(none).toEqual([{ n: before.outbox }]);
  });

  it('exports the data for BLUPF90 and R, and imports their breeding values back as an external run, all or nothing', async () => {
    const breeder = await newOrganization('Mrode exchange');
    const ids = await mrodeHerd(breeder);
    const { runGeneticEvaluation } = await gqlData(
      RUN,
      { input: { species: 'cattle', trait: 'fat_depth', fixedEffects: ['SEX'], varianceComponents: { additive: 20, residual: 40 } } },
      breeder.token,
    );
    const blup = await finished(runGeneticEvaluation.id, breeder);
    const { exportEvaluationDataset: dataset } = await gqlData(EXPORT, { species: 'cattle', trait: 'fat_depth' }, breeder.token);
    expect(dataset).toMatchObject({ animals: 8, records: 5 });
    const file = (name: string) =>
      dataset.files
        .find((f) => f.name === name)!
        .content.trimEnd()
        .split('\n');
    const key = new Map(
      file('key.csv')
        .slice(1)
        .map((line) => line.split(',') as [string, string]),
    );
    const numberOf = new Map([...key].map(([n, id]) => [id, n]));
    // Mrode's pedigree, renumbered parents first: each animal after its sire and dam, 0 for an unknown parent.
    const mrodeParents = [[], [], [], [0], [2, 1], [0, 1], [3, 4], [2, 5]];
    const pedigree = file('pedigree.txt').map((line) => line.split(' '));
    expect(pedigree).toHaveLength(8);
    for (const [animal, sire, dam] of pedigree) {
      const i = ids.indexOf(key.get(animal)!);
      const [s, d] = mrodeParents[i];
      expect([sire, dam]).toEqual([s === undefined ? '0' : numberOf.get(ids[s]), d === undefined ? '0' : numberOf.get(ids[d])]);
      for (const parent of [sire, dam]) if (parent !== '0') expect(Number(parent)).toBeLessThan(Number(animal));
    }
    const levels = file('levels.csv');
    const sexCode = Object.fromEntries(levels.filter((line) => line.startsWith('SEX,')).map((line) => [line.split(',')[2], line.split(',')[1]]));
    const data = file('data.txt')
      .map((line) => line.split(' '))
      .map(([animal, sex, , , , value]) => [ids.indexOf(key.get(animal)!) + 1, sex, Number(value)]);
    expect(data.sort((a, b) => (a[0] as number) - (b[0] as number))).toEqual([
      [4, sexCode.MALE, 4.5],
      [5, sexCode.FEMALE, 2.9],
      [6, sexCode.FEMALE, 3.9],
      [7, sexCode.MALE, 3.5],
      [8, sexCode.MALE, 5.0],
    ]);
    expect(file('pedigree-r.csv')[0]).toBe('id,sire,dam');
    expect(file('pedigree-r.csv')).toContain(`${ids[0]},NA,NA`);
    expect(file('pedigree-r.csv')).toContain(`${ids[4]},${ids[2]},${ids[1]}`);
    const ebvCsv = dataset.files.find((f) => f.name === 'ebv.csv')!.content;
    expect(ebvCsv.trimEnd().split('\n')).toHaveLength(9);

    const before = await tenantFootprint('research', breeder.organizationId);
    const stranger = await newOrganization('Exchange stranger');
    const strangersCalf = await createAnimal(stranger, { name: 'Not yours', species: 'Cattle', sex: 'MALE' });
    const bad = [
      'id,trait,ebv,accuracy',
      `${ids[0]},fat_depth,0.1,0.5`,
      `${ids[0]},fat_depth,0.2,`,
      `${ids[1]},fat_depth,abc,2`,
      `${strangersCalf.id},fat_depth,0.1,`,
    ].join('\n');
    const refused = (await gqlData(IMPORT_VALUES, { species: 'cattle', csv: bad }, breeder.token)).importBreedingValues;
    expect(refused.run).toBeNull();
    expect(refused.imported).toBe(0);
    expect(refused.errors.map((error) => error.line)).toEqual([3, 4, 5]);
    expect(refused.errors[1].message).toMatch(/ebv must be a number.*accuracy must be between 0 and 1/);
    expect(await tenantFootprint('research', breeder.organizationId)).toEqual(before);

    const imported = (await gqlData(IMPORT_VALUES, { species: 'cattle', csv: ebvCsv }, breeder.token)).importBreedingValues;
    expect(imported).toMatchObject({ imported: 8, errors: [], run: { source: 'EXTERNAL', status: 'SUCCEEDED', animals: 8 } });
    for (const [i, id] of ids.entries()) {
      const { animal } = await gqlData(BREEDING_VALUES, { id }, breeder.token);
      expect(animal!.breedingValues[0].run.id).toBe(imported.run!.id);
      expect(animal!.breedingValues[0].run.id).not.toBe(blup.id);
      expect(Math.abs(animal!.breedingValues[0].ebv - MRODE.ebv[i])).toBeLessThan(1e-3);
    }
    // The round trip is exact: exporting again gives the imported run's values, the same numbers.
    const again = (await gqlData(EXPORT, { species: 'cattle', trait: 'fat_depth' }, breeder.token)).exportEvaluationDataset;
    expect(again.files.find((f) => f.name === 'ebv.csv')!.content).toBe(ebvCsv);
  });
});
