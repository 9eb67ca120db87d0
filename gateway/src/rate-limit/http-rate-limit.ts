import { sendRejection } from '@studbook/platform';
import type { RequestHandler } from 'express';
import { rateLimitSubject } from './rate-limit-subject.js';
import type { RateLimits } from './rate-limits.js';
import { tooManyRequests } from './too-many-requests.js';

/** The general request budget on HTTP: one point per request, before the token is resolved or anything parsed. */
export function httpRateLimit(limits: RateLimits, trustedProxyHops: number): RequestHandler {
  return async (req, res, next) => {
    const throttled = await limits.consume(rateLimitSubject(req, req.header('authorization'), trustedProxyHops), { requests: 1 });
    if (!throttled) return next();
    const { message, extensions } = tooManyRequests(throttled.retryAfterSeconds);
    res.set('retry-after', String(throttled.retryAfterSeconds));
    sendRejection(res, 429, [{ message, extensions: extensions as { code: string } }]);
  };
}
