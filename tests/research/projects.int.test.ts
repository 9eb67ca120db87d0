import { describe, expect, it } from 'vitest';
import { createAnimal, gql, gqlData, newOrganization } from '../support/gateway-client.js';
import { tenantFootprint } from '../support/postgres.js';
import { graphql } from '../__generated__/index.js';

const CREATE = graphql(`
  mutation ProjectsCreate($input: CreateResearchProjectInput!) {
    createResearchProject(input: $input) { id title summary protocol status myRole organization { id } members { userId role email organization { id } } }
  }
`);
const UPDATE = graphql(
  `mutation ProjectsUpdate($id: ID!, $input: UpdateResearchProjectInput!) { updateResearchProject(id: $id, input: $input) { id title status summary } }`,
);
const INVITE = graphql(
  `mutation ProjectsInvite($projectId: ID!, $email: String!, $role: ProjectRole!) { addProjectMember(projectId: $projectId, email: $email, role: $role) { token email role } }`,
);
const ACCEPT = graphql(`mutation ProjectsAccept($token: String!) { acceptProjectInvitation(token: $token) { userId role } }`);
const CHANGE_ROLE = graphql(
  `mutation ProjectsChangeRole($projectId: ID!, $userId: ID!, $role: ProjectRole!) { changeProjectMemberRole(projectId: $projectId, userId: $userId, role: $role) { role } }`,
);
const REMOVE = graphql(`mutation ProjectsRemove($projectId: ID!, $userId: ID!) { removeProjectMember(projectId: $projectId, userId: $userId) }`);
const FINDING = graphql(
  `mutation ProjectsFinding($projectId: ID!, $input: ProjectFindingInput!) { addProjectFinding(projectId: $projectId, input: $input) { text foundOn } }`,
);
const PUBLICATION = graphql(
  `mutation ProjectsPublication($projectId: ID!, $input: ProjectPublicationInput!) { addProjectPublication(projectId: $projectId, input: $input) { doi title year } }`,
);
const GRANT = graphql(
  `mutation ProjectsGrant($projectId: ID!, $selection: ProjectGrantSelection!) { grantProjectAccess(projectId: $projectId, selection: $selection) { id } }`,
);
const PROJECT = graphql(`
  query ProjectsOne($id: ID!) { researchProject(id: $id) { title myRole members { userId role } findings { text foundOn } publications { doi year } } }
`);
const SEARCH = graphql(
  `query ProjectsSearch($query: String, $first: Int, $after: String) { researchProjects(query: $query, first: $first, after: $after) { edges { node { id title } } pageInfo { hasNextPage endCursor } } }`,
);

