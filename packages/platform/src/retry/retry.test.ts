import { describe, expect, it } from 'vitest';
import { backoffDelay, retry } from './retry.js';

const quick = { baseDelayMs: 1, maxDelayMs: 4 };

describe('backoffDelay', () => {
  it('is full jitter: anywhere from 0 up to a cap that doubles and then stays at the maximum', () => {
    const options = { baseDelayMs: 10, maxDelayMs: 60 };
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, { ...options, random: () => 0.999999 })).map(Math.round)).toEqual([10, 20, 40, 60, 60]);
    expect(backoffDelay(3, { ...options, random: () => 0 })).toBe(0);
    expect(backoffDelay(2, { ...options, random: () => 0.5 })).toBe(10);
  });
});

describe('retry', () => {
  it('tries again until the operation succeeds and returns its result', async () => {
    const seen: number[] = [];
    const result = await retry(
      async (attempt) => {
        seen.push(attempt);
        if (attempt < 3) throw new Error('busy');
        return 'done';
      },
      { attempts: 5, ...quick },
    );
    expect(result).toBe('done');
    expect(seen).toEqual([1, 2, 3]);
  });

  it('rethrows the last failure once the attempts are spent', async () => {
    let calls = 0;
    await expect(
      retry(
        async (attempt) => {
          calls++;
          throw new Error(`failure ${attempt}`);
        },
        { attempts: 4, ...quick },
      ),
    ).rejects.toThrow('failure 4');
    expect(calls).toBe(4);
  });

  it('does not retry a failure that is not retryable', async () => {
    let calls = 0;
    const fatal = Object.assign(new Error('fatal'), { name: 'ValidationException' });
    await expect(
      retry(
        async () => {
          calls++;
          throw fatal;
        },
        { attempts: 5, ...quick, retryable: (error) => (error as Error).name !== 'ValidationException' },
      ),
    ).rejects.toBe(fatal);
    expect(calls).toBe(1);
  });

  it('stops at an aborted signal, even in the middle of a wait', async () => {
    const controller = new AbortController();
    let calls = 0;
    const running = retry(
      async () => {
        calls++;
        setImmediate(() => controller.abort());
        throw new Error('busy');
      },
      { attempts: 100, baseDelayMs: 60_000, maxDelayMs: 60_000, random: () => 1, signal: controller.signal },
    );
    await expect(running).rejects.toThrow('busy');
    expect(calls).toBe(1);
  });

  it('starts no try after the deadline', async () => {
    let calls = 0;
    await expect(
      retry(
        async () => {
          calls++;
          throw new Error('busy');
        },
        { attempts: 100, baseDelayMs: 60_000, maxDelayMs: 60_000, random: () => 1, deadline: Date.now() + 1_000 },
      ),
    ).rejects.toThrow('busy');
    expect(calls).toBe(1);
  });
});
