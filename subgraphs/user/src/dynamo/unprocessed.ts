import type { RetryOptions } from '@studbook/platform';

/** A batch call left some requests unprocessed (DynamoDB does so under throttling). */
export class UnprocessedError extends Error {
  override name = 'UnprocessedError';
}

/** Only the leftovers are sent again; a failed call itself was already retried by the SDK. */
export const UNPROCESSED_RETRY: RetryOptions = {
  attempts: 8,
  baseDelayMs: 80,
  maxDelayMs: 1000,
  retryable: (error) => error instanceof UnprocessedError,
};
