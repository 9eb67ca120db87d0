import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWithAnimalSubgraph, type ReferencingSubgraphHarness } from '../../../../../tests/support/animal-subgraph-harness.js';
import { aMember, type SqlSubgraphHarness } from '../../../../../tests/support/sql-subgraph-harness.js';
import { startResearchSubgraph, type ResearchSubgraphDeps } from '../../server.js';

const CREATE = /* GraphQL */ `mutation EvaluationJobsCreate($input: CreateAnimalInput!) { createAnimal(input: $input) { id } }`;
const IMPORT = /* GraphQL */ `mutation EvaluationJobsImport($csv: String!) { importMeasurements(csv: $csv) { imported errors { line message } } }`;
const RUN = /* GraphQL */ `mutation EvaluationJobsRun($input: RunGeneticEvaluationInput!) { runGeneticEvaluation(input: $input) { id status } }`;
const CANCEL = /* GraphQL */ `mutation EvaluationJobsCancel($id: ID!) { cancelEvaluation(id: $id) { id status error finishedAt } }`;
const POLL = /* GraphQL */ `query EvaluationJobsPoll($id: ID!) { evaluationRun(id: $id) { status progress iterations animals records error } }`;

type Member = ReturnType<typeof aMember>;
type Run = { status: string; progress: number; iterations: number; animals: number | null; records: number | null; error: string | null };

let harness: ReferencingSubgraphHarness;
let research: SqlSubgraphHarness;
let deps: ResearchSubgraphDeps;

beforeAll(async () => {
  harness = await startWithAnimalSubgraph('research', (given, listen) => {
    // Tolerance 0 is never reached: a run iterates until cancelled, slowly enough to be watched.
    deps = { ...given, evaluationSolver: { tolerance: 0, maxIterations: 50_000_000 } };
    return startResearchSubgraph(deps, listen);
  });
  research = harness.subgraph;
});

afterAll(() => harness?.stop());

async function herdWithRecords(owner: Member): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < 6; i++) {
    const response = await harness.animals.request<{ createAnimal: { id: string } }>(
      CREATE,
      { input: { name: `Calf ${i}`, species: 'Cattle', sex: i % 2 ? 'FEMALE' : 'MALE', sireId: i >= 2 ? ids[0] : undefined, damId: i >= 2 ? ids[1] : undefined } },
      owner,
    );
    expect(response.errors).toBeUndefined();
    ids.push(response.data!.createAnimal.id);
  }
  const csv = ['animal,trait,value,unit,date', ...ids.slice(2).map((id, i) => `${id},fat_depth,${3 + i},mm,2024-05-01`)].join('\n');
  expect((await research.request(IMPORT, { csv }, owner)).data).toEqual({ importMeasurements: { imported: 4, errors: [] } });
  return ids;
}

async function poll(id: string, owner: Member): Promise<Run> {
  return (await research.request<{ evaluationRun: Run }>(POLL, { id }, owner)).data!.evaluationRun;
}

async function until(id: string, owner: Member, done: (run: Run) => boolean): Promise<Run> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const run = await poll(id, owner);
    if (done(run)) return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the run never got there');
}

const input = { species: 'cattle', trait: 'fat_depth', fixedEffects: ['SEX'], heritability: 0.3 };

describe('evaluation jobs', { timeout: 60_000 }, () => {
  it('show their progress while running, allow one at a time, and stop for good when cancelled', async () => {
    const owner = aMember();
    await herdWithRecords(owner);
    const started = await research.request<{ runGeneticEvaluation: { id: string; status: string } }>(RUN, { input }, owner);
    expect(started.data?.runGeneticEvaluation.status).toBe('QUEUED');
    const id = started.data!.runGeneticEvaluation.id;

    const running = await until(id, owner, (run) => run.status === 'RUNNING' && run.iterations > 0);
    expect(running).toMatchObject({ animals: 6, records: 4, error: null });
    expect(running.progress).toBeGreaterThanOrEqual(0.1);
    const later = await until(id, owner, (run) => run.iterations > running.iterations);
    expect(later.progress).toBeGreaterThanOrEqual(running.progress);
    expect(later.progress).toBeLessThan(1);

    const second = await research.request(RUN, { input }, owner);
    expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });
    expect(await research.asAdmin('select count(*)::int as n from evaluation_runs where tenant_id = $1', [owner.organizationId])).toEqual([{ n: 1 }]);

    const cancelled = await research.request<{ cancelEvaluation: { status: string; error: string } }>(CANCEL, { id }, owner);
    expect(cancelled.data?.cancelEvaluation).toMatchObject({ status: 'CANCELLED', error: 'Cancelled' });
    const stopped = await poll(id, owner);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(await poll(id, owner)).toEqual(stopped);
    expect(await research.asAdmin('select count(*)::int as n from breeding_values where tenant_id = $1', [owner.organizationId])).toEqual([{ n: 0 }]);
    expect((await research.request(CANCEL, { id }, owner)).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });
    expect((await research.request(CANCEL, { id }, aMember())).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('stop when another instance records the cancel in the database', async () => {
    const owner = aMember();
    await herdWithRecords(owner);
    const id = (await research.request<{ runGeneticEvaluation: { id: string } }>(RUN, { input }, owner)).data!.runGeneticEvaluation.id;
    await until(id, owner, (run) => run.iterations > 0);
    await research.asAdmin(`update evaluation_runs set status = 'CANCELLED', error = 'Cancelled', finished_at = now() where id = $1`, [id]);
    // The worker learns of it at its next progress write (every 0.5 s) and stops; its progress no longer moves.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const settled = await poll(id, owner);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(await poll(id, owner)).toEqual(settled);
    expect(settled.status).toBe('CANCELLED');
  });

  it('are failed with a reason when the process that ran them is gone, by the next instance to start', async () => {
    const owner = aMember();
    const [abandoned] = await research.asAdmin<{ id: string }>(
      `insert into evaluation_runs (tenant_id, scope, species, trait, source, status, fixed_effects, heritability, started_at, heartbeat_at)
       values ($1, 'ORGANIZATION', 'cattle', 'fat_depth', 'BLUP', 'RUNNING', '{}', 0.3, now() - interval '10 minutes', now() - interval '5 minutes') returning id`,
      [owner.organizationId],
    );
    const restarted = await startResearchSubgraph(deps, { port: 0, host: '127.0.0.1' });
    try {
      const run = await poll(abandoned.id, owner);
      expect(run.status).toBe('FAILED');
      expect(run.error).toMatch(/platform stopped/);
    } finally {
      await restarted.stop();
    }
  });
});
