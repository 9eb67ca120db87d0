import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { hashSessionToken, sessionCacheKey } from '@studbook/platform';
import { describe, expect, it } from 'vitest';
import { dynamoImplementations } from '../../../../../tests/support/dynamo-servers.js';
import { as, asData, codes, identityOf, signInMember, signUpMember, type TestMember } from '../../testing/members.js';
import { leakedErrorDetails, startForEachTest, type UserSubgraphHarness } from '../../testing/user-subgraph-harness.js';

interface Connection<TNode> {
  edges: { node: TNode }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** `organization { id name } role current`, as MY_ORGANIZATIONS and CREATE select it. */
interface Membership {
  organization: { id: string; name: string };
  role: string;
  current: boolean;
}

interface InviteData {
  inviteMember: { token: string; email: string; role: string; expiresAt: string; organization: { id: string } };
}

interface AcceptData {
  acceptInvitation: { organization: { id: string }; role: string; user: { id: string } };
}

interface ChangeRoleData {
  changeMemberRole: { role: string; user: { id: string } };
}

interface InvitationsData {
  invitations: Connection<{ id: string; email: string; role: string; invitedBy: { id: string }; organization: { id: string }; createdAt: string; expiresAt: string }>;
}

interface MembersData {
  _entities: { members: Connection<{ user: { id: string }; role: string }> | null }[];
}

const MY_ORGANIZATIONS = /* GraphQL */ `{ myOrganizations { organization { id name } role current } }`;
const CREATE = /* GraphQL */ `mutation ($name: String!) { createOrganization(name: $name) { organization { id name } role current } }`;
const SWITCH = /* GraphQL */ `mutation ($id: ID!) { switchOrganization(organizationId: $id) { organization { id } role } }`;
const INVITE = /* GraphQL */ `mutation ($email: String!, $role: Role!) { inviteMember(email: $email, role: $role) { token email role expiresAt organization { id } } }`;
const ACCEPT = /* GraphQL */ `mutation ($token: String!) { acceptInvitation(token: $token) { organization { id } role user { id } } }`;
const CHANGE_ROLE = /* GraphQL */ `mutation ($userId: ID!, $role: Role!) { changeMemberRole(userId: $userId, role: $role) { role user { id } } }`;
const REMOVE = /* GraphQL */ `mutation ($userId: ID!) { removeMember(userId: $userId) }`;
const LEAVE = /* GraphQL */ `mutation ($id: ID!) { leaveOrganization(organizationId: $id) }`;
const MEMBERS = /* GraphQL */ `
  query ($reps: [_Any!]!, $first: Int, $after: String) {
    _entities(representations: $reps) { ... on Organization { members(first: $first, after: $after) { edges { node { user { id } role } } pageInfo { hasNextPage endCursor } } } }
  }
`;

describe.each(dynamoImplementations())('organisations and members on $name', (implementation) => {
  let subgraph: UserSubgraphHarness;
  startForEachTest(implementation, (started) => (subgraph = started), { invitationTtlSeconds: 60 });

  /** owner's organisation with `member` joined through an invitation as `role`. */
  async function join(owner: TestMember, member: TestMember, role: string): Promise<void> {
    const invite = await asData<InviteData>(subgraph, owner.token, INVITE, { email: member.email.toUpperCase(), role });
    await asData<AcceptData>(subgraph, member.token, ACCEPT, { token: invite.inviteMember.token });
  }

  it('creates organisations, lists them with roles and switches the session between them', async () => {
    const ada = await signUpMember(subgraph);
    const created = (await asData<{ createOrganization: Membership }>(subgraph, ada.token, CREATE, { name: '  Sheep Flock ' })).createOrganization;
    expect(created).toMatchObject({ organization: { name: 'Sheep Flock' }, role: 'OWNER', current: false });

    const listed = (await asData<{ myOrganizations: Membership[] }>(subgraph, ada.token, MY_ORGANIZATIONS)).myOrganizations;
    expect(listed).toEqual([
      { organization: { id: ada.organizationId, name: 'Python Farm' }, role: 'OWNER', current: true },
      { organization: created.organization, role: 'OWNER', current: false },
    ]);

    // The gateway's cached resolution of this session is dropped, so its next request re-resolves.
    await subgraph.cache.set(sessionCacheKey(hashSessionToken(ada.token)), 'stale', 60_000);
    const switched = await asData(subgraph, ada.token, SWITCH, { id: created.organization.id });
    expect(switched.switchOrganization).toEqual({ organization: { id: created.organization.id }, role: 'OWNER' });
    expect(await subgraph.cache.get(sessionCacheKey(hashSessionToken(ada.token)))).toBeNull();
    expect(await identityOf(subgraph, ada.token)).toMatchObject({ organizationId: created.organization.id, role: 'OWNER' });
    // The next sign-in starts in the organisation used last.
    expect(await identityOf(subgraph, await signInMember(subgraph, ada))).toMatchObject({ organizationId: created.organization.id });

    const stranger = await signUpMember(subgraph);
    const foreign = await as(subgraph, ada.token, SWITCH, { id: stranger.organizationId });
    expect(codes(foreign)).toEqual(['NOT_FOUND']);
    expect(codes(await as(subgraph, ada.token, CREATE, { name: ' ' }))).toEqual(['BAD_USER_INPUT']);
  });

  it('invites by email with a one-time, expiring token; only OWNER and ADMIN invite, only an OWNER invites an OWNER', async () => {
    const owner = await signUpMember(subgraph);
    const bea = await signUpMember(subgraph);
    const invite = (await asData<InviteData>(subgraph, owner.token, INVITE, { email: ` ${bea.email.toUpperCase()} `, role: 'ADMIN' })).inviteMember;
    expect(invite).toMatchObject({ email: bea.email.toLowerCase(), role: 'ADMIN', organization: { id: owner.organizationId } });
    expect(Date.parse(invite.expiresAt) - Date.now()).toBeGreaterThan(50_000);
    // Only the hash is stored.
    const raw = await subgraph.allItems();
    expect(JSON.stringify(raw)).not.toContain(invite.token);

    const eve = await signUpMember(subgraph);
    const wrongEmail = await as(subgraph, eve.token, ACCEPT, { token: invite.token });
    expect(codes(wrongEmail)).toEqual(['FORBIDDEN']);

    const accepted = await asData<AcceptData>(subgraph, bea.token, ACCEPT, { token: invite.token });
    expect(accepted.acceptInvitation).toEqual({ organization: { id: owner.organizationId }, role: 'ADMIN', user: { id: bea.userId } });
    expect(codes(await as(subgraph, bea.token, ACCEPT, { token: invite.token }))).toEqual(['NOT_FOUND']);

    // Bea is ADMIN there once her session is scoped to it.
    await asData(subgraph, bea.token, SWITCH, { id: owner.organizationId });
    const cy = await signUpMember(subgraph);
    expect(codes(await as(subgraph, bea.token, INVITE, { email: cy.email, role: 'OWNER' }))).toEqual(['FORBIDDEN']);
    expect((await asData<InviteData>(subgraph, bea.token, INVITE, { email: cy.email, role: 'MEMBER' })).inviteMember.role).toBe('MEMBER');
    expect(codes(await as(subgraph, bea.token, INVITE, { email: 'not-an-email', role: 'MEMBER' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await as(subgraph, owner.token, INVITE, { email: bea.email, role: 'MEMBER' }))).toEqual(['CONFLICT']);

    // A MEMBER may not invite.
    await join(owner, cy, 'MEMBER');
    await asData(subgraph, cy.token, SWITCH, { id: owner.organizationId });
    const dee = await signUpMember(subgraph);
    const byMember = await as(subgraph, cy.token, INVITE, { email: dee.email, role: 'VIEWER' });
    expect(codes(byMember)).toEqual(['FORBIDDEN']);
    expect(leakedErrorDetails(byMember)).toEqual([]);
  });

  it('refuses an expired invitation even before DynamoDB deletes it', async () => {
    const owner = await signUpMember(subgraph);
    const bea = await signUpMember(subgraph);
    const invite = (await asData<InviteData>(subgraph, owner.token, INVITE, { email: bea.email, role: 'MEMBER' })).inviteMember;
    await subgraph.dynamo.send(
      new UpdateCommand({
        TableName: subgraph.tableName,
        Key: { PK: `INVITE#${hashSessionToken(invite.token)}`, SK: 'INVITE' },
        UpdateExpression: 'SET expiresAt = :past',
        ExpressionAttributeValues: { ':past': new Date(Date.now() - 1000).toISOString() },
      }),
    );
    const response = await as(subgraph, bea.token, ACCEPT, { token: invite.token });
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].message).toMatch(/expired/);
    expect((await asData<{ myOrganizations: Membership[] }>(subgraph, bea.token, MY_ORGANIZATIONS)).myOrganizations).toHaveLength(1);
  });

  /**
   * Runs `run` so that `meanwhile` happens right before the subgraph's first write (after every
   * read it makes to decide): the slowest possible interleaving of a concurrent change, made certain.
   */
  async function justBeforeFirstWrite<T>(meanwhile: () => Promise<unknown>, run: () => Promise<T>): Promise<T> {
    const writes = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'TransactWriteItemsCommand']);
    let armed = true;
    const name = `meanwhile-${Math.random()}`;
    subgraph.dynamo.middlewareStack.add(
      (next, context) => async (args) => {
        if (armed && writes.has(context.commandName ?? '') && !JSON.stringify(args.input).includes('SESSION#')) {
          armed = false;
          await meanwhile();
        }
        return next(args);
      },
      { step: 'initialize', name },
    );
    try {
      return await run();
    } finally {
      subgraph.dynamo.middlewareStack.remove(name);
    }
  }
  const setRole = (organizationId: string, userId: string, role: string) =>
    subgraph.dynamo.send(
      new UpdateCommand({
        TableName: subgraph.tableName,
        Key: { PK: `ORG#${organizationId}`, SK: `MEMBER#${userId}` },
        UpdateExpression: 'SET #role = :role',
        ExpressionAttributeNames: { '#role': 'role' },
        ExpressionAttributeValues: { ':role': role },
      }),
    );

