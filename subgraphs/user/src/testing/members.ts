import { CLIENT_AGENT_HEADER, CLIENT_IP_HEADER, hashSessionToken, SESSION_HASH_HEADER, type UserIdentity } from '@studbook/platform';
import { expect } from 'vitest';
import {
  GATEWAY,
  SESSION_IDENTITY,
  SIGN_IN,
  SIGN_UP,
  signUpInput,
  type GraphQLResponse,
  type SessionIdentityData,
  type SignInData,
  type SignUpData,
  type UserSubgraphHarness,
} from './user-subgraph-harness.js';

export interface TestMember {
  token: string;
  userId: string;
  organizationId: string;
  email: string;
  password: string;
}

export const BROWSER = { ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0' };

/** Signs up through the subgraph as the gateway would, with a browser's address and User-Agent. */
export async function signUpMember(subgraph: UserSubgraphHarness, overrides: Parameters<typeof signUpInput>[0] = {}): Promise<TestMember> {
  const input = signUpInput(overrides);
  const response = await subgraph.request<SignUpData>(SIGN_UP, { input }, { headers: clientHeaders() });
  expect(response.errors).toBeUndefined();
  const { token, user } = response.data!.signUp;
  return { token, userId: user.id, organizationId: user.organization.id, email: input.email, password: input.password };
}

export async function signInMember(subgraph: UserSubgraphHarness, member: TestMember, client = BROWSER): Promise<string> {
  const response = await subgraph.request<SignInData>(SIGN_IN, { email: member.email, password: member.password }, { headers: clientHeaders(client) });
  expect(response.errors).toBeUndefined();
  return response.data!.signIn.token;
}

/** The identity the gateway would forward for this token right now (null when it would refuse it). */
export async function identityOf(subgraph: UserSubgraphHarness, token: string): Promise<UserIdentity | null> {
  const response = await subgraph.request<SessionIdentityData>(SESSION_IDENTITY, { token }, { identity: GATEWAY });
  const session = response.data?.sessionIdentity;
  return session ? { kind: 'user', ...session } : null;
}

/** Sends an operation as the holder of `token`, the way the gateway does (identity resolved afresh). */
export async function as<TData = Record<string, unknown>>(
  subgraph: UserSubgraphHarness,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResponse<TData>> {
  const identity = await identityOf(subgraph, token);
  if (!identity) throw new Error('token no longer resolves to a session');
  return subgraph.request<TData>(query, variables, { identity, headers: { [SESSION_HASH_HEADER]: hashSessionToken(token), ...clientHeaders() } });
}

/** Like `as`, failing the test on any error. */
export async function asData<TData = Record<string, unknown>>(
  subgraph: UserSubgraphHarness,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<TData> {
  const response = await as<TData>(subgraph, token, query, variables);
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!;
}

export function codes(response: GraphQLResponse<unknown>): unknown[] {
  return (response.errors ?? []).map((error) => error.extensions?.code);
}

function clientHeaders(client = BROWSER): Record<string, string> {
  return { [CLIENT_IP_HEADER]: client.ip, [CLIENT_AGENT_HEADER]: client.userAgent };
}
