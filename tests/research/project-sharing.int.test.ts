import { and, eq } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as researchSchema from '@studbook/drizzle/research';
import { TenantDb } from '@studbook/platform';
import { grantsOfProject, measurementsOfGrants } from '@studbook/research/src/modules/project/project-reads.js';
import { createAnimal, gql, gqlData, newOrganization, type Member } from '../support/gateway-client.js';
import { eventually, sharedProject, startAnimalReplica } from '../support/research-projects.js';
import { dataAt } from '../support/operations.js';
import { graphql } from '../__generated__/index.js';

const REMOVE = graphql(`mutation SharingRemove($projectId: ID!, $userId: ID!) { removeProjectMember(projectId: $projectId, userId: $userId) }`);
const GRANT = graphql(
  `mutation SharingGrant($projectId: ID!, $selection: ProjectGrantSelection!) { grantProjectAccess(projectId: $projectId, selection: $selection) { id animalIds species } }`,
);
const REVOKE = graphql(`mutation SharingRevoke($id: ID!) { revokeProjectGrant(id: $id) }`);
const RECORD = graphql(`mutation SharingRecord($input: RecordMeasurementInput!) { recordMeasurement(input: $input) { id } }`);
const SET_PARENTS = graphql(`mutation SharingSetParents($id: ID!, $sireId: ID) { setParents(animalId: $id, sireId: $sireId) { id } }`);
const ANIMAL = graphql(`
  query SharingAnimal($id: ID!) {
    animal(id: $id) { id name visibility owner { id } measurements { value unit } pedigree(generations: 2) { nodes { position animal { id name } } } }
  }
`);
const MEASUREMENT = graphql(`query SharingMeasurement($id: ID!) { measurement(id: $id) { id value } }`);
const ANIMALS = graphql(`query SharingAnimals { animals(first: 500) { edges { node { id } } } }`);
const READS = graphql(
  `query SharingReads($grantId: ID!) { grantReads(grantId: $grantId) { edges { node { userId projectId readerOrganization { id } animalIds readAt } } } }`,
);
const PROJECT_GRANTS = graphql(`query SharingProjectGrants($id: ID!) { researchProject(id: $id) { grants { id species animalIds organization { id } } } }`);

const sheep = (member: Member, name: string) => createAnimal(member, { name, species: 'Sheep', sex: 'FEMALE', visibility: 'PRIVATE' });
const ram = (member: Member, name: string) => createAnimal(member, { name, species: 'Sheep', sex: 'MALE', visibility: 'PRIVATE' });

