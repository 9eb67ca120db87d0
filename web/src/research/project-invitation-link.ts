import { invitationLink } from '../account/invitation-link';

/**
 * A project invitation's link: like an organisation's, the token rides in the fragment, which browsers
 * send neither to the server nor in a Referer. tokenFromHash (account/invitation-link.ts) reads it back.
 */
export const PROJECT_INVITATION_PATH = '/project-invitation';

export function projectInvitationLink(origin: string, token: string): string {
  return invitationLink(origin, token).replace(/\/invitation#/, `${PROJECT_INVITATION_PATH}#`);
}
