import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { dynamoImplementations } from '../../../../../tests/support/dynamo-servers.js';
import {
  GATEWAY,
  leakedErrorDetails,
  ME,
  SESSION_IDENTITY,
  SIGN_IN,
  SIGN_UP,
  signUpInput,
  startForEachTest,
  type SessionIdentityData,
  type SignInData,
  type SignUpData,
  type UserSubgraphHarness,
} from '../../testing/user-subgraph-harness.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe.each(dynamoImplementations())('sign-up and sign-in on $name', (implementation) => {
  let subgraph: UserSubgraphHarness;
  startForEachTest(implementation, (started) => (subgraph = started));

  const itemsByKind = async () => {
    const items = await subgraph.allItems();
    const count = (prefix: string, sk?: string) => items.filter((i) => i.PK.startsWith(prefix) && (!sk || i.SK.startsWith(sk))).length;
    return {
      total: items.length,
      emails: count('EMAIL#'),
      users: count('USER#'),
      orgs: count('ORG#', 'ORG'),
      members: count('ORG#', 'MEMBER#'),
      sessions: count('SESSION#'),
    };
  };

  it('signs up, signs in and resolves me through the session the gateway checks', async () => {
    const input = signUpInput({ email: `  Ada.${Date.now()}@Example.com ` });
    const signUp = await subgraph.request<SignUpData>(SIGN_UP, { input });
    expect(signUp.errors).toBeUndefined();
    const { token, user } = signUp.data!.signUp;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(user).toMatchObject({ email: input.email.trim(), name: 'Ada Breeder', role: 'OWNER', organization: { name: 'Python Farm' } });
    expect(user.id).toMatch(UUID);
    expect(user.organization.id).toMatch(UUID);
    expect(await itemsByKind()).toEqual({ total: 5, emails: 1, users: 1, orgs: 1, members: 1, sessions: 1 });
    // One transaction where the server has them; dynalite falls back to ordered conditional puts.
    expect(subgraph.commands.get('TransactWriteItemsCommand')).toBe(1);
    expect(subgraph.commands.get('PutItemCommand')).toBe(implementation.name === 'dynalite' ? 5 : 1);

    // Emails are matched case-insensitively.
    const signIn = await subgraph.request<SignInData>(SIGN_IN, { email: input.email.trim().toUpperCase(), password: input.password });
    expect(signIn.errors).toBeUndefined();
    expect(signIn.data!.signIn.user).toEqual(user);
    expect(signIn.data!.signIn.token).not.toBe(token);

    const session = await subgraph.request<SessionIdentityData>(SESSION_IDENTITY, { token: signIn.data!.signIn.token }, { identity: GATEWAY });
    expect(session.data!.sessionIdentity).toEqual({ userId: user.id, organizationId: user.organization.id, role: 'OWNER' });

    const me = await subgraph.request(ME, {}, { identity: { kind: 'user', ...session.data!.sessionIdentity! } });
    expect(me.data!.me).toEqual(user);
    expect((await subgraph.request(ME)).data!.me).toBeNull();
    expect((await subgraph.request(ME, {}, { identity: GATEWAY })).data!.me).toBeNull();
  });

  it('stores a salted Argon2id hash with OWASP parameters, never the password', async () => {
    const input = signUpInput();
    const { data } = await subgraph.request<SignUpData>(SIGN_UP, { input });
    const { Item } = await subgraph.dynamo.send(new GetCommand({ TableName: subgraph.tableName, Key: { PK: `USER#${data!.signUp.user.id}`, SK: 'PROFILE' } }));
    expect(Item!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(JSON.stringify(Item)).not.toContain(input.password);

    const again = await subgraph.request<SignUpData>(SIGN_UP, { input: { ...input, email: `other-${input.email}` } });
    const { Item: other } = await subgraph.dynamo.send(
      new GetCommand({ TableName: subgraph.tableName, Key: { PK: `USER#${again.data!.signUp.user.id}`, SK: 'PROFILE' } }),
    );
    expect(other!.passwordHash).not.toBe(Item!.passwordHash);
  });

  it('refuses a second sign-up with the same email and writes nothing for it', async () => {
    const input = signUpInput();
    expect((await subgraph.request(SIGN_UP, { input })).errors).toBeUndefined();
    const before = await itemsByKind();

    const duplicate = await subgraph.request(SIGN_UP, { input: { ...input, email: input.email.toUpperCase(), organizationName: 'Another' } });
    expect(duplicate.data).toBeNull();
    expect(duplicate.errors).toEqual([expect.objectContaining({ message: 'Email already registered', extensions: { code: 'CONFLICT' } })]);
    expect(leakedErrorDetails(duplicate)).toEqual([]);
    expect(await itemsByKind()).toEqual(before);
  });

  it('lets exactly one of several concurrent sign-ups with the same email win', async () => {
    const input = signUpInput();
    const results = await Promise.all(
      ['First', 'Second', 'Third', 'Fourth'].map((organizationName) => subgraph.request(SIGN_UP, { input: { ...input, organizationName } })),
    );
    const winners = results.filter((r) => !r.errors);
    const losers = results.filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(losers.map((r) => r.errors![0].extensions?.code)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT']);
    expect(await itemsByKind()).toEqual({ total: 5, emails: 1, users: 1, orgs: 1, members: 1, sessions: 1 });
  });

  it('gives a wrong password and an unknown email the same UNAUTHENTICATED error', async () => {
    const input = signUpInput();
    await subgraph.request(SIGN_UP, { input });
    const sessionsBefore = (await itemsByKind()).sessions;

    const wrongPassword = await subgraph.request(SIGN_IN, { email: input.email, password: 'not the password' });
    const unknownEmail = await subgraph.request(SIGN_IN, { email: `nobody-${input.email}`, password: input.password });
    const oversized = await subgraph.request(SIGN_IN, { email: input.email, password: 'x'.repeat(10_000) });
    for (const response of [wrongPassword, unknownEmail, oversized]) {
      expect(response.data).toBeNull();
      expect(response.errors).toEqual([
        { message: 'Invalid email or password', locations: expect.any(Array), path: ['signIn'], extensions: { code: 'UNAUTHENTICATED' } },
      ]);
    }
    expect((await itemsByKind()).sessions).toBe(sessionsBefore);
  });

  it.each([
    ['a malformed email', { email: 'not-an-email' }, 'email'],
    ['an over-long email', { email: `${'a'.repeat(250)}@example.com` }, 'email'],
    ['a short password', { password: 'short' }, 'password'],
    ['a nine-character password', { password: 'ninechars' }, 'password'],
    ['one of the 10,000 most common passwords', { password: 'qwertyuiop' }, 'password'],
    ['a common password in other letter case', { password: 'QwertyUIOP' }, 'password'],
    ['an over-long password', { password: 'p'.repeat(201) }, 'password'],
    ['a blank name', { name: '   ' }, 'name'],
    ['a 10 kB name', { name: 'n'.repeat(10_240) }, 'name'],
    ['a 10 kB organisation name', { organizationName: 'o'.repeat(10_240) }, 'organizationName'],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_case, overrides, field) => {
    const response = await subgraph.request(SIGN_UP, { input: signUpInput(overrides) });
    expect(response.data).toBeNull();
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(leakedErrorDetails(response)).toEqual([]);
    expect(await subgraph.allItems()).toEqual([]);
  });

  it('masks broken data as an internal error and logs the cause', async () => {
    const { data } = await subgraph.request<SignUpData>(SIGN_UP, { input: signUpInput() });
    const user = data!.signUp.user;
    await subgraph.dynamo.send(new DeleteCommand({ TableName: subgraph.tableName, Key: { PK: `ORG#${user.organization.id}`, SK: 'ORG' } }));
    const me = await subgraph.request(ME, {}, { identity: { kind: 'user', userId: user.id, organizationId: user.organization.id, role: 'OWNER' } });
    expect(me.errors).toEqual([expect.objectContaining({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } })]);
    expect(JSON.stringify(me.errors)).not.toContain(user.organization.id);
    expect(leakedErrorDetails(me)).toEqual([]);
    expect(subgraph.loggedErrors.map((e) => JSON.stringify(e.fields))).toEqual([expect.stringContaining(user.organization.id)]);
  });
});
