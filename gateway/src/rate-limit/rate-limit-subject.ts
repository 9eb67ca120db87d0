import type { IncomingMessage } from 'node:http';
import { hashSessionToken } from '@studbook/platform';
import { clientOf } from '../auth/client-info.js';
import type { RateLimitSubject } from './rate-limits.js';

/**
 * What a request is counted against, known before its token is resolved: the client address
 * (X-Forwarded-For only through trusted hops) and the hash of whatever bearer token it presents,
 * so throttled requests cost no session lookup and a token is counted the same on every instance.
 */
export function rateLimitSubject(request: IncomingMessage, authorization: unknown, trustedProxyHops: number): RateLimitSubject {
  const token = typeof authorization === 'string' ? /^Bearer\s+(\S{1,512})$/i.exec(authorization.trim())?.[1] : undefined;
  return { address: clientOf(request, trustedProxyHops).ip, sessionHash: token ? hashSessionToken(token) : undefined };
}
