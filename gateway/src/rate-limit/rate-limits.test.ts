import { describe, expect, it } from 'vitest';
import { createRedisClient, Metrics, type Logger } from '@studbook/platform';
import { RateLimits, type RateLimitSettings } from './rate-limits.js';

const settings = (overrides: Partial<RateLimitSettings> = {}): RateLimitSettings => ({
  requests: { perAddress: 3, perSession: 2, windowSeconds: 60 },
  auth: { perAddress: 2, perSession: 1, windowSeconds: 900 },
  keyPrefix: 'unit',
  ...overrides,
});

function recordingLogger() {
  const warnings: string[] = [];
  const logger: Logger = { debug: () => undefined, info: () => undefined, error: () => undefined, warn: (message) => void warnings.push(message), child: () => logger };
  return { logger, warnings };
}

describe('rate limits in process', () => {
  it('refuses once any budget that applies is spent, with the seconds until it has room', async () => {
    const limits = new RateLimits(settings(), { logger: recordingLogger().logger, metrics: new Metrics() });
    const session = { address: '192.0.2.1', sessionHash: 'session-a' };
    expect(await limits.consume(session, { requests: 1 })).toBeNull();
    expect(await limits.consume(session, { requests: 1 })).toBeNull();
    const refused = await limits.consume(session, { requests: 1 });
    expect(refused?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused?.retryAfterSeconds).toBeLessThanOrEqual(60);
    // The address had one request left; a request without a session spends only that.
    expect(await limits.consume({ address: '192.0.2.1' }, { requests: 1 })).toBeNull();
    expect(await limits.consume({ address: '192.0.2.1' }, { requests: 1 })).not.toBeNull();
  });

  it('charges auth fields to their own budget, all of them at once', async () => {
    const limits = new RateLimits(settings(), { logger: recordingLogger().logger, metrics: new Metrics() });
    expect(await limits.consume({ address: '192.0.2.2' }, { requests: 1, authFields: 3 })).not.toBeNull();
    expect(await limits.consume({ address: '192.0.2.3' }, { requests: 1, authFields: 2 ** 40 })).not.toBeNull();
    expect(await limits.consume({ address: '192.0.2.4' }, { authFields: 2 })).toBeNull();
  });

  it('treats a budget of 0 as no limit', async () => {
    const limits = new RateLimits(settings({ requests: { perAddress: 0, perSession: 0, windowSeconds: 60 } }), {
      logger: recordingLogger().logger,
      metrics: new Metrics(),
    });
    for (let i = 0; i < 50; i++) expect(await limits.consume({ address: '192.0.2.5', sessionHash: 's' }, { requests: 1 })).toBeNull();
  });
});

describe('rate limits whose Redis is down', () => {
  it('keep limiting in this instance and say so in the log, rather than failing requests', async () => {
    const redis = createRedisClient('redis://127.0.0.1:1', 'rate-limit-test');
    redis.on('error', () => undefined);
    const { logger, warnings } = recordingLogger();
    try {
      const limits = new RateLimits(settings(), { redis, logger, metrics: new Metrics() });
      const subject = { address: '192.0.2.9' };
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await limits.consume(subject, { requests: 1 }));
      expect(answers.map((answer) => answer === null)).toEqual([true, true, true, false]);
      expect(warnings).toEqual(['rate limits: redis unavailable, counting in this instance only']);
    } finally {
      redis.disconnect();
    }
  });
});
