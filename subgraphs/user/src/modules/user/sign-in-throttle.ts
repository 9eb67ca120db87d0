import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../dynamo/keys.js';
import type { UserTable } from '../../dynamo/user-table.js';
import { isConditionFailed } from '../../dynamo/conditional-write.js';

export interface SignInThrottleSettings {
  /** Failed sign-ins allowed per email and window. */
  maxFailures: number;
  windowSeconds: number;
}

export const DEFAULT_SIGN_IN_THROTTLE: SignInThrottleSettings = { maxFailures: 5, windowSeconds: 15 * 60 };

export type Reservation = { allowed: true; release(): Promise<void> } | { allowed: false; retryAfterSeconds: number; retryAt: Date };

/**
 * Counts sign-in attempts per email in fixed windows, in one DynamoDB item per window (TTL-swept).
 * An attempt reserves a slot before the password is checked (an atomic conditional increment), so
 * concurrent attempts, including aliased fields of one request, cannot exceed the limit; a
 * successful sign-in gives its slot back, so only failures count.
 */
export async function reserveSignInAttempt(table: UserTable, email: string, settings: SignInThrottleSettings, nowMs = Date.now()): Promise<Reservation> {
  const windowMs = settings.windowSeconds * 1000;
  const windowStart = Math.floor(nowMs / windowMs) * windowMs;
  const key = keys.signInWindow(email, windowStart);
  const windowEnd = windowStart + windowMs;
  try {
    await table.dynamo.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: key,
        UpdateExpression: 'SET attempts = if_not_exists(attempts, :zero) + :one, #ttl = :ttl',
        ConditionExpression: 'attribute_not_exists(attempts) OR attempts < :max',
        ExpressionAttributeNames: { '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':max': settings.maxFailures, ':ttl': Math.ceil(windowEnd / 1000) + 60 },
      }),
    );
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((windowEnd - nowMs) / 1000)), retryAt: new Date(windowEnd) };
  }
  return {
    allowed: true,
    release: async () => {
      await table.dynamo
        .send(
          new UpdateCommand({
            TableName: table.tableName,
            Key: key,
            UpdateExpression: 'SET attempts = attempts - :one',
            ConditionExpression: 'attempts > :zero',
            ExpressionAttributeValues: { ':zero': 0, ':one': 1 },
          }),
        )
        .catch((error: Error) => {
          if (!isConditionFailed(error)) throw error;
        });
    },
  };
}
