import { fetchEvaluationPedigree } from '@studbook/contracts/animal-directory';
import { createIdentitySigner } from '@studbook/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setVisibility, startWithAnimalSubgraph, type ReferencingSubgraphHarness } from '../../../../../tests/support/animal-subgraph-harness.js';
import { aMember, type SqlSubgraphHarness } from '../../../../../tests/support/sql-subgraph-harness.js';
import { evaluateAnimalModel } from '../../genetics/blup/index.js';
import { seededRandom } from '../../genetics/blup/seeded-random.js';
import { startResearchSubgraph } from '../../server.js';

const CREATE = /* GraphQL */ `mutation EvaluationAgreementCreate($input: CreateAnimalInput!) { createAnimal(input: $input) { id } }`;
const IMPORT = /* GraphQL */ `mutation EvaluationAgreementImport($csv: String!) { importMeasurements(csv: $csv) { imported errors { line message } } }`;
const RUN = /* GraphQL */ `mutation EvaluationAgreementRun($input: RunGeneticEvaluationInput!) { runGeneticEvaluation(input: $input) { id } }`;
const POLL = /* GraphQL */ `query EvaluationAgreementPoll($id: ID!) { evaluationRun(id: $id) { status animals records error } }`;
const VALUES = /* GraphQL */ `query EvaluationAgreementValues($reps: [_Any!]!) { _entities(representations: $reps) { ... on Animal { id breedingValues { ebv } } } }`;

type Member = ReturnType<typeof aMember>;

let harness: ReferencingSubgraphHarness;
let research: SqlSubgraphHarness;

beforeAll(async () => {
  // Solved far past the default tolerance, so the comparison measures the equations, not where PCG stopped.
  harness = await startWithAnimalSubgraph('research', (deps, listen) => startResearchSubgraph({ ...deps, evaluationSolver: { tolerance: 1e-24 } }, listen));
  research = harness.subgraph;
});

afterAll(() => harness?.stop());

async function cattle(owner: Member, input: { sex: 'MALE' | 'FEMALE'; hatchDate: string; sireId?: string; damId?: string; visibility?: string }) {
  const response = await harness.animals.request<{ createAnimal: { id: string } }>(CREATE, { input: { name: 'Calf', species: 'Cattle', ...input } }, owner);
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!.createAnimal.id;
}

async function evaluate(owner: Member, input: Record<string, unknown>) {
  const { id } = (await research.request<{ runGeneticEvaluation: { id: string } }>(RUN, { input }, owner)).data!.runGeneticEvaluation;
  for (let attempt = 0; attempt < 300; attempt++) {
    const run = (await research.request<{ evaluationRun: { status: string; animals: number; error: string | null } }>(POLL, { id }, owner)).data!.evaluationRun;
    if (!['QUEUED', 'RUNNING'].includes(run.status)) return { id, ...run };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the run did not finish');
}

async function ebvs(owner: Member, ids: string[]): Promise<number[]> {
  const response = await research.request<{ _entities: { breedingValues: { ebv: number }[] }[] }>(
    VALUES,
    { reps: ids.map((id) => ({ __typename: 'Animal', id })) },
    owner,
  );
  return response.data!._entities.map((entity) => entity.breedingValues[0]?.ebv ?? Number.NaN);
}

async function importRecords(owner: Member, rows: [string, number][]) {
  const csv = ['animal,trait,value,unit,date', ...rows.map(([id, value]) => `${id},fat_depth,${value.toFixed(6)},mm,2024-06-01`)].join('\n');
  expect((await research.request(IMPORT, { csv }, owner)).data).toEqual({ importMeasurements: { imported: rows.length, errors: [] } });
}

/** The mixed-model equations built densely from the textbook (A by the tabular method, inverted) and solved by Gauss–Jordan. */
function denseEbvs(sire: number[], dam: number[], records: [number, number][], levelOf: (animal: number) => number[], levels: number[], alpha: number) {
  const n = sire.length;
  const a = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const rel = (i: number, j: number) => (i < 0 || j < 0 ? 0 : a[i][j]);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) a[i][j] = a[j][i] = 0.5 * (rel(j, sire[i]) + rel(j, dam[i]));
    a[i][i] = 1 + 0.5 * rel(sire[i], dam[i]);
  }
  const aInv = invert(a);
  // Every factor after the first loses its first level (held at 0), as the engine does: the equations are then full rank.
  const offsets: number[] = [];
  let fixed = 0;
  levels.forEach((count, f) => {
    offsets.push(fixed - (f > 0 ? 1 : 0));
    fixed += f > 0 ? count - 1 : count;
  });
  const size = fixed + n;
  const c = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  const rhs = new Array<number>(size).fill(0);
  for (const [animal, value] of records) {
    const eqs = levelOf(animal)
      .map((level, f) => (f > 0 && level === 0 ? -1 : offsets[f] + level))
      .filter((eq) => eq >= 0);
    eqs.push(fixed + animal);
    for (const i of eqs) {
      rhs[i] += value;
      for (const j of eqs) c[i][j] += 1;
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) c[fixed + i][fixed + j] += alpha * aInv[i][j];
  const inverse = invert(c);
  return Array.from({ length: n }, (_, i) => inverse[fixed + i].reduce((sum, x, j) => sum + x * rhs[j], 0));
}

