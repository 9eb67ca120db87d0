import { graphqlData } from './graphql-client.js';

const RUNS = 'query { evaluationRuns(species: "sheep", trait: "weaning_weight") { id status } }';
const RUN = `mutation($input: RunGeneticEvaluationInput!) { runGeneticEvaluation(input: $input) { id } }`;
const POLL = 'query($id: ID!) { evaluationRun(id: $id) { status error } }';

/**
 * One finished genetic evaluation of the demo flock's weaning weights (sex and birth year as fixed effects, h² = 0.25),
 * run through the API as a user would, so `Animal.breedingValues` and `geneticTrend` have something to show after the first
 * start. Checked on its own, like the photos, so a flock loaded before evaluations existed gets one too; true when it ran.
 */
export async function loadDemoEvaluation(url: string, token: string): Promise<boolean> {
  const { evaluationRuns } = await graphqlData<{ evaluationRuns: { status: string }[] }>(url, RUNS, {}, token);
  if (evaluationRuns.some((run) => run.status === 'SUCCEEDED')) return false;
  const { runGeneticEvaluation } = await graphqlData<{ runGeneticEvaluation: { id: string } }>(
    url,
    RUN,
    { input: { species: 'sheep', trait: 'weaning_weight', fixedEffects: ['SEX', 'BIRTH_YEAR'], heritability: 0.25 } },
    token,
  );
  // A worker thread loading its sources takes a few seconds on a busy machine; the flock itself solves in milliseconds.
  for (let poll = 0; poll < 600; poll++) {
    const { evaluationRun } = await graphqlData<{ evaluationRun: { status: string; error: string | null } }>(url, POLL, { id: runGeneticEvaluation.id }, token);
    if (evaluationRun.status === 'SUCCEEDED') return true;
    if (evaluationRun.status !== 'QUEUED' && evaluationRun.status !== 'RUNNING')
      throw new Error(`The demo evaluation ended ${evaluationRun.status}: ${evaluationRun.error}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('The demo evaluation did not finish within two minutes');
}
