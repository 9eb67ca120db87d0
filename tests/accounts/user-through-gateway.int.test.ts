import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoImplementations, type DynamoServer } from '../support/dynamo-servers.js';
import { ANDROID, post, startUserGateways, type Response, type UserGateways } from './user-gateways.js';
import { graphql } from '../__generated__/index.js';

const SWITCH_ORGANIZATION = graphql(`mutation UserThroughGatewaySwitchOrganization($id: ID!) { switchOrganization(organizationId: $id) { role } }`);
const ACCEPT_INVITATION = graphql(`mutation UserThroughGatewayAcceptInvitation($t: String!) { acceptInvitation(token: $t) { role } }`);

const SIGN_UP = graphql(`mutation UserThroughGatewaySignUp($input: SignUpInput!) { signUp(input: $input) { token user { id organization { id } } } }`);
const SIGN_IN = graphql(`mutation UserThroughGatewaySignIn($email: String!, $password: String!) { signIn(email: $email, password: $password) { token } }`);
const ME = graphql(`query UserThroughGatewayMe { me { id role organization { id name } } }`);
const SESSIONS = graphql(`query UserThroughGatewaySessions { mySessions { id device ip current } }`);
const PASSWORD = 'correct horse battery';

const data = <T>(response: Response<T>) => {
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!;
};
const code = (response: Response) => response.errors?.[0]?.extensions?.code;