function invert(matrix: number[][]): number[][] {
  const m = matrix.length;
  const work = matrix.map((row, i) => [...row, ...Array.from({ length: m }, (_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < m; col++) {
    let pivot = col;
    for (let r = col + 1; r < m; r++) if (Math.abs(work[r][col]) > Math.abs(work[pivot][col])) pivot = r;
    [work[col], work[pivot]] = [work[pivot], work[col]];
    const p = work[col][col];
    for (let k = 0; k < 2 * m; k++) work[col][k] /= p;
    for (let r = 0; r < m; r++) {
      if (r === col || work[r][col] === 0) continue;
      const factor = work[r][col];
      for (let k = 0; k < 2 * m; k++) work[r][k] -= factor * work[col][k];
    }
  }
  return work.map((row) => row.slice(m));
}

describe('evaluations through the job path', { timeout: 120_000 }, () => {
  it('agree with a dense solve of the same equations on random pedigrees to 1e-6', async () => {
    for (const seed of [3, 4]) {
      const owner = aMember();
      const random = seededRandom(seed);
      const n = 24 + Math.floor(random() * 12);
      const sire: number[] = [];
      const dam: number[] = [];
      const sex: number[] = [];
      const year: number[] = [];
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const males = sex.flatMap((s, k) => (s === 0 && year[k] < 2022 ? [k] : []));
        const females = sex.flatMap((s, k) => (s === 1 && year[k] < 2022 ? [k] : []));
        const s = i >= 4 && males.length > 0 && random() > 0.15 ? males[Math.floor(random() * males.length)] : -1;
        const d = i >= 4 && females.length > 0 && random() > 0.15 ? females[Math.floor(random() * females.length)] : -1;
        sire.push(s);
        dam.push(d);
        sex.push(i < 4 ? i % 2 : random() < 0.5 ? 0 : 1);
        year.push(i < 4 ? 2019 : Math.max(year[s] ?? 2019, year[d] ?? 2019) + 1 + Math.floor(random() * 2));
        ids.push(
          await cattle(owner, {
            sex: sex[i] === 0 ? 'MALE' : 'FEMALE',
            hatchDate: `${Math.min(year[i], 2023)}-02-0${1 + (i % 9)}`,
            sireId: s >= 0 ? ids[s] : undefined,
            damId: d >= 0 ? ids[d] : undefined,
          }),
        );
        year[i] = Math.min(year[i], 2023);
      }
      const records: [number, number][] = [];
      for (let i = 0; i < n; i++) if (random() < 0.8) records.push([i, 5 + 10 * random()]);
      await importRecords(
        owner,
        records.map(([i, value]) => [ids[i], value]),
      );
      const h2 = 0.2 + 0.6 * random();
      const run = await evaluate(owner, { species: 'cattle', trait: 'fat_depth', fixedEffects: ['SEX', 'BIRTH_YEAR'], heritability: h2 });
      expect(run).toMatchObject({ status: 'SUCCEEDED', animals: n, error: null });
      const years = [...new Set(records.map(([i]) => year[i]))].sort();
      const dense = denseEbvs(sire, dam, records, (i) => [sex[i], years.indexOf(year[i])], [2, years.length], (1 - h2) / h2);
      const got = await ebvs(owner, ids);
      for (let i = 0; i < n; i++) expect(Math.abs(got[i] - dense[i]), `seed ${seed}, animal ${i}`).toBeLessThan(1e-6);
    }
  });

  it("take other organisations' private ancestors into A⁻¹ without revealing them", async () => {
    const [breeder, neighbour] = [aMember(), aMember()];
    const bull = await cattle(neighbour, { sex: 'MALE', hatchDate: '2018-01-01', visibility: 'PUBLIC' });
    const cows = [await cattle(breeder, { sex: 'FEMALE', hatchDate: '2019-01-01' }), await cattle(breeder, { sex: 'FEMALE', hatchDate: '2019-01-02' })];
    const calves: string[] = [];
    for (let i = 0; i < 4; i++) calves.push(await cattle(breeder, { sex: i % 2 ? 'FEMALE' : 'MALE', hatchDate: '2022-03-01', sireId: bull, damId: cows[i % 2] }));
    // The neighbour makes the bull private: the breeder's calves are still his half-sibs.
    await setVisibility(harness.animals, neighbour, bull, 'PRIVATE');
    const values = [6.1, 4.2, 7.3, 5.5, 3.9, 6.6];
    await importRecords(
      breeder,
      [...cows, ...calves].map((id, i) => [id, values[i]]),
    );

    const token = await createIdentitySigner(harness.animals.identityKeys.privateKey).sign(breeder);
    const exported = await fetchEvaluationPedigree(`${harness.animals.url}`, token, { species: 'cattle', subjects: [] });
    expect(exported.animals).toHaveLength(7);
    expect(JSON.stringify(exported)).not.toContain(bull);
    const hidden = exported.animals.find((animal) => animal.id.startsWith('~'))!;
    expect(hidden).toMatchObject({ sex: null, birthDate: null, sire: null, dam: null, inbreeding: 0 });
    expect(
      exported.animals
        .filter((animal) => animal.sire === hidden.id)
        .map((animal) => animal.id)
        .sort(),
    ).toEqual([...calves].sort());

    const run = await evaluate(breeder, { species: 'cattle', trait: 'fat_depth', fixedEffects: ['SEX'], varianceComponents: { additive: 1, residual: 2 } });
    expect(run).toMatchObject({ status: 'SUCCEEDED', animals: 7, records: 6 });
    expect(await research.asAdmin('select count(*)::int as n from breeding_values where animal_id = $1', [bull])).toEqual([{ n: 0 }]);
    expect(await research.asAdmin('select count(*)::int as n from breeding_values where run_id = $1', [run.id])).toEqual([{ n: 6 }]);

    // The same equations with the bull known: the calves' EBVs carry the half-sib relationship he makes.
    const order = [bull, ...cows, ...calves];
    const withBull = evaluateAnimalModel(
      {
        pedigree: { sire: Int32Array.from([0, 0, 0, 1, 1, 1, 1]), dam: Int32Array.from([0, 0, 0, 2, 3, 2, 3]) },
        records: { animal: Int32Array.from([2, 3, 4, 5, 6, 7]), value: Float64Array.from(values) },
        fixedEffects: [{ name: 'sex', levels: 2, levelOfRecord: Int32Array.from([1, 1, 0, 1, 0, 1]) }],
        variance: { additive: 1, residual: 2 },
      },
      { tolerance: 1e-24 },
    );
    const got = await ebvs(breeder, order.slice(1));
    for (let i = 1; i < order.length; i++) expect(Math.abs(got[i - 1] - withBull.ebv[i])).toBeLessThan(1e-6);
  });
});
