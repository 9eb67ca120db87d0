import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAnimal, gql, gqlData, newOrganization, type Member } from '../support/gateway-client.js';
import { dataAt } from '../support/operations.js';
import { asAdmin } from '../support/postgres.js';
import { eventually, sharedProject, startAnimalReplica } from '../support/research-projects.js';
import { graphql } from '../__generated__/index.js';

const CREATE_FARM = graphql(`mutation FarmGrantCreateFarm($input: FarmInput!) { createFarm(input: $input) { id } }`);
const CREATE_GROUP = graphql(`mutation FarmGrantCreateGroup($input: CreateGroupInput!) { createGroup(input: $input) { id } }`);
const ASSIGN = graphql(
  `mutation FarmGrantAssign($animal: ID!, $farm: ID!, $group: ID, $from: Date!) { assignAnimal(animalId: $animal, farmId: $farm, groupId: $group, from: $from) { id } }`,
);
const GRANT = graphql(`
  mutation FarmGrantGrant($projectId: ID!, $selection: ProjectGrantSelection!) {
    grantProjectAccess(projectId: $projectId, selection: $selection) { id species farmId groupId farm { name } group { name } animalsCovered }
  }
`);
const REVOKE = graphql(`mutation FarmGrantRevoke($id: ID!) { revokeProjectGrant(id: $id) }`);
const RECORD = graphql(`mutation FarmGrantRecord($input: RecordMeasurementInput!) { recordMeasurement(input: $input) { id } }`);
const ANIMAL = graphql(`
  query FarmGrantAnimal($id: ID!) {
    animal(id: $id) { id name visibility measurements { value } pedigree(generations: 2) { nodes { position animal { id name } } } }
  }
`);
const MEASUREMENT = graphql(`query FarmGrantMeasurement($id: ID!) { measurement(id: $id) { id value } }`);
const PROJECT_GRANTS = graphql(`query FarmGrantProjectGrants($id: ID!) { researchProject(id: $id) { grants { id farmId groupId farm { name } animalsCovered } } }`);
const READS = graphql(`query FarmGrantReads($grantId: ID!) { grantReads(grantId: $grantId, first: 100) { edges { node { userId animalIds } } } }`);
const RUN = graphql(`mutation FarmGrantRun($input: RunGeneticEvaluationInput!) { runGeneticEvaluation(input: $input) { id } }`);
const POLL = graphql(`query FarmGrantPoll($id: ID!) { evaluationRun(id: $id) { status records error } }`);
const VALUES = graphql(`query FarmGrantValues($id: ID!, $scope: EvaluationScopeInput) { animal(id: $id) { breedingValues(scope: $scope) { ebv } } }`);

const sheep = (member: Member, name: string, sex: 'MALE' | 'FEMALE' = 'FEMALE', sireId?: string) =>
  createAnimal(member, { name, species: 'Sheep', sex, visibility: 'PRIVATE', sireId });
const weigh = (member: Member, animalId: string, value: number) =>
  gqlData(RECORD, { input: { animalId, trait: 'body_weight', value, unit: 'kg', measuredAt: '2024-05-01T00:00:00Z' } }, member.token);
const farm = (member: Member, name: string) =>
  gqlData(CREATE_FARM, { input: { name, latitude: -45.87, longitude: 170.5 } }, member.token).then((data) => data.createFarm.id);
const group = (member: Member, farmId: string, name: string) => gqlData(CREATE_GROUP, { input: { farmId, name } }, member.token).then((data) => data.createGroup.id);
const assign = (member: Member, animal: string, farmId: string, groupId: string | null, from = '2024-03-01') =>
  gqlData(ASSIGN, { animal, farm: farmId, group: groupId, from }, member.token);

async function finished(id: string, member: Member) {
  for (let poll = 0; poll < 600; poll++) {
    const { evaluationRun } = await gqlData(POLL, { id }, member.token);
    if (evaluationRun && !['QUEUED', 'RUNNING'].includes(evaluationRun.status)) return evaluationRun;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`evaluation ${id} did not finish`);
}

