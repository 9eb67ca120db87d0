import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { graphqlData, graphqlRequest } from '../../embedded/src/graphql-client.js';

export { graphqlRequest };

/** Sends an operation to the running gateway, as the SPA does. */
export function gql<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, token?: string) {
  return graphqlRequest<T>(inject('gatewayUrl'), query, variables, token);
}

/** Like gql but fails the test on any error. */
export function gqlData<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  return graphqlData<T>(inject('gatewayUrl'), query, variables, token);
}

export interface Member {
  token: string;
  userId: string;
  organizationId: string;
  email: string;
}

/** A brand-new user in a brand-new organisation, so every test has a tenant of its own. */
export async function newOrganization(label = 'Test'): Promise<Member> {
  const email = `${label.toLowerCase().replace(/\W+/g, '-')}-${randomUUID()}@example.test`;
  const data = await gqlData<{ signUp: { token: string; user: { id: string; organization: { id: string } } } }>(
    'mutation($input: SignUpInput!) { signUp(input: $input) { token user { id organization { id } } } }',
    { input: { email, password: 'correct horse battery', name: `${label} Keeper`, organizationName: `${label} Org` } },
  );
  return { token: data.signUp.token, userId: data.signUp.user.id, organizationId: data.signUp.user.organization.id, email };
}

export const CREATE_ANIMAL = /* GraphQL */ `
  mutation CreateAnimal($input: CreateAnimalInput!) {
    createAnimal(input: $input) { id name sex visibility hatchDate species { commonName } sire { id } dam { id } }
  }
`;

export async function createAnimal(member: Member, input: Record<string, unknown>): Promise<{ id: string; name: string }> {
  const data = await gqlData<{ createAnimal: { id: string; name: string } }>(CREATE_ANIMAL, { input: { species: 'Ball python', sex: 'FEMALE', ...input } }, member.token);
  return data.createAnimal;
}