  it("checks the manager's role inside the write: one demoted after the check changes nothing", async () => {
    const owner = await signUpMember(subgraph);
    const admin = await signUpMember(subgraph);
    const member = await signUpMember(subgraph);
    const outsider = await signUpMember(subgraph);
    await join(owner, admin, 'ADMIN');
    await join(owner, member, 'MEMBER');
    await asData(subgraph, admin.token, SWITCH, { id: owner.organizationId });
    const adminIdentity = (await identityOf(subgraph, admin.token))!;
    const asAdmin = (query: string, variables: Record<string, unknown>) =>
      subgraph.request(query, variables, { identity: adminIdentity, headers: { 'x-studbook-session': hashSessionToken(admin.token) } });
    const demoteAdmin = () => setRole(owner.organizationId, admin.userId, 'MEMBER');
    const before = JSON.stringify((await subgraph.allItems()).filter((i) => !i.PK.startsWith('SESSION#')).map(({ ttl, ...rest }) => rest));

    const attempts: [string, Record<string, unknown>][] = [
      [`mutation ($email: String!) { inviteMember(email: $email, role: VIEWER) { token } }`, { email: outsider.email }],
      [CHANGE_ROLE, { userId: member.userId, role: 'VIEWER' }],
      [REMOVE, { userId: member.userId }],
      [`mutation { setRetentionPolicy(days: 9) { retentionDays } }`, {}],
    ];
    for (const [query, variables] of attempts) {
      await setRole(owner.organizationId, admin.userId, 'ADMIN');
      const response = await justBeforeFirstWrite(demoteAdmin, () => asAdmin(query, variables));
      expect(codes(response), query).toEqual(['FORBIDDEN']);
    }
    await setRole(owner.organizationId, admin.userId, 'MEMBER');
    const after = JSON.stringify((await subgraph.allItems()).filter((i) => !i.PK.startsWith('SESSION#')).map(({ ttl, ...rest }) => rest));
    expect(after.replace(/"role":"MEMBER"/g, '')).toBe(before.replace(/"role":"(ADMIN|MEMBER)"/g, ''));
    expect(await identityOf(subgraph, member.token)).not.toBeNull();
  });

