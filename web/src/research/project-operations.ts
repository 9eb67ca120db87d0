import { graphql } from '../__generated__';

export const RESEARCH_PROJECTS = graphql(`
  query WebResearchProjects($query: String, $first: Int, $after: String) {
    researchProjects(query: $query, first: $first, after: $after) {
      edges { cursor node { id title summary status myRole createdAt } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const CREATE_RESEARCH_PROJECT = graphql(`
  mutation WebCreateResearchProject($input: CreateResearchProjectInput!) { createResearchProject(input: $input) { id title status } }
`);

export const RESEARCH_PROJECT = graphql(`
  query WebResearchProject($id: ID!) {
    researchProject(id: $id) {
      id title summary protocol status myRole createdAt updatedAt
      organization { id }
      members { userId email role joinedAt organization { id } }
      findings { id text foundOn }
      publications { id doi title year }
      grants { id species animalIds farmId groupId farm { id name } group { id name } animalsCovered createdAt organization { id } }
    }
  }
`);

export const ADD_PROJECT_MEMBER = graphql(`
  mutation WebAddProjectMember($projectId: ID!, $email: String!, $role: ProjectRole!) {
    addProjectMember(projectId: $projectId, email: $email, role: $role) { id email role token expiresAt }
  }
`);

export const ACCEPT_PROJECT_INVITATION = graphql(`
  mutation WebAcceptProjectInvitation($token: String!) { acceptProjectInvitation(token: $token) { userId role } }
`);

export const CHANGE_PROJECT_MEMBER_ROLE = graphql(`
  mutation WebChangeProjectMemberRole($projectId: ID!, $userId: ID!, $role: ProjectRole!) {
    changeProjectMemberRole(projectId: $projectId, userId: $userId, role: $role) { userId role }
  }
`);

export const REMOVE_PROJECT_MEMBER = graphql(
  `mutation WebRemoveProjectMember($projectId: ID!, $userId: ID!) { removeProjectMember(projectId: $projectId, userId: $userId) }`,
);

export const ADD_PROJECT_FINDING = graphql(`
  mutation WebAddProjectFinding($projectId: ID!, $input: ProjectFindingInput!) { addProjectFinding(projectId: $projectId, input: $input) { id text foundOn } }
`);

export const ADD_PROJECT_PUBLICATION = graphql(`
  mutation WebAddProjectPublication($projectId: ID!, $input: ProjectPublicationInput!) {
    addProjectPublication(projectId: $projectId, input: $input) { id doi title year }
  }
`);

export const GRANT_PROJECT_ACCESS = graphql(`
  mutation WebGrantProjectAccess($projectId: ID!, $selection: ProjectGrantSelection!) {
    grantProjectAccess(projectId: $projectId, selection: $selection) { id species animalIds farmId groupId animalsCovered createdAt }
  }
`);

export const REVOKE_PROJECT_GRANT = graphql(`mutation WebRevokeProjectGrant($id: ID!) { revokeProjectGrant(id: $id) }`);

export const PROJECT_GRANTS_GIVEN = graphql(`
  query WebProjectGrantsGiven {
    projectGrantsGiven(first: 50) { edges { node { id species animalIds farmId groupId farm { id name } group { id name } animalsCovered createdAt revokedAt project { id title } } } }
  }
`);

export const GRANT_READS = graphql(`
  query WebGrantReads($grantId: ID!) { grantReads(grantId: $grantId, first: 50) { edges { node { id userId animalIds readAt } } pageInfo { hasNextPage } } }
`);

export const UPDATE_RESEARCH_PROJECT = graphql(`
  mutation WebUpdateResearchProject($id: ID!, $input: UpdateResearchProjectInput!) {
    updateResearchProject(id: $id, input: $input) { id title summary protocol status updatedAt }
  }
`);
