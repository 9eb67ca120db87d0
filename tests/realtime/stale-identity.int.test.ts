import { describe, expect, inject, it } from 'vitest';
import { CREATE_ANIMAL, gql, gqlData, newOrganization, type Member } from '../support/gateway-client.js';
import { connect, newBreedingSession, subscribe } from './ws-client.js';
import { graphql } from '../__generated__/index.js';
import type { Role } from '../__generated__/graphql.js';

const SWITCH_ORGANIZATION = graphql(`mutation StaleIdentitySwitchOrganization($o: ID!) { switchOrganization(organizationId: $o) { role } }`);

/** Bea, a member of `owner`'s organisation with `role`, working in it. */
async function colleague(owner: Member, role: Role): Promise<Member> {
  const bea = await newOrganization('StaleBea');
  const invite = await gqlData(
    graphql(`mutation StaleIdentityInviteMember($e: String!, $r: Role!) { inviteMember(email: $e, role: $r) { token } }`),
    { e: bea.email, r: role },
    owner.token,
  );
  await gqlData(graphql(`mutation StaleIdentityAcceptInvitation($t: String!) { acceptInvitation(token: $t) { role } }`), { t: invite.inviteMember.token }, bea.token);
  await gqlData(SWITCH_ORGANIZATION, { o: owner.organizationId }, bea.token);
  return bea;
}

/** The socket's close code, or 'still open' after ten seconds (five check intervals). */
const closeCodeOf = (closed: Promise<number>) => Promise.race([closed, new Promise<string>((resolve) => setTimeout(() => resolve('still open'), 10_000))]);

const animalsNamed = async (owner: Member, name: string) =>
  (await gqlData(graphql(`query StaleIdentityAnimals { animals(first: 100) { edges { node { name } } } }`), {}, owner.token)).animals.edges.filter(
    (e) => e.node.name === name,
  );

describe('a socket whose token comes to stand for another role or organisation', () => {
  it('is closed 4403 once a member is demoted, and no write gets through it as the old role', async () => {
    const owner = await newOrganization('StaleOwner');
    const bea = await colleague(owner, 'MEMBER');
    const { sessionId } = await newBreedingSession(inject('gatewayUrl'), owner.token, 'Stale');
    const socket = connect(inject('gatewayUrl'), bea.token);
    const live = subscribe(socket.client, 'subscription($s: ID!) { breedingSessionEvents(sessionId: $s) { id } }', { s: sessionId });
    await new Promise((resolve) => setTimeout(resolve, 300));

    await gqlData(graphql(`mutation StaleIdentityChangeMemberRole($u: ID!) { changeMemberRole(userId: $u, role: VIEWER) { role } }`), { u: bea.userId }, owner.token);
    expect(await closeCodeOf(socket.closed)).toBe(4403);
    expect(live.results).toEqual([]);

    // The client reconnects as the viewer she now is: the write is refused, as over HTTP.
    const http = await gql(CREATE_ANIMAL, { input: { name: 'Stale via http', species: 'Ball python', sex: 'FEMALE' } }, bea.token);
    expect(http.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const again = connect(inject('gatewayUrl'), bea.token);
    const write = subscribe(again.client, CREATE_ANIMAL, { input: { name: 'Stale via socket', species: 'Ball python', sex: 'FEMALE' } });
    await write.ended();
    expect(write.results.map((r) => r.data?.createAnimal ?? null)).toEqual([null]);
    expect(write.results[0].errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(await animalsNamed(owner, 'Stale via socket')).toEqual([]);
    again.dispose();
  });

  it('is closed 4403 when the token switches to another organisation', async () => {
    const owner = await newOrganization('SwitchOwner');
    const bea = await colleague(owner, 'OWNER');
    const socket = connect(inject('gatewayUrl'), bea.token);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await gqlData(SWITCH_ORGANIZATION, { o: bea.organizationId }, bea.token);
    expect(await closeCodeOf(socket.closed)).toBe(4403);
  });
});
