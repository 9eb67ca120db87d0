import { expect } from 'vitest';
import { createEventStream } from '@studbook/platform';
import { startAnimalSubgraph } from '@studbook/animal/src/server.js';
import { gqlData, newOrganization } from './gateway-client.js';
import { testObjectStore } from './object-store.js';
import { startSecondInstance } from './second-instance.js';
import { graphql } from '../__generated__/index.js';

const CREATE_PROJECT = graphql(`mutation SharingCreateProject($input: CreateResearchProjectInput!) { createResearchProject(input: $input) { id myRole } }`);
const INVITE = graphql(
  `mutation SharingInvite($projectId: ID!, $email: String!, $role: ProjectRole!) { addProjectMember(projectId: $projectId, email: $email, role: $role) { token } }`,
);
const ACCEPT = graphql(`mutation SharingAccept($token: String!) { acceptProjectInvitation(token: $token) { userId role organization { id } } }`);

/** Polls until `check` holds, at most `ms`: grants and memberships reach the animal database as events. */
export async function eventually(check: () => Promise<boolean>, ms: number): Promise<number> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return Date.now() - start;
}

/** Organisation A runs a project; a researcher of organisation B joins it by invitation as an ANALYST. */
export async function sharedProject(title: string) {
  const [owner, researcher] = await Promise.all([newOrganization(`${title} flock`), newOrganization(`${title} lab`)]);
  const { createResearchProject: project } = await gqlData(CREATE_PROJECT, { input: { title, status: 'ACTIVE' } }, owner.token);
  const { addProjectMember } = await gqlData(INVITE, { projectId: project.id, email: researcher.email, role: 'ANALYST' }, owner.token);
  const { acceptProjectInvitation } = await gqlData(ACCEPT, { token: addProjectMember.token }, researcher.token);
  expect(acceptProjectInvitation).toEqual({ userId: researcher.userId, role: 'ANALYST', organization: { id: researcher.organizationId } });
  return { owner, researcher, projectId: project.id };
}

/**
 * A second animal subgraph and gateway on the same databases and Redis: two replicas behind a load balancer.
 * Its project-access consumer joins the platform's consumer group, so either instance may apply a change.
 */
export function startAnimalReplica() {
  return startSecondInstance('animal', async ({ pool, databaseUrl, redisUrl, logger, metrics, identityVerifier }) => {
    const namespace = new URL(databaseUrl).pathname.slice(1).replace(/_animal$/, '');
    const eventStream = createEventStream(redisUrl, namespace, 'second-animal', logger);
    const animal = await startAnimalSubgraph(
      { pool, identityVerifier, logger, metrics, redisUrl, eventStream, consumerName: 'second-animal', objects: testObjectStore() },
      { port: 0 },
    );
    return {
      ...animal,
      async stop() {
        await animal.stop();
        await eventStream.close();
      },
    };
  });
}
