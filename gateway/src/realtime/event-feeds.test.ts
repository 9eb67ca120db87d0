import { describe, expect, it } from 'vitest';
import { parse, type FormattedExecutionResult } from 'graphql';
import { breedingSessionEventRecorded, breedingSessionStarted } from '@studbook/contracts/events';
import { aggregateTopic, createLogger, MemoryEventBus, Metrics, type PublishedEvent, type UserIdentity } from '@studbook/platform';
import { EventFeeds } from './event-feeds.js';
import { graphqlCjs } from './graphql-cjs.js';
import type { RunAs } from './run-as-caller.js';
import { prepareSubscription, type PreparedSubscription } from './subscription-operation.js';
import { breedingSessionEvents } from './subscriptions/breeding-session-events.js';
import { SUBSCRIPTIONS } from './subscriptions/index.js';

const schema = graphqlCjs.buildSchema(/* GraphQL */ `
  type Query { breedingEvent(id: ID!): BreedingEvent }
  type Subscription { breedingSessionEvents(sessionId: ID!, after: String): BreedingEvent! }
  type BreedingEvent { id: ID! cursor: String! }
`);
const logger = createLogger('feeds-test', { silent: true });
const identity: UserIdentity = { kind: 'user', userId: 'u1', organizationId: 'o1', role: 'OWNER' } as UserIdentity;
const SESSION = 's1';
const TOPIC = aggregateTopic(breedingSessionEventRecorded.aggregate, SESSION);

/** The session's events as the animal subgraph would list and read them (the executor's answers). */
function fakeGateway(
  events: { id: string; cursor: string; type?: string }[],
  failing = new Map<string, number>(),
): { runAs: RunAs; reads: string[]; readers: string[]; maxInFlight: () => number } {
  const reads: string[] = [];
  const readers: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const runAs: RunAs = async (caller, query, variables) => {
    maxInFlight = Math.max(maxInFlight, (inFlight += 1));
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 5)); // reads finish out of order
    inFlight -= 1;
    if (query === breedingSessionEvents.replay.query) {
      const after = variables.after as string | null;
      const from = after === null ? 0 : events.findIndex((e) => e.cursor === after) + 1;
      return { data: { breedingSession: { events: events.slice(from).map((e) => ({ type: 'NOTE', ...e })) } } };
    }
    const id = variables.studbookEventId_ as string;
    reads.push(id);
    readers.push(`${caller.identity.userId}:${id}`);
    const failuresLeft = failing.get(id) ?? 0;
    if (failuresLeft > 0) {
      failing.set(id, failuresLeft - 1); // a subgraph timing out, a connection reset
      return { data: { studbookEvent_: null }, errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] };
    }
    const event = events.find((e) => e.id === id);
    return { data: { studbookEvent_: event ? { studbookCursor_: event.cursor, id: event.id } : null } };
  };
  return { runAs, reads, readers, maxInFlight: () => maxInFlight };
}

const published = (version: number, eventId?: string, type = 'NOTE'): PublishedEvent => ({
  outboxId: version,
  tenantId: 'o1',
  aggregateType: breedingSessionEventRecorded.aggregate,
  aggregateId: SESSION,
  version,
  eventType: eventId ? breedingSessionEventRecorded.name : breedingSessionStarted.name,
  payload: eventId ? { sessionId: SESSION, eventId, type } : { sessionId: SESSION },
  occurredAt: new Date().toISOString(),
});

function subscriber(after: string | null, who: UserIdentity = identity) {
  const prepared = prepareSubscription(
    SUBSCRIPTIONS,
    schema,
    parse('subscription($s: ID!, $a: String) { breedingSessionEvents(sessionId: $s, after: $a) { id } }'),
    { s: SESSION, a: after },
    undefined,
    [],
  ) as PreparedSubscription;
  const received: string[] = [];
  let completed = false;
  return {
    received,
    completed: () => completed,
    subscriber: {
      caller: { identity: who },
      prepared,
      deliver: (result: FormattedExecutionResult) => received.push((result.data as { breedingSessionEvents: { id: string } }).breedingSessionEvents.id),
      complete: () => (completed = true),
      fail: (error: Error) => received.push(`error: ${error.message}`),
    },
  };
}

