import { describe, expect, inject, it } from 'vitest';
import { gqlData, newOrganization } from '../support/gateway-client.js';
import { connect, newBreedingSession, recordEvent, subscribe } from './ws-client.js';
import { graphql } from '../__generated__/index.js';

const PROFILES = graphql(`
  subscription ColleagueFeed($s: ID!) {
    breedingSessionEvents(sessionId: $s) { id session { dam { owner { members { edges { node { user { id profile { phone } } } } } } } } }
  }
`);

describe('colleagues watching one breeding session', () => {
  it("each receives the event as read for themselves: nobody sees a colleague's private profile", async () => {
    const owner = await newOrganization('FeedOwner');
    const bea = await newOrganization('FeedBea');
    const invite = await gqlData(
      graphql(`mutation ColleagueFeedsInviteMember($e: String!) { inviteMember(email: $e, role: OWNER) { token } }`),
      { e: bea.email },
      owner.token,
    );
    await gqlData(graphql(`mutation ColleagueFeedsAcceptInvitation($t: String!) { acceptInvitation(token: $t) { role } }`), { t: invite.inviteMember.token }, bea.token);
    await gqlData(
      graphql(`mutation ColleagueFeedsSwitchOrganization($o: ID!) { switchOrganization(organizationId: $o) { role } }`),
      { o: owner.organizationId },
      bea.token,
    );
    await gqlData(graphql(`mutation ColleagueFeedsUpdateProfile { updateProfile(input: { phone: "+44 20 7946 0000" }) { id } }`), {}, owner.token);
    const { sessionId } = await newBreedingSession(inject('gatewayUrl'), owner.token, 'Feed');

    // The owner subscribes first: a feed shared by organisation and role would read as the owner.
    const ownerSocket = connect(inject('gatewayUrl'), owner.token);
    const ownerFeed = subscribe(ownerSocket.client, PROFILES, { s: sessionId });
    await new Promise((resolve) => setTimeout(resolve, 800));
    const beaSocket = connect(inject('gatewayUrl'), bea.token);
    const beaFeed = subscribe(beaSocket.client, PROFILES, { s: sessionId });
    await new Promise((resolve) => setTimeout(resolve, 800));
    await recordEvent(inject('gatewayUrl'), owner.token, sessionId, 'INTRODUCED');

    const [forOwner] = await ownerFeed.waitFor(1);
    const [forBea] = await beaFeed.waitFor(1);
    expect(JSON.stringify(forOwner)).toContain('7946'); // the owner sees their own phone
    expect(forBea.data?.breedingSessionEvents.id).toBe(forOwner.data?.breedingSessionEvents.id);
    expect(JSON.stringify(forBea)).not.toContain('7946');
    ownerSocket.dispose();
    beaSocket.dispose();
  });
});
