import { hashSessionToken, unauthenticated, type Identity } from '@studbook/platform';
import type { ClientInfo } from './client-info.js';
import type { SessionResolver } from './session-resolver.js';

/** The gateway's per-request context: who is calling, and the signed token that says so to subgraphs. */
export interface GatewayContext {
  identity: Identity;
  identityToken: string;
  /** Hash of the caller's session token, forwarded to the user subgraph only (for signOut). */
  sessionHash?: string;
  /** Address and User-Agent, forwarded to the user subgraph only (for the sessions list). */
  client?: ClientInfo;
}

/**
 * Reads `Authorization: Bearer <token>`. No header means an anonymous caller (who may sign up
 * or sign in); a token that is unknown, expired or signed out is refused outright.
 */
export async function identifyCaller(authorization: string | undefined, sessions: SessionResolver): Promise<{ identity: Identity; sessionHash?: string }> {
  if (!authorization) return { identity: { kind: 'anonymous' } };
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(authorization.trim());
  if (!match) throw unauthenticated('Malformed Authorization header: expected "Bearer <token>"');
  const identity = await sessions.resolve(match[1]);
  if (!identity) throw unauthenticated('Session expired or signed out');
  return { identity, sessionHash: hashSessionToken(match[1]) };
}