describe.each(dynamoImplementations())('the user subgraph through two gateways, on $name', (implementation) => {
  let dynamo: DynamoServer;
  let platform: UserGateways;
  let gatewayA: string;
  let gatewayB: string;

  beforeAll(async () => {
    dynamo = await implementation.start();
    platform = await startUserGateways(dynamo.endpoint, 2, { signInThrottle: { maxFailures: 5, windowSeconds: 900 } });
    [gatewayA, gatewayB] = platform.gatewayUrls;
  });
  afterAll(async () => {
    await platform?.stop();
    await dynamo?.stop();
  });

  async function signUp() {
    const email = `keeper-${randomUUID()}@example.test`;
    const input = { email, password: PASSWORD, name: 'Gate Keeper', organizationName: 'Gate Farm' };
    const { signUp: result } = data(await post(gatewayA, SIGN_UP, { input }));
    return { email, token: result.token as string, userId: result.user.id as string, organizationId: result.user.organization.id as string };
  }

  it('records the device and the address the gateway saw, not a forged forwarding header', async () => {
    const ada = await signUp();
    const phone = data(await post(gatewayB, SIGN_IN, { email: ada.email, password: PASSWORD }, undefined, ANDROID)).signIn.token;
    const sessions = data(await post(gatewayA, SESSIONS, {}, phone)).mySessions;
    expect(sessions).toEqual([
      { id: expect.any(String), device: 'Chrome on Android', ip: '127.0.0.1', current: true },
      { id: expect.any(String), device: 'Firefox on Windows', ip: '127.0.0.1', current: false },
    ]);
  });

  it('refuses a revoked session at once on every gateway, even right after both cached it', async () => {
    const ada = await signUp();
    const second = data(await post(gatewayA, SIGN_IN, { email: ada.email, password: PASSWORD }, undefined, ANDROID)).signIn.token;
    // Both gateways have just resolved (and cached) the second session.
    data(await post(gatewayA, ME, {}, second));
    data(await post(gatewayB, ME, {}, second));
    const target = data(await post(gatewayA, SESSIONS, {}, ada.token)).mySessions.find((s) => !s.current);
    expect(
      data(await post(gatewayB, graphql(`mutation UserThroughGatewayRevokeSession($id: ID!) { revokeSession(id: $id) }`), { id: target!.id }, ada.token)).revokeSession,
    ).toBe(true);
    const refusedA = await post(gatewayA, ME, {}, second);
    const refusedB = await post(gatewayB, ME, {}, second);
    expect([code(refusedA), code(refusedB)]).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect(data(await post(gatewayB, ME, {}, ada.token)).me!.id).toBe(ada.userId);

    // signOutEverywhere: every token refused on every gateway.
    data(await post(gatewayA, ME, {}, ada.token));
    data(await post(gatewayB, graphql(`mutation UserThroughGatewaySignOutEverywhere { signOutEverywhere }`), {}, ada.token));
    expect(code(await post(gatewayA, ME, {}, ada.token))).toBe('UNAUTHENTICATED');
  });

  it('re-scopes the session on switchOrganization: the very next request on any gateway runs in the new organisation', async () => {
    const ada = await signUp();
    const created = data(
      await post(gatewayA, graphql(`mutation UserThroughGatewayCreateOrganization { createOrganization(name: "Second Flock") { organization { id } } }`), {}, ada.token),
    ).createOrganization;
    // Cached on B in the old organisation...
    expect(data(await post(gatewayB, ME, {}, ada.token)).me!.organization.id).toBe(ada.organizationId);
    data(await post(gatewayA, SWITCH_ORGANIZATION, { id: created.organization.id }, ada.token));
    // ...and B runs the next request in the new one.
    expect(data(await post(gatewayB, ME, {}, ada.token)).me).toMatchObject({ role: 'OWNER', organization: { id: created.organization.id, name: 'Second Flock' } });
    const organizations = data(
      await post(gatewayA, graphql(`query UserThroughGatewayMyOrganizations { myOrganizations { organization { id } current } }`), {}, ada.token),
    ).myOrganizations;
    expect(organizations.find((m) => m.current)!.organization.id).toBe(created.organization.id);
  });

  it('removing a member stops their session there on every gateway', async () => {
    const owner = await signUp();
    const bea = await signUp();
    const invite = data(
      await post(
        gatewayA,
        graphql(`mutation UserThroughGatewayInviteMember($e: String!) { inviteMember(email: $e, role: MEMBER) { token } }`),
        { e: bea.email },
        owner.token,
      ),
    ).inviteMember;
    data(await post(gatewayB, ACCEPT_INVITATION, { t: invite.token }, bea.token));
    data(await post(gatewayB, SWITCH_ORGANIZATION, { id: owner.organizationId }, bea.token));
    expect(data(await post(gatewayA, ME, {}, bea.token)).me!.role).toBe('MEMBER');
    data(await post(gatewayA, graphql(`mutation UserThroughGatewayRemoveMember($u: ID!) { removeMember(userId: $u) }`), { u: bea.userId }, owner.token));
    expect(code(await post(gatewayA, ME, {}, bea.token))).toBe('UNAUTHENTICATED');
    expect(code(await post(gatewayB, ME, {}, bea.token))).toBe('UNAUTHENTICATED');
  });

  it('a role change applies on every gateway at the next request, even right after both cached the session', async () => {
    const owner = await signUp();
    const bea = await signUp();
    const invite = data(
      await post(
        gatewayA,
        graphql(`mutation UserThroughGatewayInviteAdmin($e: String!) { inviteMember(email: $e, role: ADMIN) { token } }`),
        { e: bea.email },
        owner.token,
      ),
    ).inviteMember;
    data(await post(gatewayB, ACCEPT_INVITATION, { t: invite.token }, bea.token));
    data(await post(gatewayB, SWITCH_ORGANIZATION, { id: owner.organizationId }, bea.token));
    // A new session there (sign-in starts where she switched to last), not one changed a moment ago.
    const session = data(await post(gatewayA, SIGN_IN, { email: bea.email, password: PASSWORD })).signIn.token as string;
    // Both gateways resolve (and cache) Bea as ADMIN.
    expect(data(await post(gatewayA, ME, {}, session)).me!.role).toBe('ADMIN');
    expect(data(await post(gatewayB, ME, {}, session)).me!.role).toBe('ADMIN');
    data(
      await post(
        gatewayA,
        graphql(`mutation UserThroughGatewayChangeMemberRole($u: ID!) { changeMemberRole(userId: $u, role: VIEWER) { role } }`),
        { u: bea.userId },
        owner.token,
      ),
    );
    // The animal subgraph trusts the role the gateway forwards: a VIEWER changes nothing there.
    const CREATE = `mutation ($input: CreateAnimalInput!) { createAnimal(input: $input) { id } }`;
    const input = { name: 'Not allowed', species: 'Ball python', sex: 'FEMALE' };
    expect(code(await post(gatewayA, CREATE, { input }, session))).toBe('FORBIDDEN');
    expect(code(await post(gatewayB, CREATE, { input }, session))).toBe('FORBIDDEN');
    expect(data(await post(gatewayB, ME, {}, session)).me!.role).toBe('VIEWER');
  });

  it('throttles failed sign-ins with a retry time the client sees, across gateways and aliased fields', async () => {
    const ada = await signUp();
    const aliased = Array.from({ length: 10 }, (_, i) => `a${i}: signIn(email: $email, password: "nope-${i}") { token }`).join(' ');
    const failures = await Promise.all([
      post(gatewayA, `mutation ($email: String!) { ${aliased} }`, { email: ada.email }),
      ...Array.from({ length: 6 }, (_, i) => post(i % 2 ? gatewayA : gatewayB, SIGN_IN, { email: ada.email, password: `wrong-${i}` })),
    ]);
    const codes = failures.flatMap((r) => (r.errors ?? []).map((e) => e.extensions?.code));
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(5);
    expect(codes.filter((c) => c === 'TOO_MANY_REQUESTS')).toHaveLength(2);

    const refused = await post(gatewayB, SIGN_IN, { email: ada.email, password: PASSWORD });
    expect(code(refused)).toBe('TOO_MANY_REQUESTS');
    expect(refused.errors![0].extensions!.retryAfterSeconds).toEqual(expect.any(Number));
    expect(refused.errors![0].message).toMatch(/Try again in/);
    expect(Object.keys(refused.errors![0].extensions!).sort()).toEqual(['code', 'retryAfterSeconds']);
  });

  it('resolves the owners of a page of animals from several organisations in one BatchGetItem', async () => {
    const token = randomUUID().slice(0, 8);
    const breeders = [await signUp(), await signUp(), await signUp()];
    for (const [b, breeder] of breeders.entries()) {
      for (let i = 0; i < 4; i++) {
        const input = { name: `Owner-${token}-${b}-${i}`, species: 'Ball python', sex: i % 2 ? ('MALE' as const) : ('FEMALE' as const), visibility: 'PUBLIC' as const };
        data(
          await post(
            gatewayA,
            graphql(`mutation UserThroughGatewayCreateAnimal($input: CreateAnimalInput!) { createAnimal(input: $input) { id } }`),
            { input },
            breeder.token,
          ),
        );
      }
    }
    const reader = breeders[0];
    data(await post(gatewayA, ME, {}, reader.token)); // resolve the session first: its lookup is not what is counted
    const batches: string[][] = [];
    platform.subgraph.dynamo.middlewareStack.add(
      (next, context) => (args) => {
        if (context.commandName === 'BatchGetItemCommand') {
          const { RequestItems } = args.input as { RequestItems?: Record<string, { Keys: { SK: string }[] }> };
          const request = Object.values(RequestItems ?? {})[0];
          batches.push(request.Keys.map((key) => String(key.SK)));
        }
        return next(args);
      },
      { step: 'initialize', name: 'recordBatchGets' },
    );
    const page = data(
      await post(
        gatewayA,
        graphql(`query UserThroughGatewayAnimals($t: String!) { animals(first: 50, filter: { nameContains: $t }) { edges { node { name owner { id name } } } } }`),
        { t: `Owner-${token}` },
        reader.token,
      ),
    );
    platform.subgraph.dynamo.middlewareStack.remove('recordBatchGets');
    expect(page.animals.edges).toHaveLength(12);
    expect(new Set(page.animals.edges.map((e) => e.node.owner!.id))).toEqual(new Set(breeders.map((b) => b.organizationId)));
    const organizationBatches = batches.filter((keys) => keys.includes('ORG'));
    expect(organizationBatches).toEqual([['ORG', 'ORG', 'ORG']]);
  });
});
