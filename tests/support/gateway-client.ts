import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { graphql } from '../__generated__/index.js';
import type { CreateAnimalInput, TypedDocumentString } from '../__generated__/graphql.js';
import { dataAt, requestAt, type Document, type GatewayResponse, type VariablesAndToken } from './operations.js';

/** Sends an operation to the running gateway, as the SPA does. */
export function gql<R, V>(document: TypedDocumentString<R, V>, ...rest: VariablesAndToken<V>): Promise<GatewayResponse<R>>;
/** A document codegen cannot type (see requestAt): its data is unknown. */
export function gql(query: string, variables?: Record<string, unknown>, token?: string): Promise<GatewayResponse<unknown>>;
export function gql(document: Document, variables?: Record<string, unknown>, token?: string) {
  return requestAt(inject('gatewayUrl'), document.toString(), variables, token);
}

/** Like gql but fails the test on any error. */
export function gqlData<R, V>(document: TypedDocumentString<R, V>, ...rest: VariablesAndToken<V>): Promise<R>;
export function gqlData(query: string, variables?: Record<string, unknown>, token?: string): Promise<unknown>;
export function gqlData(document: Document, variables?: Record<string, unknown>, token?: string) {
  return dataAt(inject('gatewayUrl'), document.toString(), variables, token);
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
  const data = await gqlData(graphql(`mutation SignUpTestOrganization($input: SignUpInput!) { signUp(input: $input) { token user { id organization { id } } } }`), {
    input: { email, password: 'correct horse battery', name: `${label} Keeper`, organizationName: `${label} Org` },
  });
  return { token: data.signUp.token, userId: data.signUp.user.id, organizationId: data.signUp.user.organization.id, email };
}

export const CREATE_ANIMAL = graphql(`
  mutation CreateAnimal($input: CreateAnimalInput!) {
    createAnimal(input: $input) { id name sex visibility hatchDate species { commonName } sire { id } dam { id } }
  }
`);

/** A ball python female of the member's organisation unless the input says otherwise. */
export async function createAnimal(member: Member, input: Partial<CreateAnimalInput> & Pick<CreateAnimalInput, 'name'>) {
  const data = await gqlData(CREATE_ANIMAL, { input: { species: 'Ball python', sex: 'FEMALE', ...input } }, member.token);
  return data.createAnimal;
}
