import { describe, expect, inject, it } from 'vitest';
import { Redis } from 'ioredis';
import { createEventBus, createLogger, type PublishedEvent } from '@studbook/platform';

const event = (version: number): PublishedEvent => ({
  outboxId: version,
  tenantId: 't',
  aggregateType: 'breedingSession',
  aggregateId: 's',
  version,
  eventType: 'breedingSession.eventRecorded',
  payload: {},
  occurredAt: new Date().toISOString(),
});

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 10_000) throw new Error(`waited 10 s for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.runIf(inject('redisUrl'))('the Redis event bus across a reconnect', () => {
  it('re-subscribes its channels and tells its consumers to catch up on what they missed', async () => {
    const redisUrl = inject('redisUrl')!;
    const label = `reconnect-${process.pid}-${Date.now()}`;
    const bus = createEventBus(redisUrl, `studbook_t_reconnect_${process.pid}`, label, createLogger('bus-test', { silent: true }));
    const admin = new Redis(redisUrl);
    try {
      const received: number[] = [];
      let reconnects = 0;
      bus.onReconnected(() => (reconnects += 1));
      await bus.subscribe('breedingSession:s', (e) => received.push(e.version));
      await bus.publish('breedingSession:s', event(1));
      await until(() => received.length === 1, 'the first message');

      // The server drops the subscriber's connection, as a Redis restart or failover does.
      const clients = String(await admin.client('LIST')).split('\n');
      const subscriber = clients.find((line) => line.includes(`name=studbook-${label}-events-sub`));
      expect(subscriber).toBeDefined();
      await admin.client('KILL', 'ID', /\bid=(\d+)/.exec(subscriber!)![1]);
      await until(() => reconnects === 1, 'the reconnect notice');

      await bus.publish('breedingSession:s', event(2));
      await until(() => received.length === 2, 'a message after the reconnect');
      expect(received).toEqual([1, 2]);
    } finally {
      admin.disconnect();
      await bus.close();
    }
  });
});
