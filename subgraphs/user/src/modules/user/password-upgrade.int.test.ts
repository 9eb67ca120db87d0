import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { dynamoImplementations } from '../../../../../tests/support/dynamo-servers.js';
import { SIGN_IN, SIGN_UP, signUpInput, startForEachTest, type SignInData, type SignUpData, type UserSubgraphHarness } from '../../testing/user-subgraph-harness.js';
import { legacyScryptHash } from './legacy-scrypt.fixture.js';

describe.each(dynamoImplementations())('accounts from before Argon2id, on $name', (implementation) => {
  let subgraph: UserSubgraphHarness;
  startForEachTest(implementation, (started) => (subgraph = started));

  const storedHash = async (userId: string) => {
    const { Item } = await subgraph.dynamo.send(new GetCommand({ TableName: subgraph.tableName, Key: { PK: `USER#${userId}`, SK: 'PROFILE' }, ConsistentRead: true }));
    return Item!.passwordHash as string;
  };

  /** An account whose stored hash is what the scrypt code wrote. */
  async function legacyAccount() {
    const input = signUpInput();
    const { data } = await subgraph.request<SignUpData>(SIGN_UP, { input });
    const userId = data!.signUp.user.id as string;
    const legacy = legacyScryptHash(input.password);
    await subgraph.dynamo.send(
      new UpdateCommand({
        TableName: subgraph.tableName,
        Key: { PK: `USER#${userId}`, SK: 'PROFILE' },
        UpdateExpression: 'SET passwordHash = :h',
        ExpressionAttributeValues: { ':h': legacy },
      }),
    );
    return { input, userId, legacy };
  }

  it('signs in with an scrypt hash and stores Argon2id in its place, which then signs in too', async () => {
    const { input, userId, legacy } = await legacyAccount();
    const signIn = await subgraph.request<SignInData>(SIGN_IN, { email: input.email, password: input.password });
    expect(signIn.errors).toBeUndefined();
    expect(signIn.data!.signIn.user.id).toBe(userId);
    const upgraded = await storedHash(userId);
    expect(upgraded).not.toBe(legacy);
    expect(upgraded).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

    const again = await subgraph.request(SIGN_IN, { email: input.email, password: input.password });
    expect(again.errors).toBeUndefined();
    expect(await storedHash(userId)).toBe(upgraded);
  });

  it('refuses a wrong password against an scrypt hash as before, and keeps the hash', async () => {
    const { input, userId, legacy } = await legacyAccount();
    const wrong = await subgraph.request(SIGN_IN, { email: input.email, password: `${input.password}!` });
    const unknown = await subgraph.request(SIGN_IN, { email: `nobody-${input.email}`, password: input.password });
    for (const response of [wrong, unknown]) {
      expect(response.data).toBeNull();
      expect(response.errors).toEqual([
        { message: 'Invalid email or password', locations: expect.any(Array), path: ['signIn'], extensions: { code: 'UNAUTHENTICATED' } },
      ]);
    }
    expect(await storedHash(userId)).toBe(legacy);
  });
});