  it('honours an invitation only while its inviter may still grant it', async () => {
    const owner = await signUpMember(subgraph);
    const admin = await signUpMember(subgraph);
    await join(owner, admin, 'ADMIN');
    await asData(subgraph, admin.token, SWITCH, { id: owner.organizationId });
    const bea = await signUpMember(subgraph);
    const fromAdmin = (await asData<InviteData>(subgraph, admin.token, INVITE, { email: bea.email, role: 'MEMBER' })).inviteMember;
    await asData(subgraph, owner.token, REMOVE, { userId: admin.userId });
    const refused = await as(subgraph, bea.token, ACCEPT, { token: fromAdmin.token });
    expect(codes(refused)).toEqual(['FORBIDDEN']);
    expect(refused.errors![0].message).toMatch(/new invitation/);
    expect((await asData<{ myOrganizations: Membership[] }>(subgraph, bea.token, MY_ORGANIZATIONS)).myOrganizations).toHaveLength(1);

    // An OWNER invitation needs its inviter to still be an OWNER: an ADMIN cannot grant OWNER.
    const cy = await signUpMember(subgraph);
    const second = await signUpMember(subgraph);
    await join(owner, second, 'OWNER');
    const ownerInvite = (await asData<InviteData>(subgraph, owner.token, INVITE, { email: cy.email, role: 'OWNER' })).inviteMember;
    await asData(subgraph, second.token, SWITCH, { id: owner.organizationId });
    await asData<ChangeRoleData>(subgraph, second.token, CHANGE_ROLE, { userId: owner.userId, role: 'ADMIN' });
    expect(codes(await as(subgraph, cy.token, ACCEPT, { token: ownerInvite.token }))).toEqual(['FORBIDDEN']);
    const memberInvite = (await asData<InviteData>(subgraph, owner.token, INVITE, { email: cy.email, role: 'MEMBER' })).inviteMember;
    expect((await asData<AcceptData>(subgraph, cy.token, ACCEPT, { token: memberInvite.token })).acceptInvitation.role).toBe('MEMBER');
  });

