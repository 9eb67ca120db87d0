/**
 * The link a manager hands to an invitee. The token rides in the fragment: browsers send neither the
 * fragment to the server nor in a Referer, so it stays out of access logs and other sites' analytics.
 */
export const INVITATION_PATH = '/invitation';

export function invitationLink(origin: string, token: string): string {
  return `${origin}${INVITATION_PATH}#${encodeURIComponent(token)}`;
}

/** The token of an invitation link's fragment (`#abc` -> `abc`), or null when there is none. */
export function tokenFromHash(hash: string): string | null {
  const token = decodeURIComponent(hash.replace(/^#/, '')).trim();
  return token === '' ? null : token;
}
