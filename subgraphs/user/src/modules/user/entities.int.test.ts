import { randomUUID } from 'node:crypto';
import type { BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { Identity, Role } from '@studbook/platform';
import { describe, expect, it } from 'vitest';
import { dynamoImplementations } from '../../../../../tests/support/dynamo-servers.js';
import { GATEWAY, ME, startForEachTest, type UserSubgraphHarness } from '../../testing/user-subgraph-harness.js';

const USER_ENTITIES = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on User { id email name role organization { id name } } }
  }
`;
const ORGANIZATION_ENTITIES = /* GraphQL */ `
  query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Organization { id name } } }
`;

interface Fixture {
  id: string;
  email: string;
  name: string;
  role: Role;
  organization: { id: string; name: string };
}

/** Items as the account store writes them, put directly: 150 sign-ups would only test the password hash's speed. */
function accountItems(user: Fixture, createdAt = new Date().toISOString()) {
  const { organization } = user;
  return [
    {
      PK: `USER#${user.id}`,
      SK: 'PROFILE',
      id: user.id,
      email: user.email,
      name: user.name,
      defaultOrganizationId: organization.id,
      createdAt,
      passwordHash: 'scrypt$unused',
    },
    { PK: `ORG#${organization.id}`, SK: 'ORG', ...organization, createdAt },
    membershipItem(organization.id, user.id, user.role),
  ];
}

function membershipItem(organizationId: string, userId: string, role: Role) {
  return {
    PK: `ORG#${organizationId}`,
    SK: `MEMBER#${userId}`,
    GSI1PK: `USER#${userId}`,
    GSI1SK: `ORG#${organizationId}`,
    organizationId,
    userId,
    role,
    createdAt: new Date().toISOString(),
  };
}

function fixture(i: number): Fixture {
  const roles: Role[] = ['OWNER', 'ADMIN', 'MEMBER', 'VIEWER'];
  return {
    id: randomUUID(),
    email: `keeper-${i}@example.com`,
    name: `Keeper ${i}`,
    role: roles[i % roles.length],
    organization: { id: randomUUID(), name: `Herd ${i}` },
  };
}

describe.each(dynamoImplementations())('entities on $name', (implementation) => {
  let subgraph: UserSubgraphHarness;
  startForEachTest(implementation, (started) => (subgraph = started));

  it('resolves 150 users in BatchGetItem chunks, with nulls for unknown ids in order', async () => {
    const users = Array.from({ length: 150 }, (_, i) => fixture(i));
    await subgraph.putItems(users.flatMap((user) => accountItems(user)));
    const expected: (Fixture | null)[] = [];
    users.forEach((user, i) => {
      if (i % 15 === 7) expected.push(null);
      expected.push(user);
    });
    expected.push(null);
    const representations = expected.map((user) => ({ __typename: 'User', id: user?.id ?? randomUUID() }));

    subgraph.commands.clear();
    const response = await subgraph.request(USER_ENTITIES, { representations }, { identity: GATEWAY });
    expect(response.errors).toBeUndefined();
    expect(response.data!._entities).toEqual(expected);
    // 161 users, 150 memberships and 150 organisations: two BatchGetItem calls each, nothing else.
    expect(Object.fromEntries(subgraph.commands)).toEqual({ BatchGetItemCommand: 6 });
  });

  it("scopes role and organisation to the caller's session, and others to their default organisation", async () => {
    const user = fixture(1);
    const otherOrganization = { id: randomUUID(), name: 'Research Station' };
    await subgraph.putItems([
      ...accountItems({ ...user, role: 'OWNER' }),
      { PK: `ORG#${otherOrganization.id}`, SK: 'ORG', ...otherOrganization, createdAt: new Date().toISOString() },
      membershipItem(otherOrganization.id, user.id, 'VIEWER'),
    ]);
    const caller: Identity = { kind: 'user', userId: user.id, organizationId: otherOrganization.id, role: 'VIEWER' };

    const me = await subgraph.request(ME, {}, { identity: caller });
    expect(me.data!.me).toMatchObject({ id: user.id, role: 'VIEWER', organization: otherOrganization });

    const someoneElse: Identity = { kind: 'user', userId: randomUUID(), organizationId: otherOrganization.id, role: 'ADMIN' };
    const seenByOthers = await subgraph.request(USER_ENTITIES, { representations: [{ __typename: 'User', id: user.id }] }, { identity: someoneElse });
    expect(seenByOthers.data!._entities).toEqual([{ ...user, role: 'OWNER' }]);
  });

  it('resolves organisations by id, null for unknown ones', async () => {
    const [a, b] = [fixture(1), fixture(2)];
    await subgraph.putItems([...accountItems(a), ...accountItems(b)]);
    const ids = [b.organization.id, randomUUID(), a.organization.id, b.organization.id];
    const response = await subgraph.request(ORGANIZATION_ENTITIES, { representations: ids.map((id) => ({ __typename: 'Organization', id })) }, { identity: GATEWAY });
    expect(response.errors).toBeUndefined();
    expect(response.data!._entities).toEqual([b.organization, null, a.organization, b.organization]);
  });

  it('resolves 250 organisation references in three BatchGetItem calls', async () => {
    const users = Array.from({ length: 250 }, (_, i) => fixture(i));
    await subgraph.putItems(users.flatMap((user) => accountItems(user)));
    subgraph.commands.clear();
    const representations = users.map((user) => ({ __typename: 'Organization', id: user.organization.id }));
    const response = await subgraph.request(ORGANIZATION_ENTITIES, { representations }, { identity: GATEWAY });
    expect(response.errors).toBeUndefined();
    expect(response.data!._entities).toEqual(users.map((user) => user.organization));
    expect(Object.fromEntries(subgraph.commands)).toEqual({ BatchGetItemCommand: 3 });
  });

  it('retries the keys DynamoDB leaves unprocessed (as under throttling) until every one is read', async () => {
    const users = Array.from({ length: 120 }, (_, i) => fixture(i));
    await subgraph.putItems(users.flatMap((user) => accountItems(user)));
    // Throttling, simulated on the real server's answers: the first answer of each call keeps only
    // ten items and hands the rest back as UnprocessedKeys, the way DynamoDB does under load.
    let throttled = 0;
    subgraph.dynamo.middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        if (context.commandName !== 'BatchGetItemCommand' || throttled >= 3) return result;
        const output = result.output as BatchGetCommandOutput;
        const [table] = Object.keys(output.Responses ?? {});
        const items = output.Responses?.[table] ?? [];
        if (items.length <= 10) return result;
        throttled++;
        output.Responses![table] = items.slice(0, 10);
        output.UnprocessedKeys = { [table]: { Keys: items.slice(10).map((item) => ({ PK: item.PK, SK: item.SK })) } };
        return result;
      },
      { step: 'initialize', name: 'simulateThrottling' },
    );
    subgraph.commands.clear();
    const representations = users.map((user) => ({ __typename: 'User', id: user.id }));
    const response = await subgraph.request(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on User { id } } }`,
      { representations },
      { identity: GATEWAY },
    );
    expect(response.errors, JSON.stringify(subgraph.loggedErrors)).toBeUndefined();
    expect(response.data!._entities).toEqual(users.map((user) => ({ id: user.id })));
    expect(throttled).toBe(3);
    expect(subgraph.commands.get('BatchGetItemCommand')).toBeGreaterThan(2);
  });
});
