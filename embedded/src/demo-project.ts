import { graphqlData } from './graphql-client.js';

export const DEMO_PROJECT_TITLE = 'Parasite resistance in the Hillside flock';

const PROTOCOL = `## Protocol

1. Faecal egg counts (FEC) of every lamb at weaning and 60 days later.
2. Weights at birth and weaning from the flock's own records.
3. Breeding values for FEC once two lamb crops are in.
`;

/**
 * The sheep farm's research project, shared with the reptile keeper's demo user (a researcher of
 * another organisation, ANALYST), with a grant over every sheep of the flock, PRIVATE ones
 * included: signed in as demo@studbook.dev, the flock's animals, pedigrees and measurements show.
 * Loaded once (found again by its title), so a platform started before projects existed gets it too.
 */
export async function loadDemoProject(url: string, farmToken: string, researcher: { token: string; email: string }): Promise<boolean> {
  const { researchProjects } = await graphqlData(
    url,
    'query($q: String) { researchProjects(query: $q, first: 1) { edges { node { id } } } }',
    { q: DEMO_PROJECT_TITLE },
    farmToken,
  );
  if (researchProjects.edges.length > 0) return false;
  const { createResearchProject: project } = await graphqlData(
    url,
    'mutation($input: CreateResearchProjectInput!) { createResearchProject(input: $input) { id } }',
    { input: { title: DEMO_PROJECT_TITLE, summary: 'Heritability of faecal egg counts in Romney lambs', protocol: PROTOCOL, status: 'ACTIVE' } },
    farmToken,
  );
  const { addProjectMember } = await graphqlData(
    url,
    'mutation($p: ID!, $e: String!) { addProjectMember(projectId: $p, email: $e, role: ANALYST) { token } }',
    { p: project.id, e: researcher.email },
    farmToken,
  );
  await graphqlData(url, 'mutation($t: String!) { acceptProjectInvitation(token: $t) { userId } }', { t: addProjectMember.token }, researcher.token);
  await graphqlData(url, 'mutation($p: ID!) { grantProjectAccess(projectId: $p, selection: { species: "sheep" }) { id } }', { p: project.id }, farmToken);
  await graphqlData(
    url,
    'mutation($p: ID!, $input: ProjectFindingInput!) { addProjectFinding(projectId: $p, input: $input) { id } }',
    { p: project.id, input: { text: 'Lambs of Ram 101 wean about 2 kg heavier on average.', foundOn: '2024-08-01' } },
    researcher.token,
  );
  return true;
}
