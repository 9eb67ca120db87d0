import { createHash, randomBytes } from 'node:crypto';

/** A fresh session token: 256 random bits, base64url. Only its hash is ever stored. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The cache key under which the gateway keeps a resolved session; signOut deletes it. */
export function sessionCacheKey(token: string): string {
  return `session:${hashSessionToken(token)}`;
}