describe.runIf(inject('redisUrl'))('data-sharing grants by farm and by group, through the gateway', () => {
  let replica: Awaited<ReturnType<typeof startAnimalReplica>>;

  beforeAll(async () => {
    replica = await startAnimalReplica();
  });

  afterAll(() => replica?.stop());

  it("shows a member of another organisation the farm's PRIVATE animals, their measurements, pedigree and EBVs, and nothing of another farm", async () => {
    const { owner, researcher, projectId } = await sharedProject('Farm flock');
    const [home, hill] = await Promise.all([farm(owner, 'Home paddocks'), farm(owner, 'Hill block')]);
    const ram = await sheep(owner, 'Home ram', 'MALE');
    const [ewe, lamb, away] = await Promise.all([sheep(owner, 'Home ewe'), sheep(owner, 'Home lamb', 'MALE', ram.id), sheep(owner, 'Hill ewe')]);
    await Promise.all([assign(owner, ram.id, home, null), assign(owner, ewe.id, home, null), assign(owner, lamb.id, home, null), assign(owner, away.id, hill, null)]);
    const [{ recordMeasurement: shared }, , , { recordMeasurement: hidden }] = await Promise.all([
      weigh(owner, ewe.id, 61),
      weigh(owner, ram.id, 88),
      weigh(owner, lamb.id, 35),
      weigh(owner, away.id, 57),
    ]);

    const { grantProjectAccess: grant } = await gqlData(GRANT, { projectId, selection: { farmId: home } }, owner.token);
    expect(grant).toEqual({ id: expect.any(String), species: null, farmId: home, groupId: null, farm: { name: 'Home paddocks' }, group: null, animalsCovered: 3 });
    await eventually(async () => (await gqlData(ANIMAL, { id: ewe.id }, researcher.token)).animal !== null, 2_000);

    const { animal } = await gqlData(ANIMAL, { id: lamb.id }, researcher.token);
    expect(animal).toMatchObject({ name: 'Home lamb', visibility: 'PRIVATE', measurements: [{ value: 35 }] });
    // The sire is on the farm too, so the pedigree shows him.
    expect(animal!.pedigree.nodes).toContainEqual({ position: 'S', animal: { id: ram.id, name: 'Home ram' } });
    expect((await gqlData(MEASUREMENT, { id: shared.id }, researcher.token)).measurement).toEqual({ id: shared.id, value: 61 });
    expect((await gqlData(ANIMAL, { id: away.id }, researcher.token)).animal).toBeNull();
    expect((await gqlData(MEASUREMENT, { id: hidden.id }, researcher.token)).measurement).toBeNull();
    // Members see the grant names a farm, but not the farm itself (it is the granting organisation's), nor its head count.
    expect((await gqlData(PROJECT_GRANTS, { id: projectId }, researcher.token)).researchProject?.grants).toEqual([
      { id: grant.id, farmId: home, groupId: null, farm: null, animalsCovered: null },
    ]);
    const reads = (await gqlData(READS, { grantId: grant.id }, owner.token)).grantReads.edges.map((edge) => edge.node);
    expect(reads).toContainEqual({ userId: researcher.userId, animalIds: [lamb.id] });

    // An evaluation of the project reads the farm's records (and only those) and shows the member the EBVs.
    const scope = { kind: 'PROJECT' as const, projectId };
    const { runGeneticEvaluation: started } = await gqlData(
      RUN,
      { input: { species: 'sheep', trait: 'body_weight', fixedEffects: ['SEX'], heritability: 0.3, scope } },
      researcher.token,
    );
    expect(await finished(started.id, researcher)).toEqual({ status: 'SUCCEEDED', records: 3, error: null });
    expect((await gqlData(VALUES, { id: ewe.id, scope }, researcher.token)).animal?.breedingValues).toEqual([{ ebv: expect.any(Number) }]);
    expect((await gqlData(VALUES, { id: away.id, scope }, researcher.token)).animal).toBeNull();
  });

  it('follows the animals assigned to a group in and away within a second on every instance, and stops at revocation', async () => {
    const { owner, researcher, projectId } = await sharedProject('Group flock');
    const home = await farm(owner, 'Home');
    const [mob, other] = await Promise.all([group(owner, home, 'Mob 1'), group(owner, home, 'Mob 2')]);
    const [ewe, later] = await Promise.all([sheep(owner, 'In the mob'), sheep(owner, 'Joins later')]);
    await Promise.all([assign(owner, ewe.id, home, mob, '2024-01-01'), assign(owner, later.id, home, other, '2024-01-01')]);
    const { recordMeasurement } = await weigh(owner, ewe.id, 60);
    const { grantProjectAccess: grant } = await gqlData(GRANT, { projectId, selection: { groupId: mob, species: 'sheep' } }, owner.token);
    // A group grant follows the group's farm too.
    expect(grant).toMatchObject({ farmId: home, groupId: mob, group: { name: 'Mob 1' }, animalsCovered: 1 });

    const seenOn = (url: string, id: string) => async () => (await dataAt(url, ANIMAL, { id }, researcher.token)).animal !== null;
    const goneOn = (url: string, id: string) => async () => !(await seenOn(url, id)());
    const onBoth = async (check: (url: string) => () => Promise<boolean>, ms: number) =>
      Math.max(await eventually(check(inject('gatewayUrl')), ms), await eventually(check(replica.gatewayUrl), ms));
    await onBoth((url) => seenOn(url, ewe.id), 2_000);
    expect(await seenOn(inject('gatewayUrl'), later.id)()).toBe(false);

    await assign(owner, later.id, home, mob, '2024-06-01');
    expect(await onBoth((url) => seenOn(url, later.id), 1_000)).toBeLessThanOrEqual(1_000);

    // Assigned away to another group of the same farm: no longer shared, and its measurements at once.
    await assign(owner, ewe.id, home, other, '2024-06-01');
    expect(await onBoth((url) => goneOn(url, ewe.id), 1_000)).toBeLessThanOrEqual(1_000);
    expect((await gqlData(MEASUREMENT, { id: recordMeasurement.id }, researcher.token)).measurement).toBeNull();
    expect((await gqlData(PROJECT_GRANTS, { id: projectId }, owner.token)).researchProject?.grants[0].animalsCovered).toBe(1);

    expect((await gqlData(REVOKE, { id: grant.id }, owner.token)).revokeProjectGrant).toBe(true);
    expect(await onBoth((url) => goneOn(url, later.id), 1_000)).toBeLessThanOrEqual(1_000);
  });

  it("refuses another organisation's farm, an unknown group and a group of another farm, and writes nothing", async () => {
    const { owner, projectId } = await sharedProject('Bad farm grants');
    const neighbour = await newOrganization('Neighbour farm');
    const [home, hill, theirs] = await Promise.all([farm(owner, 'Home'), farm(owner, 'Hill'), farm(neighbour, 'Theirs')]);
    const hillMob = await group(owner, hill, 'Hill mob');
    const refused = async (selection: Record<string, string>) => (await gql(GRANT, { projectId, selection }, owner.token)).errors?.[0]?.extensions;
    expect(await refused({ farmId: theirs })).toMatchObject({ code: 'NOT_FOUND', field: 'selection.farmId' });
    expect(await refused({ groupId: '0190d7a4-0000-7000-8000-00000000dead' })).toMatchObject({ code: 'NOT_FOUND', field: 'selection.groupId' });
    expect(await refused({ farmId: home, groupId: hillMob })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'selection.groupId' });
    expect(await refused({ farmId: 'not-an-id' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'selection.farmId' });
    expect(await asAdmin('research', 'select count(*)::int as n from project_grants where project_id = $1', [projectId])).toEqual([{ n: 0 }]);
    expect(await asAdmin('research', `select count(*)::int as n from outbox where tenant_id = $1 and aggregate_type = 'projectGrant'`, [owner.organizationId])).toEqual([
      { n: 0 },
    ]);
  });

  it('shares through a species grant the measurements recorded before measurements carried their species', async () => {
    const { owner, researcher, projectId } = await sharedProject('Old records');
    const ewe = await sheep(owner, 'Weighed long ago');
    const { recordMeasurement } = await weigh(owner, ewe.id, 59);
    // As migration 0006 left the measurements recorded before it.
    await asAdmin('research', 'update measurements set species_id = null where id = $1', [recordMeasurement.id]);

    await gqlData(GRANT, { projectId, selection: { species: 'sheep' } }, owner.token);
    // Shown by id while the animal is visible to the reader, which the animal database learns from the grant's event.
    await eventually(async () => (await gqlData(ANIMAL, { id: ewe.id }, researcher.token)).animal !== null, 2_000);
    expect((await gqlData(MEASUREMENT, { id: recordMeasurement.id }, researcher.token)).measurement).toEqual({ id: recordMeasurement.id, value: 59 });
    expect((await gqlData(ANIMAL, { id: ewe.id }, researcher.token)).animal?.measurements).toEqual([{ value: 59 }]);
    expect(await asAdmin('research', 'select species_id from measurements where id = $1', [recordMeasurement.id])).toEqual([{ species_id: 'sheep' }]);
  });
});