describe.runIf(inject('redisUrl'))('data-sharing grants, through the gateway', () => {
  let replica: Awaited<ReturnType<typeof startAnimalReplica>>;

  beforeAll(async () => {
    replica = await startAnimalReplica();
  });

  afterAll(() => replica?.stop());

  it('shows a member of another organisation the shared PRIVATE animal, its pedigree and measurements, nothing unshared, and logs each read', async () => {
    const { owner, researcher, projectId } = await sharedProject('Worm resistance');
    const [ewe, sire, unshared] = await Promise.all([sheep(owner, 'Shared ewe'), ram(owner, 'Unshared sire'), sheep(owner, 'Unshared ewe')]);
    await gqlData(SET_PARENTS, { id: ewe.id, sireId: sire.id }, owner.token);
    const at = '2024-05-01T00:00:00Z';
    const [shared, hidden] = await Promise.all([
      gqlData(RECORD, { input: { animalId: ewe.id, trait: 'body_weight', value: 61, unit: 'kg', measuredAt: at } }, owner.token),
      gqlData(RECORD, { input: { animalId: unshared.id, trait: 'body_weight', value: 55, unit: 'kg', measuredAt: at } }, owner.token),
    ]);
    expect((await gqlData(ANIMAL, { id: ewe.id }, researcher.token)).animal).toBeNull();

    const { grantProjectAccess: grant } = await gqlData(GRANT, { projectId, selection: { animalIds: [ewe.id] } }, owner.token);
    expect(grant).toEqual({ id: expect.any(String), animalIds: [ewe.id], species: null });
    await eventually(async () => (await gqlData(ANIMAL, { id: ewe.id }, researcher.token)).animal !== null, 2_000);

    const { animal } = await gqlData(ANIMAL, { id: ewe.id }, researcher.token);
    expect(animal).toMatchObject({ name: 'Shared ewe', visibility: 'PRIVATE', owner: { id: owner.organizationId }, measurements: [{ value: 61, unit: 'kg' }] });
    // The pedigree knows the sire is there, but the sire is not shared: a node without its animal.
    expect(animal!.pedigree.nodes).toContainEqual({ position: 'S', animal: null });
    expect((await gqlData(ANIMAL, { id: unshared.id }, researcher.token)).animal).toBeNull();
    expect((await gqlData(ANIMAL, { id: sire.id }, researcher.token)).animal).toBeNull();
    expect((await gqlData(MEASUREMENT, { id: hidden.recordMeasurement.id }, researcher.token)).measurement).toBeNull();
    expect((await gqlData(MEASUREMENT, { id: shared.recordMeasurement.id }, researcher.token)).measurement).toEqual({ id: shared.recordMeasurement.id, value: 61 });
    const listed = (await gqlData(ANIMALS, {}, researcher.token)).animals.edges.map((edge) => edge.node.id);
    expect(listed).toContain(ewe.id);
    expect(listed).not.toContain(unshared.id);
    expect(listed).not.toContain(sire.id);

    // The granting organisation sees who read what, when; the reader cannot read the log.
    const { grantReads } = await gqlData(READS, { grantId: grant.id }, owner.token);
    expect(grantReads.edges.length).toBeGreaterThan(0);
    expect(grantReads.edges[0].node).toEqual({
      userId: researcher.userId,
      projectId,
      readerOrganization: { id: researcher.organizationId },
      animalIds: [ewe.id],
      readAt: expect.any(String),
    });
    expect((await gqlData(READS, { grantId: grant.id }, researcher.token)).grantReads.edges).toEqual([]);
    // Project members see which grants the project has.
    expect((await gqlData(PROJECT_GRANTS, { id: projectId }, researcher.token)).researchProject?.grants).toEqual([
      { id: grant.id, species: null, animalIds: [ewe.id], organization: { id: owner.organizationId } },
    ]);
  });

  it('gives an evaluation scoped to the project, run as a member, exactly the measurements its grants share', async () => {
    const { owner, researcher, projectId } = await sharedProject('Evaluation scope');
    const [shared, unshared, own] = await Promise.all([sheep(owner, 'Evaluated'), sheep(owner, 'Not evaluated'), sheep(researcher, 'Researcher’s own')]);
    const weigh = (member: Member, animalId: string, value: number) =>
      gqlData(RECORD, { input: { animalId, trait: 'body_weight', value, unit: 'kg', measuredAt: '2024-05-01T00:00:00Z' } }, member.token);
    const [{ recordMeasurement: expected }] = await Promise.all([weigh(owner, shared.id, 60), weigh(owner, unshared.id, 50), weigh(researcher, own.id, 40)]);
    await gqlData(GRANT, { projectId, selection: { animalIds: [shared.id] } }, owner.token);

    const pool = new pg.Pool({ connectionString: inject('serviceDatabaseUrls').research, max: 1 });
    try {
      const db = new TenantDb(pool, researchSchema);
      const asMember = { tenantId: researcher.organizationId, userId: researcher.userId };
      const ids = await db.run(asMember, async (tx) => {
        const grants = await grantsOfProject(tx, projectId);
        const { measurements } = researchSchema;
        const rows = await tx
          .select({ id: measurements.id })
          .from(measurements)
          .where(and(eq(measurements.trait, 'body_weight'), measurementsOfGrants(grants)!));
        return rows.map((row) => row.id);
      });
      expect(ids).toEqual([expected.id]);
      // A non-member of the owner's organisation sees no grants of the project at all.
      const stranger = await newOrganization('Evaluation stranger');
      expect(await db.run({ tenantId: stranger.organizationId, userId: stranger.userId }, (tx) => grantsOfProject(tx, projectId))).toEqual([]);
    } finally {
      await pool.end();
    }
  });

  it('covers animals recorded after a grant by species, and no other species', async () => {
    const { owner, researcher, projectId } = await sharedProject('Fleece weight');
    await gqlData(GRANT, { projectId, selection: { species: 'sheep' } }, owner.token);
    const [later, python] = await Promise.all([sheep(owner, 'Later ewe'), createAnimal(owner, { name: 'Not a sheep', visibility: 'PRIVATE' })]);
    await eventually(async () => (await gqlData(ANIMAL, { id: later.id }, researcher.token)).animal !== null, 2_000);
    expect((await gqlData(ANIMAL, { id: python.id }, researcher.token)).animal).toBeNull();
  });

  it('stops showing anything within a second of a revocation, on every instance', async () => {
    const { owner, researcher, projectId } = await sharedProject('Revoked study');
    const ewe = await sheep(owner, 'Briefly shared');
    const { recordMeasurement } = await gqlData(
      RECORD,
      { input: { animalId: ewe.id, trait: 'body_weight', value: 58, unit: 'kg', measuredAt: '2024-06-01T00:00:00Z' } },
      owner.token,
    );
    const { grantProjectAccess: grant } = await gqlData(GRANT, { projectId, selection: { animalIds: [ewe.id] } }, owner.token);
    const seenOn = (url: string) => async () => (await dataAt(url, ANIMAL, { id: ewe.id }, researcher.token)).animal !== null;
    await eventually(seenOn(inject('gatewayUrl')), 2_000);
    await eventually(seenOn(replica.gatewayUrl), 2_000);
    // Both instances have now served it (and the pedigree cache holds its structure).

    expect((await gqlData(REVOKE, { id: grant.id }, owner.token)).revokeProjectGrant).toBe(true);
    const goneOn = (url: string) => async () => !(await seenOn(url)());
    const elapsed = Math.max(await eventually(goneOn(inject('gatewayUrl')), 1_000), await eventually(goneOn(replica.gatewayUrl), 1_000));
    expect(elapsed).toBeLessThanOrEqual(1_000);
    // Measurements are refused by the research database at once (it owns the grant).
    expect((await gqlData(MEASUREMENT, { id: recordMeasurement.id }, researcher.token)).measurement).toBeNull();
    expect((await gqlData(REVOKE, { id: grant.id }, owner.token)).revokeProjectGrant).toBe(false);
  });

  it('stops showing anything within a second of the member’s removal, on every instance', async () => {
    const { owner, researcher, projectId } = await sharedProject('Removed member');
    const ewe = await sheep(owner, 'Shared until removal');
    await gqlData(GRANT, { projectId, selection: { animalIds: [ewe.id] } }, owner.token);
    const seenOn = (url: string) => async () => (await dataAt(url, ANIMAL, { id: ewe.id }, researcher.token)).animal !== null;
    await eventually(seenOn(inject('gatewayUrl')), 2_000);
    await eventually(seenOn(replica.gatewayUrl), 2_000);

    expect((await gqlData(REMOVE, { projectId, userId: researcher.userId }, owner.token)).removeProjectMember).toBe(researcher.userId);
    const goneOn = (url: string) => async () => !(await seenOn(url)());
    await eventually(goneOn(inject('gatewayUrl')), 1_000);
    await eventually(goneOn(replica.gatewayUrl), 1_000);
    expect((await gql(PROJECT_GRANTS, { id: projectId }, researcher.token)).data?.researchProject).toBeNull();
  });
});