  it('lists pending invitations to managers, newest first and paged, and revokes one so its token stops working', async () => {
    const owner = await signUpMember(subgraph);
    const invitees = [await signUpMember(subgraph), await signUpMember(subgraph), await signUpMember(subgraph)];
    const issued = [];
    for (const invitee of invitees)
      issued.push(
        (
          await asData<{ inviteMember: { id: string; token: string } }>(
            subgraph,
            owner.token,
            `mutation ($email: String!) { inviteMember(email: $email, role: MEMBER) { id token } }`,
            { email: invitee.email },
          )
        ).inviteMember,
      );
    const LIST = `query ($first: Int, $after: String) { invitations(first: $first, after: $after) { edges { node { id email role invitedBy { id } organization { id } createdAt expiresAt } } pageInfo { hasNextPage endCursor } } }`;
    const page1 = (await asData<InvitationsData>(subgraph, owner.token, LIST, { first: 2 })).invitations;
    expect(page1.edges.map((e) => e.node.id)).toEqual([issued[2].id, issued[1].id]);
    expect(page1.edges[0].node).toMatchObject({
      email: invitees[2].email.toLowerCase(),
      role: 'MEMBER',
      invitedBy: { id: owner.userId },
      organization: { id: owner.organizationId },
    });
    expect(JSON.stringify(page1)).not.toContain(issued[2].token);
    const page2 = (await asData<InvitationsData>(subgraph, owner.token, LIST, { first: 2, after: page1.pageInfo.endCursor })).invitations;
    expect(page2.edges.map((e) => e.node.id)).toEqual([issued[0].id]);
    expect(page2.pageInfo.hasNextPage).toBe(false);

    // Nobody outside the organisation's managers sees or revokes them.
    const stranger = await signUpMember(subgraph);
    expect((await asData<InvitationsData>(subgraph, stranger.token, LIST, {})).invitations.edges).toEqual([]);
    expect((await asData(subgraph, stranger.token, `mutation ($id: ID!) { revokeInvitation(id: $id) }`, { id: issued[1].id })).revokeInvitation).toBe(false);
    await join(owner, invitees[0], 'MEMBER');
    await asData(subgraph, invitees[0].token, SWITCH, { id: owner.organizationId });
    expect(codes(await as(subgraph, invitees[0].token, LIST, {}))).toEqual(['FORBIDDEN']);

    // An ADMIN withdraws MEMBER invitations, not OWNER ones.
    const admin = await signUpMember(subgraph);
    await join(owner, admin, 'ADMIN');
    await asData(subgraph, admin.token, SWITCH, { id: owner.organizationId });
    const ownerInvite = (
      await asData<{ inviteMember: { id: string } }>(subgraph, owner.token, `mutation ($email: String!) { inviteMember(email: $email, role: OWNER) { id } }`, {
        email: stranger.email,
      })
    ).inviteMember;
    expect(codes(await as(subgraph, admin.token, `mutation ($id: ID!) { revokeInvitation(id: $id) }`, { id: ownerInvite.id }))).toEqual(['FORBIDDEN']);
    expect((await asData(subgraph, owner.token, `mutation ($id: ID!) { revokeInvitation(id: $id) }`, { id: ownerInvite.id })).revokeInvitation).toBe(true);

    expect((await asData(subgraph, admin.token, `mutation ($id: ID!) { revokeInvitation(id: $id) }`, { id: issued[1].id })).revokeInvitation).toBe(true);
    expect(codes(await as(subgraph, invitees[1].token, ACCEPT, { token: issued[1].token }))).toEqual(['NOT_FOUND']);
    // issued[0] is still pending (invitees[0] joined through a second invitation).
    expect((await asData<InvitationsData>(subgraph, owner.token, LIST, {})).invitations.edges.map((e) => e.node.id)).toEqual([issued[2].id, issued[0].id]);
  });

