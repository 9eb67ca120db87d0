import { describe, expect, it } from 'vitest';
import { gql, gqlData, newOrganization } from '../support/gateway-client.js';
import { graphql } from '../__generated__/index.js';

const ME = graphql(`query SignOutMe { me { id } }`);

describe('sessions through the gateway', () => {
  it('signs in, and a signed-out token stops working at once', async () => {
    const member = await newOrganization('Session');
    const signIn = await gqlData(graphql(`mutation SignOutSignIn($e: String!) { signIn(email: $e, password: "correct horse battery") { token user { id } } }`), {
      e: member.email,
    });
    const token = signIn.signIn.token as string;
    expect(token).not.toBe(member.token);
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(32);
    expect((await gqlData(ME, {}, token)).me!.id).toBe(member.userId);

    expect((await gqlData(graphql(`mutation SignOutSignOut { signOut }`), {}, token)).signOut).toBe(true);
    const after = await gql(ME, {}, token);
    expect(after.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    // The other session of the same user is untouched.
    expect((await gqlData(ME, {}, member.token)).me!.id).toBe(member.userId);
  });
});
