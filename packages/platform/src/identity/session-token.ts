import { createHash, randomBytes } from 'node:crypto';

/**
 * The gateway forwards hashSessionToken(bearer token) in this header to the user subgraph only,
 * so signOut knows which session to end. It is never trusted without a matching identity token.
 */
export const SESSION_HASH_HEADER = 'x-studbook-session';

/**
 * What the gateway saw of the client, forwarded to the user subgraph only (for the sessions list).
 * Like every header on a subgraph request, trusted only next to a valid identity token.
 */
export const CLIENT_IP_HEADER = 'x-studbook-client-ip';
export const CLIENT_AGENT_HEADER = 'x-studbook-client-agent';

/** A fresh session token: 256 random bits, base64url. Only its hash is ever stored. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The cache key under which the gateway keeps a resolved session; signOut deletes it. */
export function sessionCacheKey(tokenHash: string): string {
  return `session:${tokenHash}`;
}

/** A short-lived marker the user subgraph sets when a session ends or changes: the gateway must not cache over it. */
export function sessionChangedKey(tokenHash: string): string {
  return `session-changed:${tokenHash}`;
}
