import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import * as researchSchema from '@studbook/drizzle/research';
import { evaluationRuns } from '@studbook/drizzle/research';
import { createIdentitySigner, IDENTITY_HEADER, TenantDb } from '@studbook/platform';
import { gql, gqlData, type Member } from '../support/gateway-client.js';
import { eventually, sharedFlock } from '../support/shared-flock.js';
import { asAdmin } from '../support/postgres.js';
import { graphql } from '../__generated__/index.js';

const REVOKE = graphql(`mutation ProjectEvalRevoke($id: ID!) { revokeProjectGrant(id: $id) }`);
const READS = graphql(`query ProjectEvalReads($grantId: ID!) { grantReads(grantId: $grantId, first: 100) { edges { node { userId animalIds } } } }`);
const RUN = graphql(`mutation ProjectEvalRun($input: RunGeneticEvaluationInput!) { runGeneticEvaluation(input: $input) { id status } }`);
const CANCEL = graphql(`mutation ProjectEvalCancel($id: ID!) { cancelEvaluation(id: $id) { id } }`);
const POLL = graphql(`query ProjectEvalPoll($id: ID!) { evaluationRun(id: $id) { id status animals records error } }`);
const RUNS = graphql(`query ProjectEvalRuns($scope: EvaluationScopeInput) { evaluationRuns(scope: $scope) { id } }`);
const TREND = graphql(`query ProjectEvalTrend($scope: EvaluationScopeInput) { geneticTrend(species: "sheep", trait: "body_weight", scope: $scope) { year animals } }`);
const VALUES = graphql(`
  query ProjectEvalValues($id: ID!, $scope: EvaluationScopeInput) { animal(id: $id) { id breedingValues(scope: $scope) { trait { id } ebv run { id } } } }
`);

/**
 * The project's values of an animal as the research subgraph gives them for a bare reference, the way the gateway asks it
 * for any Animal another subgraph names: the research side must not show values of an animal the caller cannot see.
 */
async function referencedValues(member: Member, animalId: string, projectId: string): Promise<unknown[]> {
  const token = await createIdentitySigner(inject('identityPrivateKey')).sign({
    kind: 'user',
    userId: member.userId,
    organizationId: member.organizationId,
    role: 'OWNER',
  });
  const response = await fetch(inject('subgraphUrls').research, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: token },
    body: JSON.stringify({
      query: 'query ($reps: [_Any!]!, $scope: EvaluationScopeInput) { _entities(representations: $reps) { ... on Animal { breedingValues(scope: $scope) { ebv } } } }',
      variables: { reps: [{ __typename: 'Animal', id: animalId }], scope: { kind: 'PROJECT', projectId } },
    }),
  });
  const body = (await response.json()) as { data: { _entities: { breedingValues: unknown[] }[] } };
  return body.data._entities[0].breedingValues;
}

async function finished(id: string, member: Member) {
  for (let poll = 0; poll < 600; poll++) {
    const { evaluationRun } = await gqlData(POLL, { id }, member.token);
    if (evaluationRun && !['QUEUED', 'RUNNING'].includes(evaluationRun.status)) return evaluationRun;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`evaluation ${id} did not finish`);
}

