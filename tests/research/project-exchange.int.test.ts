import { describe, expect, it } from 'vitest';
import { gql, gqlData } from '../support/gateway-client.js';
import { asAdmin } from '../support/postgres.js';
import { eventually, sharedFlock } from '../support/shared-flock.js';
import { graphql } from '../__generated__/index.js';

const EXPORT = graphql(`
  query ProjectExchangeExport($scope: EvaluationScopeInput) {
    exportEvaluationDataset(species: "sheep", trait: "body_weight", scope: $scope) { animals records files { name content } }
  }
`);
const IMPORT_VALUES = graphql(`
  mutation ProjectExchangeImport($csv: String!, $scope: EvaluationScopeInput) {
    importBreedingValues(species: "sheep", csv: $csv, scope: $scope) { imported errors { line message } run { id source status animals } }
  }
`);
const VALUES = graphql(`
  query ProjectExchangeValues($id: ID!, $scope: EvaluationScopeInput) { animal(id: $id) { breedingValues(scope: $scope) { ebv accuracy run { id source } } } }
`);
const RUNS = graphql(`query ProjectExchangeRuns($scope: EvaluationScopeInput) { evaluationRuns(scope: $scope) { id source } }`);
const READS = graphql(`query ProjectExchangeReads($grantId: ID!) { grantReads(grantId: $grantId, first: 100) { edges { node { userId animalIds } } } }`);
const GRANT = graphql(
  `mutation ProjectExchangeGrant($projectId: ID!, $selection: ProjectGrantSelection!) { grantProjectAccess(projectId: $projectId, selection: $selection) { id } }`,
);
const REVOKE = graphql(`mutation ProjectExchangeRevoke($id: ID!) { revokeProjectGrant(id: $id) }`);

type Dataset = { animals: number; records: number; files: { name: string; content: string }[] };

/** A file's lines without the trailing newline. */
function lines(dataset: Dataset, name: string): string[] {
  return dataset.files
    .find((file) => file.name === name)!
    .content.trimEnd()
    .split('\n');
}

/** The key file: number → id. */
function keyOf(dataset: Dataset): Map<string, string> {
  return new Map(
    lines(dataset, 'key.csv')
      .slice(1)
      .map((line) => line.split(',') as [string, string]),
  );
}