  it('lets exactly one of several concurrent acceptances of one invitation through', async () => {
    const owner = await signUpMember(subgraph);
    const bea = await signUpMember(subgraph);
    const invite = (await asData<InviteData>(subgraph, owner.token, INVITE, { email: bea.email, role: 'MEMBER' })).inviteMember;
    const responses = await Promise.all(Array.from({ length: 5 }, () => as(subgraph, bea.token, ACCEPT, { token: invite.token })));
    expect(responses.filter((r) => !r.errors).length).toBe(1);
    const items = await subgraph.allItems();
    expect(items.filter((i) => i.PK === `ORG#${owner.organizationId}` && i.SK.startsWith('MEMBER#'))).toHaveLength(2);
  });

  it('pages members, for members only', async () => {
    const owner = await signUpMember(subgraph);
    const others = await Promise.all(Array.from({ length: 4 }, () => signUpMember(subgraph)));
    for (const other of others) await join(owner, other, 'VIEWER');
    const reps = [{ __typename: 'Organization', id: owner.organizationId }];
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const data: MembersData = await asData<MembersData>(subgraph, owner.token, MEMBERS, { reps, first: 2, after });
      const { edges, pageInfo } = data._entities[0].members!;
      seen.push(...edges.map((e) => e.node.user.id));
      after = pageInfo.endCursor;
      if (!pageInfo.hasNextPage) break;
    }
    expect(seen.sort()).toEqual([owner.userId, ...others.map((o) => o.userId)].sort());

    const stranger = await signUpMember(subgraph);
    expect((await asData<MembersData>(subgraph, stranger.token, MEMBERS, { reps, first: 2 }))._entities[0].members).toBeNull();
  });

  it('changes roles within the rules and never lets an ADMIN touch an OWNER', async () => {
    const owner = await signUpMember(subgraph);
    const admin = await signUpMember(subgraph);
    const member = await signUpMember(subgraph);
    await join(owner, admin, 'ADMIN');
    await join(owner, member, 'MEMBER');
    await asData(subgraph, admin.token, SWITCH, { id: owner.organizationId });
    await asData(subgraph, member.token, SWITCH, { id: owner.organizationId });

    expect((await asData<ChangeRoleData>(subgraph, admin.token, CHANGE_ROLE, { userId: member.userId, role: 'VIEWER' })).changeMemberRole).toEqual({
      role: 'VIEWER',
      user: { id: member.userId },
    });
    expect(await identityOf(subgraph, member.token)).toMatchObject({ role: 'VIEWER' });
    expect(codes(await as(subgraph, admin.token, CHANGE_ROLE, { userId: owner.userId, role: 'MEMBER' }))).toEqual(['FORBIDDEN']);
    expect(codes(await as(subgraph, admin.token, CHANGE_ROLE, { userId: member.userId, role: 'OWNER' }))).toEqual(['FORBIDDEN']);
    expect(codes(await as(subgraph, admin.token, REMOVE, { userId: owner.userId }))).toEqual(['FORBIDDEN']);
    expect(codes(await as(subgraph, member.token, CHANGE_ROLE, { userId: admin.userId, role: 'VIEWER' }))).toEqual(['FORBIDDEN']);
    expect(codes(await as(subgraph, owner.token, CHANGE_ROLE, { userId: 'nope', role: 'VIEWER' }))).toEqual(['BAD_USER_INPUT']);

    // The only OWNER cannot step down; after promoting someone, they can.
    expect(codes(await as(subgraph, owner.token, CHANGE_ROLE, { userId: owner.userId, role: 'ADMIN' }))).toEqual(['CONFLICT']);
    await asData<ChangeRoleData>(subgraph, owner.token, CHANGE_ROLE, { userId: admin.userId, role: 'OWNER' });
    expect((await asData<ChangeRoleData>(subgraph, owner.token, CHANGE_ROLE, { userId: owner.userId, role: 'ADMIN' })).changeMemberRole.role).toBe('ADMIN');
    const organization = await subgraph.dynamo.send(
      new GetCommand({ TableName: subgraph.tableName, Key: { PK: `ORG#${owner.organizationId}`, SK: 'ORG' }, ConsistentRead: true }),
    );
    expect(organization.Item!.ownerCount).toBe(1);
  });

  it('lets exactly N-1 of N concurrent demotions of N owners succeed', async () => {
    const founder = await signUpMember(subgraph);
    const owners = [founder, ...(await Promise.all(Array.from({ length: 4 }, () => signUpMember(subgraph))))];
    for (const other of owners.slice(1)) {
      await join(founder, other, 'OWNER');
      await asData(subgraph, other.token, SWITCH, { id: founder.organizationId });
    }
    const results = await Promise.all(owners.map((o) => as(subgraph, o.token, CHANGE_ROLE, { userId: o.userId, role: 'MEMBER' })));
    expect(results.filter((r) => !r.errors)).toHaveLength(owners.length - 1);
    expect(results.filter((r) => r.errors).map(codes)).toEqual([['CONFLICT']]);

    const items = await subgraph.allItems();
    const memberships = items.filter((i) => i.PK === `ORG#${founder.organizationId}` && i.SK.startsWith('MEMBER#'));
    expect(memberships.filter((m) => m.role === 'OWNER')).toHaveLength(1);
    expect(items.find((i) => i.PK === `ORG#${founder.organizationId}` && i.SK === 'ORG')!.ownerCount).toBe(1);
  });

  it('keeps an OWNER when owners leave and are removed concurrently', async () => {
    const founder = await signUpMember(subgraph);
    const second = await signUpMember(subgraph);
    const third = await signUpMember(subgraph);
    await join(founder, second, 'OWNER');
    await join(founder, third, 'OWNER');
    await asData(subgraph, third.token, SWITCH, { id: founder.organizationId });
    // second leaves (scoped elsewhere), third removes founder, founder demotes third: at most two can win.
    const results = await Promise.all([
      as(subgraph, second.token, LEAVE, { id: founder.organizationId }),
      as(subgraph, third.token, REMOVE, { userId: founder.userId }),
      as(subgraph, founder.token, CHANGE_ROLE, { userId: third.userId, role: 'VIEWER' }),
    ]);
    expect(results.filter((r) => !r.errors).length).toBeLessThanOrEqual(2);
    const items = await subgraph.allItems();
    const owners = items.filter((i) => i.PK === `ORG#${founder.organizationId}` && i.SK.startsWith('MEMBER#') && i.role === 'OWNER');
    expect(owners.length).toBeGreaterThanOrEqual(1);
    expect(items.find((i) => i.PK === `ORG#${founder.organizationId}` && i.SK === 'ORG')!.ownerCount).toBe(owners.length);
  });

  it('removes a member and ends their sessions in that organisation, not elsewhere', async () => {
    const owner = await signUpMember(subgraph);
    const bea = await signUpMember(subgraph);
    await join(owner, bea, 'MEMBER');
    const scopedThere = await signInMember(subgraph, bea);
    await asData(subgraph, scopedThere, SWITCH, { id: owner.organizationId });
    await subgraph.cache.set(sessionCacheKey(hashSessionToken(scopedThere)), 'cached', 60_000);

    expect((await asData(subgraph, owner.token, REMOVE, { userId: bea.userId })).removeMember).toBe(true);
    expect(await identityOf(subgraph, scopedThere)).toBeNull();
    expect(await subgraph.cache.get(sessionCacheKey(hashSessionToken(scopedThere)))).toBeNull();
    expect(await identityOf(subgraph, bea.token)).toMatchObject({ organizationId: bea.organizationId });
    expect(codes(await as(subgraph, owner.token, REMOVE, { userId: bea.userId }))).toEqual(['NOT_FOUND']);
    // Her switch had made that organisation her default; others now see her in her own again.
    const seen = await asData(subgraph, owner.token, `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { role organization { id } } } }`, {
      reps: [{ __typename: 'User', id: bea.userId }],
    });
    expect(seen._entities).toEqual([{ role: 'OWNER', organization: { id: bea.organizationId } }]);
  });

  it('gives a user removed from every organisation a fresh one of their own at the next sign-in', async () => {
    const owner = await signUpMember(subgraph);
    const bea = await signUpMember(subgraph);
    await join(owner, bea, 'MEMBER');
    // Bea's own organisation gets a second OWNER, who then removes her from it.
    await join(bea, owner, 'OWNER');
    await asData(subgraph, bea.token, SWITCH, { id: owner.organizationId });
    await asData(subgraph, owner.token, SWITCH, { id: bea.organizationId });
    await asData(subgraph, owner.token, REMOVE, { userId: bea.userId });
    await asData(subgraph, owner.token, SWITCH, { id: owner.organizationId });
    await asData(subgraph, owner.token, REMOVE, { userId: bea.userId });

    const token = await signInMember(subgraph, bea);
    const identity = await identityOf(subgraph, token);
    expect(identity).toMatchObject({ role: 'OWNER' });
    expect([owner.organizationId, bea.organizationId]).not.toContain(identity!.organizationId);
    expect((await asData<{ myOrganizations: Membership[] }>(subgraph, token, MY_ORGANIZATIONS)).myOrganizations).toEqual([
      { organization: { id: identity!.organizationId, name: "Ada Breeder's organisation" }, role: 'OWNER', current: true },
    ]);
  });

  it('leaves an organisation, but not the one the session is in, and not as its last OWNER', async () => {
    const owner = await signUpMember(subgraph);
    const bea = await signUpMember(subgraph);
    await join(owner, bea, 'MEMBER');
    expect(codes(await as(subgraph, owner.token, LEAVE, { id: owner.organizationId }))).toEqual(['CONFLICT']);
    const elsewhere = (await asData<{ createOrganization: Membership }>(subgraph, owner.token, CREATE, { name: 'Second' })).createOrganization.organization.id;
    await asData(subgraph, owner.token, SWITCH, { id: elsewhere });
    const lastOwner = await as(subgraph, owner.token, LEAVE, { id: owner.organizationId });
    expect(codes(lastOwner)).toEqual(['CONFLICT']);
    expect(lastOwner.errors![0].message).toMatch(/at least one OWNER/);

    expect((await asData(subgraph, bea.token, LEAVE, { id: owner.organizationId })).leaveOrganization).toBe(true);
    expect((await asData<{ myOrganizations: Membership[] }>(subgraph, bea.token, MY_ORGANIZATIONS)).myOrganizations.map((m) => m.organization.id)).toEqual([
      bea.organizationId,
    ]);
  });
});