/** Lets the feed's queue run until the condition holds (or two seconds pass). */
async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition() && waited < 2_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('breeding event feeds', () => {
  it('delivers in cursor order without gaps or duplicates whatever order the bus brings, and reads each event once for all subscribers', async () => {
    const events = [{ id: 'e1', cursor: 'c1' }];
    const gateway = fakeGateway(events);
    const bus = new MemoryEventBus(logger);
    const feeds = new EventFeeds(bus, gateway.runAs, logger, new Metrics());
    const a = subscriber(null);
    const b = subscriber(null);
    await Promise.all([feeds.join(a.subscriber), feeds.join(b.subscriber)]);
    expect(feeds.size).toBe(1);

    events.push({ id: 'e2', cursor: 'c2' }, { id: 'e3', cursor: 'c3' }, { id: 'e4', cursor: 'c4' }, { id: 'e5', cursor: 'c5' });
    const topic = TOPIC;
    await bus.publish(topic, published(3, 'e2')); // first message: the feed lists after its cursor
    await bus.publish(topic, published(5, 'e4')); // v4 is late
    await bus.publish(topic, published(4, 'e3'));
    await bus.publish(topic, published(5, 'e4')); // published twice (at least once)
    await until(() => a.received.length === 4);
    // v6 is lost; v7 reveals the gap
    events.push({ id: 'e6', cursor: 'c6' });
    await bus.publish(topic, published(7, 'e6'));
    await until(() => a.received.length === 5);
    // The next version in line is read by id, without listing.
    events.push({ id: 'e7', cursor: 'c7' });
    await bus.publish(topic, published(8, 'e7'));
    await until(() => a.received.length === 6);
    await new Promise((resolve) => setTimeout(resolve, 30)); // a duplicate would come now

    expect(a.received).toEqual(['e2', 'e3', 'e4', 'e5', 'e6', 'e7']);
    expect(b.received).toEqual(a.received);
    expect(gateway.reads.sort()).toEqual(['e2', 'e3', 'e4', 'e5', 'e6', 'e7']); // one read per event, shared
  });

  it("never shares a feed between colleagues: each user's events are read as that user", async () => {
    const events = [{ id: 'e1', cursor: 'c1' }];
    const gateway = fakeGateway(events);
    const bus = new MemoryEventBus(logger);
    const feeds = new EventFeeds(bus, gateway.runAs, logger, new Metrics());
    const colleague: UserIdentity = { ...identity, userId: 'u2' };
    const mine = [subscriber(null), subscriber(null)];
    const theirs = subscriber(null, colleague);
    await Promise.all([...mine, theirs].map((s) => feeds.join(s.subscriber)));
    expect(feeds.size).toBe(2); // one user's two sockets share; the colleague has a feed of their own
    events.push({ id: 'e2', cursor: 'c2' });
    await bus.publish(TOPIC, published(3, 'e2'));
    await until(() => theirs.received.length === 1 && mine[1].received.length === 1);
    expect(gateway.readers.sort()).toEqual(['u1:e2', 'u2:e2']);
  });

  it('retries a live event whose read failed, keeping the order, and never delivers the failure as the event', async () => {
    const events = [{ id: 'e1', cursor: 'c1' }];
    const failing = new Map([['e3', 2]]);
    const gateway = fakeGateway(events, failing);
    const bus = new MemoryEventBus(logger);
    const feeds = new EventFeeds(bus, gateway.runAs, logger, new Metrics(), { attempts: 5, firstDelayMs: 20 });
    const a = subscriber(null);
    await feeds.join(a.subscriber);
    const topic = TOPIC;
    events.push({ id: 'e2', cursor: 'c2' });
    await bus.publish(topic, published(3, 'e2'));
    await until(() => a.received.length === 1);
    events.push({ id: 'e3', cursor: 'c3' });
    await bus.publish(topic, published(4, 'e3')); // its read fails, twice
    events.push({ id: 'e4', cursor: 'c4' });
    await bus.publish(topic, published(5, 'e4'));
    await until(() => a.received.length === 3);
    expect(a.received).toEqual(['e2', 'e3', 'e4']);
    expect(failing.get('e3')).toBe(0);
  });

  it('ends the subscription with an error once reads keep failing, rather than skipping the event', async () => {
    const events = [{ id: 'e1', cursor: 'c1' }];
    const gateway = fakeGateway(events, new Map([['e2', 100]]));
    const bus = new MemoryEventBus(logger);
    const feeds = new EventFeeds(bus, gateway.runAs, logger, new Metrics(), { attempts: 3, firstDelayMs: 10 });
    const a = subscriber(null);
    await feeds.join(a.subscriber);
    events.push({ id: 'e2', cursor: 'c2' }, { id: 'e3', cursor: 'c3' });
    await bus.publish(TOPIC, published(3, 'e2'));
    await bus.publish(TOPIC, published(4, 'e3'));
    await until(() => a.received.length === 1);
    expect(a.received).toEqual(['error: Breeding events could not be read; subscribe again with the last cursor you received']);
    expect(gateway.reads.filter((id) => id === 'e2')).toHaveLength(3);
    expect(gateway.reads).not.toContain('e3'); // nothing after the unreadable event went out
    expect(feeds.size).toBe(0);
  });

  it('replays a long history in order with at most 16 reads in flight', async () => {
    const events = Array.from({ length: 100 }, (_, i) => ({ id: `e${i + 1}`, cursor: `c${i + 1}` }));
    const gateway = fakeGateway(events);
    const feeds = new EventFeeds(new MemoryEventBus(logger), gateway.runAs, logger, new Metrics());
    const resuming = subscriber('c0');
    events.unshift({ id: 'e0', cursor: 'c0' });
    await feeds.join(resuming.subscriber);
    expect(resuming.received).toEqual(events.slice(1).map((e) => e.id));
    expect(gateway.maxInFlight()).toBeLessThanOrEqual(16);
    expect(gateway.maxInFlight()).toBeGreaterThan(1); // still concurrent within a chunk
  });

  it('lists what it missed when the bus reconnects, without waiting for another message', async () => {
    const events = [{ id: 'e1', cursor: 'c1' }];
    const gateway = fakeGateway(events);
    const reconnected = new Set<() => void>();
    const bus = Object.assign(new MemoryEventBus(logger), {
      onReconnected: (listener: () => void) => (reconnected.add(listener), () => reconnected.delete(listener)),
    });
    const feeds = new EventFeeds(bus, gateway.runAs, logger, new Metrics());
    const a = subscriber(null);
    await feeds.join(a.subscriber);
    events.push({ id: 'e2', cursor: 'c2' }); // its message was published while Redis was away
    for (const listener of reconnected) listener();
    await until(() => a.received.length === 1);
    expect(a.received).toEqual(['e2']);
  });

  it('replays after a cursor, then joins the live feed without repeating what it replayed', async () => {
    const events = [
      { id: 'e1', cursor: 'c1' },
      { id: 'e2', cursor: 'c2' },
      { id: 'e3', cursor: 'c3' },
    ];
    const gateway = fakeGateway(events);
    const bus = new MemoryEventBus(logger);
    const feeds = new EventFeeds(bus, gateway.runAs, logger, new Metrics());
    const live = subscriber(null);
    await feeds.join(live.subscriber);
    events.push({ id: 'e4', cursor: 'c4' }); // committed, its message not yet arrived
    const resuming = subscriber('c1');
    await feeds.join(resuming.subscriber);
    await bus.publish(TOPIC, published(5, 'e4'));
    await until(() => live.received.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 30)); // a duplicate would come now
    expect(resuming.received).toEqual(['e2', 'e3', 'e4']);
    expect(live.received).toEqual(['e4']);
  });

  it('completes every subscription once the ENDED event is delivered, and at once for a session already ended', async () => {
    const events = [{ id: 'e1', cursor: 'c1', type: 'INTRODUCED' }];
    const gateway = fakeGateway(events);
    const bus = new MemoryEventBus(logger);
    const feeds = new EventFeeds(bus, gateway.runAs, logger, new Metrics());
    const live = subscriber(null);
    await feeds.join(live.subscriber);
    events.push({ id: 'e2', cursor: 'c2', type: 'ENDED' });
    await bus.publish(TOPIC, published(3, 'e2', 'ENDED'));
    await until(() => live.completed());
    expect(live.received).toEqual(['e2']);
    expect(feeds.size).toBe(0);

    const late = subscriber(null);
    await feeds.join(late.subscriber);
    expect(late.completed()).toBe(true);
    const replaying = subscriber('c1');
    await feeds.join(replaying.subscriber);
    expect(replaying.received).toEqual(['e2']);
    expect(replaying.completed()).toBe(true);
    expect(feeds.size).toBe(0);
  });

  it('drops a feed when its last subscriber leaves', async () => {
    const gateway = fakeGateway([]);
    const feeds = new EventFeeds(new MemoryEventBus(logger), gateway.runAs, logger, new Metrics());
    const leave = await feeds.join(subscriber(null).subscriber);
    expect(feeds.size).toBe(1);
    leave();
    expect(feeds.size).toBe(0);
  });
});