describe('research projects, through the gateway', () => {
  it('are created with the caller as LEAD, joined by invitation from another organisation, and managed only by a LEAD', async () => {
    const [owner, guest] = await Promise.all([newOrganization('Project owner'), newOrganization('Project guest')]);
    const protocol = '# Protocol\n\n1. Weigh at **weaning**\n2. <script>left as written</script>';
    const { createResearchProject: project } = await gqlData(CREATE, { input: { title: '  Lamb survival  ', summary: 'Twin lambs', protocol } }, owner.token);
    expect(project).toMatchObject({
      title: 'Lamb survival',
      summary: 'Twin lambs',
      protocol,
      status: 'PLANNED',
      myRole: 'LEAD',
      organization: { id: owner.organizationId },
    });
    expect(project.members).toEqual([{ userId: owner.userId, role: 'LEAD', email: null, organization: { id: owner.organizationId } }]);
    expect((await gqlData(PROJECT, { id: project.id }, guest.token)).researchProject).toBeNull();

    const { addProjectMember: invitation } = await gqlData(INVITE, { projectId: project.id, email: guest.email.toUpperCase(), role: 'VIEWER' }, owner.token);
    expect(invitation).toMatchObject({ email: guest.email, role: 'VIEWER' });
    expect((await gqlData(ACCEPT, { token: invitation.token }, guest.token)).acceptProjectInvitation).toEqual({ userId: guest.userId, role: 'VIEWER' });
    const spent = await gql(ACCEPT, { token: invitation.token }, guest.token);
    expect(spent.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'token' });
    expect((await gqlData(PROJECT, { id: project.id }, guest.token)).researchProject).toMatchObject({ title: 'Lamb survival', myRole: 'VIEWER' });

    // A VIEWER may read but not manage or record findings; as ANALYST they record findings; as LEAD they manage.
    const denied = await gql(UPDATE, { id: project.id, input: { status: 'ACTIVE' } }, guest.token);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql(FINDING, { projectId: project.id, input: { text: 'x', foundOn: '2025-01-01' } }, guest.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await gqlData(CHANGE_ROLE, { projectId: project.id, userId: guest.userId, role: 'ANALYST' }, owner.token);
    expect((await gqlData(FINDING, { projectId: project.id, input: { text: 'Twins survive less', foundOn: '2025-03-01' } }, guest.token)).addProjectFinding).toEqual({
      text: 'Twins survive less',
      foundOn: '2025-03-01',
    });
    await gqlData(CHANGE_ROLE, { projectId: project.id, userId: guest.userId, role: 'LEAD' }, owner.token);
    expect((await gqlData(UPDATE, { id: project.id, input: { status: 'ACTIVE' } }, guest.token)).updateResearchProject).toMatchObject({
      status: 'ACTIVE',
      title: 'Lamb survival',
    });
    await gqlData(PUBLICATION, { projectId: project.id, input: { doi: 'https://doi.org/10.1186/S12711-019-0497-Z', title: 'A paper', year: 2019 } }, guest.token);

    expect((await gqlData(PROJECT, { id: project.id }, owner.token)).researchProject).toMatchObject({
      findings: [{ text: 'Twins survive less', foundOn: '2025-03-01' }],
      publications: [{ doi: '10.1186/s12711-019-0497-z', year: 2019 }],
    });
    // The last LEAD stays; another LEAD may be removed.
    await gqlData(REMOVE, { projectId: project.id, userId: owner.userId }, guest.token);
    const lastLead = await gql(REMOVE, { projectId: project.id, userId: guest.userId }, guest.token);
    expect(lastLead.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'userId' });
  });

  it('are found by words of their title, summary or protocol, accents ignored, and never another organisation’s', async () => {
    const [owner, stranger] = await Promise.all([newOrganization('Search owner'), newOrganization('Search stranger')]);
    const tag = `q${Date.now().toString(36)}`;
    const create = (title: string, summary = '') => gqlData(CREATE, { input: { title, summary } }, owner.token);
    const merino = (await create(`Fleece diameter in Mérino ${tag}`, 'Heritability across flocks')).createResearchProject;
    await create(`Parasite resistance ${tag}`);
    await gqlData(CREATE, { input: { title: `Merino stranger ${tag}` } }, stranger.token);

    const titles = async (query: string, token = owner.token) => (await gqlData(SEARCH, { query }, token)).researchProjects.edges.map((edge) => edge.node.title);
    expect(await titles(`merino ${tag}`)).toEqual([merino.title]);
    expect(await titles(`heritab ${tag}`)).toEqual([merino.title]);
    expect(await titles(`MÉRINO FLOCKS ${tag}`)).toEqual([merino.title]);
    expect(await titles(`goats ${tag}`)).toEqual([]);
    expect(await titles(`merino ${tag}`, stranger.token)).toEqual([`Merino stranger ${tag}`]);

    const first = await gqlData(SEARCH, { query: tag, first: 1 }, owner.token);
    expect(first.researchProjects.pageInfo.hasNextPage).toBe(true);
    const second = await gqlData(SEARCH, { query: tag, first: 1, after: first.researchProjects.pageInfo.endCursor }, owner.token);
    expect([...first.researchProjects.edges, ...second.researchProjects.edges].map((edge) => edge.node.title).sort()).toEqual(
      [`Fleece diameter in Mérino ${tag}`, `Parasite resistance ${tag}`].sort(),
    );
  });

  it('refuse bad input with a coded error naming the field, and write nothing', async () => {
    const [owner, other] = await Promise.all([newOrganization('Bad input owner'), newOrganization('Bad input other')]);
    const { createResearchProject: project } = await gqlData(CREATE, { input: { title: 'Valid' } }, owner.token);
    const theirs = await createAnimal(other, { name: 'Not yours', species: 'Sheep', visibility: 'PRIVATE' });
    const before = await Promise.all([tenantFootprint('research', owner.organizationId), tenantFootprint('animal', owner.organizationId)]);
    const cases: [Promise<{ errors?: readonly { extensions?: Record<string, unknown> }[] }>, string, string][] = [
      [gql(CREATE, { input: { title: '   ' } }, owner.token), 'BAD_USER_INPUT', 'input.title'],
      [gql(CREATE, { input: { title: 'x'.repeat(201) } }, owner.token), 'BAD_USER_INPUT', 'input.title'],
      [gql(UPDATE, { id: project.id, input: { protocol: 'x'.repeat(100_001) } }, owner.token), 'BAD_USER_INPUT', 'input.protocol'],
      [gql(UPDATE, { id: 'not-an-id', input: {} }, owner.token), 'BAD_USER_INPUT', 'id'],
      [gql(INVITE, { projectId: project.id, email: 'nobody', role: 'VIEWER' }, owner.token), 'BAD_USER_INPUT', 'email'],
      [gql(PUBLICATION, { projectId: project.id, input: { doi: '11.1234/x', title: 'T', year: 2020 } }, owner.token), 'BAD_USER_INPUT', 'input.doi'],
      [gql(PUBLICATION, { projectId: project.id, input: { doi: '10.12/x', title: 'T', year: 2020 } }, owner.token), 'BAD_USER_INPUT', 'input.doi'],
      [gql(PUBLICATION, { projectId: project.id, input: { doi: '10.1234/x', title: 'T', year: 1800 } }, owner.token), 'BAD_USER_INPUT', 'input.year'],
      [gql(FINDING, { projectId: project.id, input: { text: 'Later', foundOn: '2999-01-01' } }, owner.token), 'BAD_USER_INPUT', 'input.foundOn'],
      [gql(GRANT, { projectId: project.id, selection: {} }, owner.token), 'BAD_USER_INPUT', 'selection'],
      [gql(GRANT, { projectId: project.id, selection: { animalIds: [theirs.id] } }, owner.token), 'BAD_USER_INPUT', 'selection.animalIds[0]'],
      [gql(GRANT, { projectId: project.id, selection: { species: 'dragon' } }, owner.token), 'BAD_USER_INPUT', 'selection.species'],
      [gql(GRANT, { projectId: project.id, selection: { species: 'sheep' } }, other.token), 'NOT_FOUND', 'projectId'],
      [gql(SEARCH, { query: 'x'.repeat(201) }, owner.token), 'BAD_USER_INPUT', 'query'],
    ];
    for (const [response, code, field] of cases) {
      const { errors } = await response;
      expect(errors?.[0]?.extensions, field).toMatchObject({ code, field });
      expect(JSON.stringify(errors)).not.toMatch(/select .* from|insert into|stacktrace|\.ts:\d|research_projects|studbook_/i);
    }
    expect(await Promise.all([tenantFootprint('research', owner.organizationId), tenantFootprint('animal', owner.organizationId)])).toEqual(before);
    const anonymous = await gql(CREATE, { input: { title: 'Anonymous' } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