describe('evaluations of a research project, through the gateway', () => {
  it("let a member of another organisation evaluate the flock shared with the project and read its EBVs; VIEWERs and strangers can't run it, strangers see nothing", async () => {
    const flock = await sharedFlock('Project evaluation');
    const { a, b, c, d, projectId } = flock;
    const scope = { kind: 'PROJECT' as const, projectId };
    const input = { species: 'sheep', trait: 'body_weight', fixedEffects: ['SEX' as const], heritability: 0.3, scope };

    const viewer = await gql(RUN, { input }, c.token);
    expect(viewer.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'scope.projectId' });
    const stranger = await gql(RUN, { input }, d.token);
    expect(stranger.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'scope.projectId' });
    expect(await asAdmin('research', 'select count(*)::int as n from evaluation_runs where project_id = $1', [projectId])).toEqual([{ n: 0 }]);

    const { runGeneticEvaluation: started } = await gqlData(RUN, { input }, b.token);
    expect(started.status).toBe('QUEUED');
    const run = await finished(started.id, b);
    // The six shared animals with their records and the unshared ram as a pseudonymous sire; not A's unshared ewe, not B's own.
    expect(run).toMatchObject({ status: 'SUCCEEDED', animals: 7, records: 6, error: null });

    // The run is the project's, held by its owning organisation; nothing is stored for the unshared ram.
    expect(await asAdmin('research', 'select tenant_id, scope, project_id from evaluation_runs where id = $1', [run.id])).toEqual([
      { tenant_id: a.organizationId, scope: `PROJECT:${projectId}`, project_id: projectId },
    ]);
    const stored = await asAdmin<{ animal_id: string }>('research', 'select animal_id from breeding_values where run_id = $1', [run.id]);
    expect(stored.map((row) => row.animal_id).sort()).toEqual([...flock.shared].sort());
    // The run's pedigree read of the shared PRIVATE animals is in A's access log, as any read through a grant.
    const reads = (await gqlData(READS, { grantId: flock.grantId }, a.token)).grantReads.edges.map((edge) => edge.node);
    const privateShared = flock.shared.filter((id) => id !== flock.publicLamb).sort();
    expect(reads).toContainEqual({ userId: b.userId, animalIds: privateShared });

    for (const member of [a, b, c]) {
      const { animal } = await gqlData(VALUES, { id: flock.shared[2], scope }, member.token);
      expect(animal?.breedingValues, member.email).toEqual([{ trait: { id: 'body_weight' }, ebv: expect.any(Number), run: { id: run.id } }]);
      expect((await gqlData(POLL, { id: run.id }, member.token)).evaluationRun?.status).toBe('SUCCEEDED');
      expect((await gqlData(RUNS, { scope }, member.token)).evaluationRuns).toEqual([{ id: run.id }]);
      expect((await gqlData(TREND, { scope }, member.token)).geneticTrend).toEqual([
        { year: 2020, animals: 2 },
        { year: 2023, animals: 4 },
      ]);
      // The organisation's own evaluations are another scope: the project's run is not among them.
      expect((await gqlData(RUNS, {}, member.token)).evaluationRuns).toEqual([]);
    }
    // The lambs' EBVs follow the records: the heaviest lamb ranks above the lightest.
    const ebv = async (id: string) => (await gqlData(VALUES, { id, scope }, b.token)).animal!.breedingValues[0].ebv;
    expect(await ebv(flock.shared[2])).toBeGreaterThan(await ebv(flock.shared[5]));
    expect((await gqlData(VALUES, { id: flock.shared[2] }, b.token)).animal?.breedingValues).toEqual([]);

    // A stranger sees the public lamb but none of the project's values for it, nor the run, the list or the trend.
    expect((await gqlData(VALUES, { id: flock.publicLamb, scope }, d.token)).animal).toEqual({ id: flock.publicLamb, breedingValues: [] });
    expect((await gqlData(VALUES, { id: flock.shared[0], scope }, d.token)).animal).toBeNull();
    expect((await gqlData(POLL, { id: run.id }, d.token)).evaluationRun).toBeNull();
    expect((await gqlData(RUNS, { scope }, d.token)).evaluationRuns).toEqual([]);
    expect((await gqlData(TREND, { scope }, d.token)).geneticTrend).toEqual([]);
    expect((await gql(CANCEL, { id: run.id }, d.token)).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect((await gql(CANCEL, { id: run.id }, c.token)).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect((await gql(CANCEL, { id: run.id }, b.token)).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });

    // RLS, not only the resolvers: a user of the owning organisation who is no member of the project reads none of it.
    const pool = new pg.Pool({ connectionString: inject('serviceDatabaseUrls').research, max: 1 });
    try {
      const db = new TenantDb(pool, researchSchema);
      const runsAs = (userId: string) => db.run({ tenantId: a.organizationId, userId }, (tx) => tx.select({ id: evaluationRuns.id }).from(evaluationRuns));
      expect(await runsAs(randomUUID())).toEqual([]);
      expect(await runsAs(a.userId)).toEqual([{ id: run.id }]);
    } finally {
      await pool.end();
    }
  });

  it('keeps one active run per project, species and trait, whichever member starts it', async () => {
    const { a, b, c, projectId } = await sharedFlock('Project evaluation');
    const scope = { kind: 'PROJECT' as const, projectId };
    const input = { species: 'sheep', trait: 'body_weight', heritability: 0.3, scope };
    // A run of another instance still going: inserted as it would be, QUEUED with a fresh heartbeat.
    const [active] = await asAdmin<{ id: string }>(
      'research',
      `insert into evaluation_runs (tenant_id, project_id, scope, species, trait, source, status, fixed_effects, heritability, heartbeat_at)
       values ($1, $2, $3, 'sheep', 'body_weight', 'BLUP', 'QUEUED', '{}', 0.3, now()) returning id`,
      [a.organizationId, projectId, `PROJECT:${projectId}`],
    );
    for (const member of [a, b]) {
      const response = await gql(RUN, { input }, member.token);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });
    }
    // A VIEWER cannot cancel it; an ANALYST of another organisation can, and then starts the project's run.
    expect((await gql(CANCEL, { id: active.id }, c.token)).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect((await gqlData(POLL, { id: active.id }, b.token)).evaluationRun?.status).toBe('QUEUED');
    expect((await gqlData(CANCEL, { id: active.id }, b.token)).cancelEvaluation.id).toBe(active.id);
    expect((await gqlData(POLL, { id: active.id }, a.token)).evaluationRun?.status).toBe('CANCELLED');
    const { runGeneticEvaluation: project } = await gqlData(RUN, { input }, b.token);
    expect(await finished(project.id, b)).toMatchObject({ status: 'SUCCEEDED', records: 6 });
    // The organisation's own evaluation of the same trait is another scope: it runs (over A's own records only).
    const { runGeneticEvaluation: own } = await gqlData(RUN, { input: { species: 'sheep', trait: 'body_weight', heritability: 0.3 } }, a.token);
    expect(await finished(own.id, a)).toMatchObject({ status: 'SUCCEEDED', records: 8 });
    // B's organisation evaluation has B's own record only, not what the project shares with B.
    const { runGeneticEvaluation: lab } = await gqlData(RUN, { input: { species: 'sheep', trait: 'body_weight', heritability: 0.3 } }, b.token);
    expect(await finished(lab.id, b)).toMatchObject({ status: 'SUCCEEDED', records: 1 });
  });

  it('hides the EBVs of the flock once its grant is revoked, and refuses a new run without grants', async () => {
    const flock = await sharedFlock('Project evaluation');
    const { a, b, projectId } = flock;
    const scope = { kind: 'PROJECT' as const, projectId };
    const { runGeneticEvaluation: started } = await gqlData(RUN, { input: { species: 'sheep', trait: 'body_weight', heritability: 0.3, scope } }, b.token);
    expect((await finished(started.id, b)).status).toBe('SUCCEEDED');
    expect((await gqlData(VALUES, { id: flock.shared[0], scope }, b.token)).animal?.breedingValues).toHaveLength(1);
    expect(await referencedValues(b, flock.shared[0], projectId)).toHaveLength(1);

    expect((await gqlData(REVOKE, { id: flock.grantId }, a.token)).revokeProjectGrant).toBe(true);
    await eventually(async () => (await gqlData(VALUES, { id: flock.shared[0], scope }, b.token)).animal === null, 3_000);
    for (const id of flock.shared.slice(0, 5)) {
      expect((await gqlData(VALUES, { id, scope }, b.token)).animal).toBeNull();
      expect(await referencedValues(b, id, projectId)).toEqual([]);
    }
    // The public lamb is still seen by all, and its value, computed while the flock was shared, still read by members.
    expect(await referencedValues(b, flock.publicLamb, projectId)).toHaveLength(1);
    // The owner still reads the project's results for its own animals.
    expect((await gqlData(VALUES, { id: flock.shared[0], scope }, a.token)).animal?.breedingValues).toHaveLength(1);

    const again = await gql(RUN, { input: { species: 'sheep', trait: 'body_weight', heritability: 0.3, scope } }, b.token);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'scope.projectId' });
  });
});
