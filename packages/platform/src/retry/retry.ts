/** How often and how patiently {@link retry} tries again. */
export interface RetryOptions {
  /** Tries in all, the first included. */
  attempts: number;
  /** The cap of the first backoff; each later one doubles, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Whether a failure is worth another try (default: every failure). */
  retryable?: (error: unknown, attempt: number) => boolean;
  /** Stops waiting and rethrows the last failure when aborted. */
  signal?: AbortSignal;
  /** Epoch milliseconds after which no further try starts. */
  deadline?: number;
  /** For tests: the source of jitter, in [0, 1). */
  random?: () => number;
}

/**
 * Full jitter (AWS architecture blog, "Exponential Backoff And Jitter"): uniformly random up to
 * the exponential cap, so writers that collided once spread out instead of colliding again.
 */
export function backoffDelay(attempt: number, options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'random'>): number {
  const cap = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return (options.random ?? Math.random)() * cap;
}

/**
 * Runs `operation` (given its 1-based attempt number) until it resolves, the failure is not
 * retryable, the attempts are spent, the deadline has passed or the signal aborts; the last
 * failure is rethrown as is, so callers still see the store's own error.
 */
export async function retry<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (attempt >= options.attempts || options.signal?.aborted || !(options.retryable?.(error, attempt) ?? true)) throw error;
      const delay = backoffDelay(attempt, options);
      if (options.deadline !== undefined && Date.now() + delay >= options.deadline) throw error;
      if (!(await sleep(delay, options.signal))) throw error;
    }
  }
}

/** false when the signal aborted the wait. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
