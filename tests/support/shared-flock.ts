import { expect } from 'vitest';
import { graphql } from '../__generated__/index.js';
import { createAnimal, gqlData, newOrganization, type Member } from './gateway-client.js';

const CREATE_PROJECT = graphql(`mutation SharedFlockCreate($input: CreateResearchProjectInput!) { createResearchProject(input: $input) { id } }`);
const INVITE = graphql(
  `mutation SharedFlockInvite($projectId: ID!, $email: String!, $role: ProjectRole!) { addProjectMember(projectId: $projectId, email: $email, role: $role) { token } }`,
);
const ACCEPT = graphql(`mutation SharedFlockAccept($token: String!) { acceptProjectInvitation(token: $token) { role } }`);
const GRANT = graphql(
  `mutation SharedFlockGrant($projectId: ID!, $selection: ProjectGrantSelection!) { grantProjectAccess(projectId: $projectId, selection: $selection) { id } }`,
);
const RECORD = graphql(`mutation SharedFlockRecord($input: RecordMeasurementInput!) { recordMeasurement(input: $input) { id } }`);
const ANIMAL = graphql(`query SharedFlockAnimal($id: ID!) { animal(id: $id) { id } }`);

/** Polls until `check` holds, at most `ms`: grants reach the animal database as events. */
export async function eventually(check: () => Promise<boolean>, ms: number): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function join(owner: Member, projectId: string, member: Member, role: 'ANALYST' | 'VIEWER') {
  const { addProjectMember } = await gqlData(INVITE, { projectId, email: member.email, role }, owner.token);
  expect((await gqlData(ACCEPT, { token: addProjectMember.token }, member.token)).acceptProjectInvitation.role).toBe(role);
}

const weigh = (member: Member, animalId: string, value: number) =>
  gqlData(RECORD, { input: { animalId, trait: 'body_weight', value, unit: 'kg', measuredAt: '2024-05-01T00:00:00Z' } }, member.token);

/**
 * Organisation A's PRIVATE flock (one lamb PUBLIC), shared with a project by animal: two ewes and their four lambs by an
 * unshared ram; another ewe with a record stays unshared. B's researcher is ANALYST, C's VIEWER; D is no member.
 */
export async function sharedFlock(label: string) {
  const [a, b, c, d] = await Promise.all(['Flock', 'Lab', 'Reviewer', 'Stranger'].map((role) => newOrganization(`${label} ${role}`)));
  const { createResearchProject: project } = await gqlData(CREATE_PROJECT, { input: { title: 'Lamb growth', status: 'ACTIVE' } }, a.token);
  await join(a, project.id, b, 'ANALYST');
  await join(a, project.id, c, 'VIEWER');
  const sheep = (name: string, sex: 'MALE' | 'FEMALE', hatchDate: string, parents: { sireId?: string; damId?: string } = {}, visibility = 'PRIVATE') =>
    createAnimal(a, { name, species: 'Sheep', sex, hatchDate, visibility: visibility as 'PRIVATE', ...parents }).then((animal) => animal.id);
  const ram = await sheep('Unshared ram', 'MALE', '2020-03-01');
  const ewes = [await sheep('Ewe 1', 'FEMALE', '2020-03-02'), await sheep('Ewe 2', 'FEMALE', '2020-03-03')];
  const lambs = [
    await sheep('Lamb 1', 'MALE', '2023-03-01', { sireId: ram, damId: ewes[0] }),
    await sheep('Lamb 2', 'FEMALE', '2023-03-02', { sireId: ram, damId: ewes[0] }),
    await sheep('Lamb 3', 'MALE', '2023-03-03', { sireId: ram, damId: ewes[1] }),
    await sheep('Lamb 4', 'FEMALE', '2023-03-04', { sireId: ram, damId: ewes[1] }, 'PUBLIC'),
  ];
  const unshared = await sheep('Unshared ewe', 'FEMALE', '2020-03-04');
  const shared = [...ewes, ...lambs];
  await Promise.all([...shared.map((id, i) => weigh(a, id, [64, 58, 41, 36, 44, 33][i])), weigh(a, unshared, 70), weigh(a, ram, 90)]);
  // B's own sheep, weighed but not shared: a project evaluation leaves it out even when B starts it.
  const own = (await createAnimal(b, { name: 'Lab ewe', species: 'Sheep', sex: 'FEMALE', visibility: 'PRIVATE' })).id;
  await weigh(b, own, 50);
  const { grantProjectAccess: grant } = await gqlData(GRANT, { projectId: project.id, selection: { animalIds: shared } }, a.token);
  await eventually(async () => (await gqlData(ANIMAL, { id: ewes[0] }, b.token)).animal !== null, 3_000);
  return { a, b, c, d, projectId: project.id, grantId: grant.id, ram, shared, unshared, own, publicLamb: lambs[3] };
}
