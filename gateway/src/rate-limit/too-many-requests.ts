import { ErrorCode, userError } from '@studbook/platform';
import type { GraphQLError } from 'graphql';

/** The error a throttled client sees, on HTTP (with 429 and Retry-After) and on the WebSocket alike. */
export function tooManyRequests(retryAfterSeconds: number): GraphQLError {
  return userError(ErrorCode.TooManyRequests, `Too many requests: try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}.`, { retryAfterSeconds });
}
