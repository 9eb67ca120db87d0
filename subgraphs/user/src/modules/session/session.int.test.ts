import { PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  createIdentitySigner,
  generateIdentityKeyPair,
  hashSessionToken,
  IDENTITY_HEADER,
  newSessionToken,
  SESSION_HASH_HEADER,
  sessionCacheKey,
  type Identity,
  type UserIdentity,
} from '@studbook/platform';
import { describe, expect, it } from 'vitest';
import { dynamoImplementations } from '../../../../../tests/support/dynamo-servers.js';
import {
  ANONYMOUS,
  GATEWAY,
  leakedErrorDetails,
  SESSION_IDENTITY,
  SIGN_UP,
  signUpInput,
  startForEachTest,
  type SignUpData,
  type UserSubgraphHarness,
} from '../../testing/user-subgraph-harness.js';

const SIGN_OUT = /* GraphQL */ `mutation { signOut }`;

describe.each(dynamoImplementations())('sessions on $name', (implementation) => {
  let subgraph: UserSubgraphHarness;
  startForEachTest(implementation, (started) => (subgraph = started));

  async function signUp() {
    const { data, errors } = await subgraph.request<SignUpData>(SIGN_UP, { input: signUpInput() });
    expect(errors).toBeUndefined();
    const { token, user } = data!.signUp;
    const identity: UserIdentity = { kind: 'user', userId: user.id, organizationId: user.organization.id, role: 'OWNER' };
    return { token: token as string, user, identity };
  }

  const resolveSession = async (token: string) => (await subgraph.request(SESSION_IDENTITY, { token }, { identity: GATEWAY })).data!.sessionIdentity;

  it('resolves sessions for the gateway only', async () => {
    const { token, identity } = await signUp();
    expect(await resolveSession(token)).toEqual({ userId: identity.userId, organizationId: identity.organizationId, role: 'OWNER' });

    for (const caller of [identity, ANONYMOUS, { kind: 'service', service: 'animal' } as Identity]) {
      const response = await subgraph.request(SESSION_IDENTITY, { token }, { identity: caller });
      expect(response.data).toEqual({ sessionIdentity: null });
      expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      expect(leakedErrorDetails(response)).toEqual([]);
    }
  });

  it('resolves unknown, malformed and expired tokens to null', async () => {
    const { identity } = await signUp();
    const writeSession = async (token: string, expiresAt: Date) => {
      await subgraph.dynamo.send(
        new PutCommand({
          TableName: subgraph.tableName,
          Item: {
            PK: `SESSION#${hashSessionToken(token)}`,
            SK: 'SESSION',
            tokenHash: hashSessionToken(token),
            userId: identity.userId,
            organizationId: identity.organizationId,
            createdAt: new Date(expiresAt.getTime() - 60_000).toISOString(),
            expiresAt: expiresAt.toISOString(),
            ttl: Math.floor(expiresAt.getTime() / 1000),
          },
        }),
      );
    };
    const live = newSessionToken();
    const expired = newSessionToken();
    await writeSession(live, new Date(Date.now() + 60_000));
    await writeSession(expired, new Date(Date.now() - 1000));

    // The live one proves the hand-written item is well formed, so the null below is about expiry.
    expect(await resolveSession(live)).toEqual({ userId: identity.userId, organizationId: identity.organizationId, role: 'OWNER' });
    expect(await resolveSession(expired)).toBeNull();
    expect(await resolveSession(newSessionToken())).toBeNull();
    expect(await resolveSession('')).toBeNull();
    expect(await resolveSession('x'.repeat(5000))).toBeNull();
  });

  it('signs out: the session stops resolving and the gateway cache entry is gone', async () => {
    const { token, identity } = await signUp();
    const other = await signUp();
    await subgraph.cache.set(sessionCacheKey(hashSessionToken(token)), JSON.stringify(identity), 60_000);
    await subgraph.cache.set(sessionCacheKey(hashSessionToken(other.token)), JSON.stringify(other.identity), 60_000);

    const response = await subgraph.request(SIGN_OUT, {}, { identity, headers: { [SESSION_HASH_HEADER]: hashSessionToken(token) } });
    expect(response).toEqual({ status: 200, data: { signOut: true } });
    expect(await resolveSession(token)).toBeNull();
    expect(await subgraph.cache.get(sessionCacheKey(hashSessionToken(token)))).toBeNull();
    // Only that session ends.
    expect(await resolveSession(other.token)).not.toBeNull();
    expect(await subgraph.cache.get(sessionCacheKey(hashSessionToken(other.token)))).not.toBeNull();

    // Signing out again is harmless.
    const again = await subgraph.request(SIGN_OUT, {}, { identity, headers: { [SESSION_HASH_HEADER]: hashSessionToken(token) } });
    expect(again.data).toEqual({ signOut: true });
  });

  it("refuses to end someone else's session or to sign out without a session", async () => {
    const victim = await signUp();
    const attacker = await signUp();
    await subgraph.cache.set(sessionCacheKey(hashSessionToken(victim.token)), 'cached', 60_000);

    const foreign = await subgraph.request(SIGN_OUT, {}, { identity: attacker.identity, headers: { [SESSION_HASH_HEADER]: hashSessionToken(victim.token) } });
    expect(foreign.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(await resolveSession(victim.token)).not.toBeNull();
    expect(await subgraph.cache.get(sessionCacheKey(hashSessionToken(victim.token)))).toBe('cached');

    const withoutHeader = await subgraph.request(SIGN_OUT, {}, { identity: attacker.identity });
    expect(withoutHeader.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    const anonymous = await subgraph.request(SIGN_OUT, {}, { identity: ANONYMOUS, headers: { [SESSION_HASH_HEADER]: hashSessionToken(victim.token) } });
    expect(anonymous.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(await resolveSession(victim.token)).not.toBeNull();
  });

  it('answers 401 to requests without a valid identity token', async () => {
    const missing = await subgraph.request('{ __typename }', {}, { identity: null });
    expect(missing.status).toBe(401);
    expect(missing.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);

    const forged = await createIdentitySigner(generateIdentityKeyPair().privateKey).sign(GATEWAY);
    const forgedResponse = await subgraph.request('{ __typename }', {}, { identity: null, headers: { [IDENTITY_HEADER]: forged } });
    expect(forgedResponse.status).toBe(401);
    expect(forgedResponse.data).toBeUndefined();
  });
});
