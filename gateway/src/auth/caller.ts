import { ErrorCode, hashSessionToken, userError, type Identity } from '@studbook/platform';
import type { GraphQLError } from 'graphql';
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

// RFC 7235: the scheme is case-insensitive, and RFC 6750 allows one or more spaces before the token.
// Our tokens are 43 base64url characters; the range leaves room without accepting junk.
const BEARER = /^Bearer +([A-Za-z0-9_-]{20,200})$/i;
const BEARER_SCHEME = /^bearer/i;

/**
 * Reads `Authorization: Bearer <token>`. No header means an anonymous caller (who may sign up
 * or sign in); any other credentials that do not name a live session are refused outright with
 * 401, so a client that believes it is signed in learns that it is not instead of reading
 * anonymous data.
 */
export async function identifyCaller(authorization: string | undefined, sessions: SessionResolver): Promise<{ identity: Identity; sessionHash?: string }> {
  if (authorization === undefined) return { identity: { kind: 'anonymous' } };
  const match = BEARER.exec(authorization.trim());
  if (!match) {
    // RFC 6750 §3.1: credentials of another scheme (Basic ...) carry no bearer token, so no error code.
    throw BEARER_SCHEME.test(authorization.trim())
      ? invalidToken('Malformed Authorization header: expected "Bearer <token>"')
      : refused('Unsupported Authorization scheme: expected "Bearer <token>"', 'Bearer realm="studbook"');
  }
  const sessionHash = hashSessionToken(match[1]);
  const identity = await sessions.resolve(match[1], sessionHash).catch(() => {
    // Nobody can say whether the token is live: not the caller's fault, and worth a retry.
    throw userError(ErrorCode.SubgraphUnavailable, 'Sessions cannot be checked right now; try again shortly', {
      retryable: true,
      http: { status: 503, headers: new Map([['retry-after', '1']]) },
    });
  });
  if (!identity) throw invalidToken('Session expired or signed out');
  return { identity, sessionHash };
}

const invalidToken = (message: string) => refused(message, 'Bearer realm="studbook", error="invalid_token"');

/** UNAUTHENTICATED, answered over HTTP as 401 with the challenge (Apollo lifts `extensions.http`). */
function refused(message: string, challenge: string): GraphQLError {
  return userError(ErrorCode.Unauthenticated, message, { http: { status: 401, headers: new Map([['www-authenticate', challenge]]) } });
}
