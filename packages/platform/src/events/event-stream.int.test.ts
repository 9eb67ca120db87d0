import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createLogger } from '../logger.js';
import type { PublishedEvent } from './event-bus.js';
import { createEventStream, MemoryEventStream, type EventStream, type StreamConsumer } from './event-stream.js';

const logger = createLogger('stream-test', { silent: true });
const streams: EventStream[] = [];
const consumers: StreamConsumer[] = [];

afterAll(async () => {
  await Promise.all(consumers.map((consumer) => consumer.stop()));
  await Promise.all(streams.map((stream) => stream.close()));
});

function eventOf(eventType: string, n: number): PublishedEvent {
  return {
    outboxId: n,
    tenantId: randomUUID(),
    aggregateType: 'sale',
    aggregateId: `sale-${n}`,
    version: 1,
    eventType,
    payload: { n },
    occurredAt: new Date().toISOString(),
  };
}

/** Resolves once `done` holds, checking as the consumers run (no fixed wait). */
async function until(done: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  if (!done()) throw new Error(`gave up waiting: ${what}`);
}

function suite(kind: 'redis' | 'memory', make: () => EventStream) {
  const open = () => {
    const stream = make();
    streams.push(stream);
    return stream;
  };
  const start = (stream: EventStream, options: Parameters<EventStream['consume']>[0]) => {
    const consumer = stream.consume(options);
    consumers.push(consumer);
    return consumer;
  };

  describe(`the ${kind} event stream`, () => {
    it('delivers every appended event to a group, in order, including those appended before it joined', async () => {
      const stream = open();
      const eventType = `test.appended${randomUUID()}`;
      await stream.append(eventOf(eventType, 1));
      const seen: number[] = [];
      start(stream, { eventType, group: 'g', consumer: 'c1', logger, handle: async (event) => void seen.push(event.outboxId) });
      await stream.append(eventOf(eventType, 2));
      await stream.append(eventOf(eventType, 3));
      await until(() => seen.length === 3, 'three events');
      expect(seen).toEqual([1, 2, 3]);
    });

    it('retries an event whose handler failed until it succeeds, before the next one', async () => {
      const stream = open();
      const eventType = `test.retried${randomUUID()}`;
      const attempts: number[] = [];
      start(stream, {
        eventType,
        group: 'g',
        consumer: 'c1',
        logger,
        retryDelayMs: 10,
        handle: async (event) => {
          attempts.push(event.outboxId);
          if (event.outboxId === 1 && attempts.length < 3) throw new Error('database unavailable');
        },
      });
      await stream.append(eventOf(eventType, 1));
      await stream.append(eventOf(eventType, 2));
      await until(() => attempts.includes(2), 'the second event');
      expect(attempts).toEqual([1, 1, 1, 2]);
    });
  });
}

suite('memory', () => new MemoryEventStream());

describe('the in-process event stream', () => {
  it("hands a stopped consumer's unfinished event to the group's next consumer", async () => {
    const stream = new MemoryEventStream();
    const eventType = 'test.unfinished';
    let started = false;
    let release!: () => void;
    const stopping = stream.consume({
      eventType,
      group: 'g',
      consumer: 'c1',
      logger,
      retryDelayMs: 10,
      // Fails until the consumer is stopped: it never finishes the event.
      handle: () => ((started = true), new Promise<void>((_, reject) => (release = () => reject(new Error('stopped'))))),
    });
    await stream.append(eventOf(eventType, 5));
    await until(() => started, 'the first attempt');
    const stopped = stopping.stop();
    release();
    await stopped;
    const handled: number[] = [];
    consumers.push(stream.consume({ eventType, group: 'g', consumer: 'c2', logger, handle: async (event) => void handled.push(event.outboxId) }));
    await until(() => handled.length === 1, 'the next consumer');
    expect(handled).toEqual([5]);
  });
});

describe.runIf(inject('redisUrl'))('the Redis event stream across consumers', () => {
  const redisUrl = inject('redisUrl');
  const namespace = `stream-test-${randomUUID()}`;
  const open = () => {
    const stream = createEventStream(redisUrl, namespace, 'stream-test', logger);
    streams.push(stream);
    return stream;
  };
  suite('redis', open);

  it('a consumer stopped mid-way (handler unfinished, nothing acknowledged) gets the event again when it restarts', async () => {
    const eventType = `test.restarted${randomUUID()}`;
    const stream = open();
    let started = false;
    const crashed = stream.consume({
      eventType,
      group: 'g',
      consumer: 'instance-1',
      logger,
      // Never finishes: the process "dies" while handling it.
      handle: () => ((started = true), new Promise<void>(() => undefined)),
    });
    await stream.append(eventOf(eventType, 7));
    await until(() => started, 'the first attempt');
    void crashed.stop();

    const handled: number[] = [];
    consumers.push(open().consume({ eventType, group: 'g', consumer: 'instance-1', logger, handle: async (event) => void handled.push(event.outboxId) }));
    await until(() => handled.length === 1, 'the redelivery');
    expect(handled).toEqual([7]);
  });

  it("another instance takes over a dead consumer's pending event once it has been idle long enough, and a group acknowledges it once", async () => {
    const eventType = `test.claimed${randomUUID()}`;
    const stream = open();
    let started = false;
    const dead = stream.consume({ eventType, group: 'g', consumer: 'dead', logger, handle: () => ((started = true), new Promise<void>(() => undefined)) });
    await stream.append(eventOf(eventType, 9));
    await until(() => started, 'the dead consumer read it');
    void dead.stop();

    const handled: string[] = [];
    for (const name of ['survivor-a', 'survivor-b']) {
      consumers.push(
        open().consume({ eventType, group: 'g', consumer: name, logger, claimIdleMs: 200, handle: async (event) => void handled.push(`${name}:${event.outboxId}`) }),
      );
    }
    await until(() => handled.length === 1, 'a survivor claimed it');
    await stream.append(eventOf(eventType, 10));
    await until(() => handled.length === 2, 'the next event');
    // Each event handled once by the group, whichever member took it.
    expect(handled.map((entry) => entry.split(':')[1]).sort()).toEqual(['10', '9']);
  });
});