describe('exchange of a research project’s data with BLUPF90 and R, through the gateway', () => {
  it('lets an ANALYST of another organisation export the shared flock, import EBVs for it as a project run and read them; a revoked grant exports nothing', async () => {
    const flock = await sharedFlock('Project exchange');
    const { a, b, c, d, projectId } = flock;
    const scope = { kind: 'PROJECT' as const, projectId };

    const viewer = await gql(EXPORT, { scope }, c.token);
    expect(viewer.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'scope.projectId' });
    expect(viewer.errors?.[0]?.message).toMatch(/VIEWER/);
    expect((await gql(EXPORT, { scope }, d.token)).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'scope.projectId' });

    const { exportEvaluationDataset: dataset } = await gqlData(EXPORT, { scope }, b.token);
    // The six shared animals with their records and the unshared ram as a pseudonymous sire.
    expect(dataset).toMatchObject({ animals: 7, records: 6 });
    const key = keyOf(dataset);
    const numberOf = new Map([...key].map(([n, id]) => [id, n]));
    expect([...key.values()].filter((id) => !id.startsWith('~')).sort()).toEqual([...flock.shared].sort());
    expect([...key.values()].filter((id) => id.startsWith('~'))).toHaveLength(1);
    // Nothing of what the grant does not share: not A's unshared ewe, not the ram's id, not B's own sheep.
    for (const file of dataset.files) for (const hidden of [flock.unshared, flock.ram, flock.own]) expect(file.content, file.name).not.toContain(hidden);
    // BLUPF90: renumbered parents first, 0 for an unknown parent; a lamb's dam is its shared ewe.
    const pedigree = lines(dataset, 'pedigree.txt').map((line) => line.split(' '));
    expect(pedigree).toHaveLength(7);
    for (const [animal, sire, dam] of pedigree) for (const parent of [sire, dam]) if (parent !== '0') expect(Number(parent)).toBeLessThan(Number(animal));
    const lamb = pedigree.find(([animal]) => key.get(animal) === flock.shared[2])!;
    expect(key.get(lamb[2])).toBe(flock.shared[0]);
    expect(key.get(lamb[1])).toMatch(/^~/);
    expect(
      lines(dataset, 'data.txt')
        .map((line) => key.get(line.split(' ')[0]))
        .sort(),
    ).toEqual([...flock.shared].sort());
    expect(lines(dataset, 'pedigree-r.csv')).toContain(`${flock.shared[2]},${key.get(lamb[1])},${flock.shared[0]}`);
    expect(lines(dataset, 'ebv.csv')).toEqual(['id,trait,ebv,accuracy']);
    expect(numberOf.size).toBe(7);

    // The export read the shared PRIVATE animals through the grant: A's access log shows it, in one entry.
    const reads = (await gqlData(READS, { grantId: flock.grantId }, a.token)).grantReads.edges.map((edge) => edge.node);
    const privateShared = flock.shared.filter((id) => id !== flock.publicLamb).sort();
    expect(reads).toContainEqual({ userId: b.userId, animalIds: privateShared });

    // EBVs computed elsewhere come back as a run of the project; an animal the project does not share refuses the file.
    const ebvs = flock.shared.map((id, i) => `${id},body_weight,${(i - 2.5).toFixed(1)},0.${i + 1}`);
    const refusedCsv = ['id,trait,ebv,accuracy', ...ebvs, `${flock.own},body_weight,1.0,0.5`].join('\n');
    const refused = (await gqlData(IMPORT_VALUES, { csv: refusedCsv, scope }, b.token)).importBreedingValues;
    expect(refused).toMatchObject({ imported: 0, run: null, errors: [{ line: 8, message: expect.stringMatching(/project shares/) }] });
    expect(await asAdmin('research', 'select count(*)::int as n from evaluation_runs where project_id = $1', [projectId])).toEqual([{ n: 0 }]);
    const csv = ['id,trait,ebv,accuracy', ...ebvs].join('\n');
    expect((await gql(IMPORT_VALUES, { csv, scope }, c.token)).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect((await gql(IMPORT_VALUES, { csv, scope }, d.token)).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    const { importBreedingValues: imported } = await gqlData(IMPORT_VALUES, { csv, scope }, b.token);
    expect(imported).toMatchObject({ imported: 6, errors: [], run: { source: 'EXTERNAL', status: 'SUCCEEDED', animals: 6 } });
    for (const member of [a, b, c]) {
      expect((await gqlData(RUNS, { scope }, member.token)).evaluationRuns).toEqual([{ id: imported.run!.id, source: 'EXTERNAL' }]);
      const { animal } = await gqlData(VALUES, { id: flock.shared[3], scope }, member.token);
      expect(animal?.breedingValues).toEqual([{ ebv: 0.5, accuracy: 0.4, run: { id: imported.run!.id, source: 'EXTERNAL' } }]);
    }
    // The project's run, not the organisation's: B's own values stay empty.
    expect((await gqlData(VALUES, { id: flock.shared[3] }, b.token)).animal?.breedingValues).toEqual([]);
    const again = (await gqlData(EXPORT, { scope }, b.token)).exportEvaluationDataset;
    expect(lines(again, 'ebv.csv').slice(1).sort()).toEqual([...ebvs].sort());

    // A second grant shares the other ewe; once the first is revoked, the export holds only what the second shares.
    const { grantProjectAccess: second } = await gqlData(GRANT, { projectId, selection: { animalIds: [flock.unshared] } }, a.token);
    await eventually(async () => (await gqlData(VALUES, { id: flock.unshared, scope }, b.token)).animal !== null, 3_000);
    expect((await gqlData(REVOKE, { id: flock.grantId }, a.token)).revokeProjectGrant).toBe(true);
    await eventually(async () => (await gqlData(VALUES, { id: flock.shared[0], scope }, b.token)).animal === null, 3_000);
    const after = (await gqlData(EXPORT, { scope }, b.token)).exportEvaluationDataset;
    expect(after).toMatchObject({ animals: 1, records: 1 });
    expect([...keyOf(after).values()]).toEqual([flock.unshared]);
    for (const file of after.files) for (const id of flock.shared) expect(file.content, file.name).not.toContain(id);
    expect(lines(after, 'ebv.csv')).toEqual(['id,trait,ebv,accuracy']);
    expect((await gqlData(READS, { grantId: second.id }, a.token)).grantReads.edges.map((edge) => edge.node)).toContainEqual({
      userId: b.userId,
      animalIds: [flock.unshared],
    });
  });
});
