import type { FormattedExecutionResult as ExecutionResult, GraphQLFormattedError } from 'graphql';
import { aggregateTopic, ErrorCode, notFound, userError, type EventBus, type Logger, type Metrics, type PublishedEvent, type UserIdentity } from '@studbook/platform';
import { eventFromResult, eventQueryVariables, SESSION_EVENT_IDS_QUERY, type PreparedSubscription } from './subscription-operation.js';

/** The outbox contract of the animal subgraph's breeding module. */
export const BREEDING_SESSION_AGGREGATE = 'BreedingSession';
export const BREEDING_EVENT_RECORDED = 'BreedingEventRecorded';
/** Nothing can be recorded after it: subscriptions complete once it is delivered. */
const ENDED = 'ENDED';

export const EVENT_READS_METRIC = 'studbook_subscription_event_reads_total';
/**
 * A live event whose read fails is retried with backoff (by default after 250 ms, 500 ms, 1 s,
 * 2 s); after `attempts` failures in a row the subscriptions end with an error.
 */
export interface ReadRetry {
  attempts: number;
  firstDelayMs: number;
}
const DEFAULT_READ_RETRY: ReadRetry = { attempts: 5, firstDelayMs: 250 };
/** Replay reads in flight at once for one subscriber: a long `after` must not flood the subgraphs. */
const REPLAY_CONCURRENCY = 16;
export const DELIVERIES_METRIC = 'studbook_subscription_events_delivered_total';

/** Runs an operation through the gateway's own executor as the given caller (query planner, RLS). */
export type RunAs = (caller: Caller, query: string, variables: Record<string, unknown>) => Promise<ExecutionResult>;

export interface Caller {
  identity: UserIdentity;
  sessionHash?: string;
}

export interface Subscriber {
  caller: Caller;
  prepared: PreparedSubscription;
  deliver(result: ExecutionResult): void;
  /** The session has ended: nothing more will come. */
  complete(): void;
  fail(error: Error): void;
}

interface ListedEvent {
  id: string;
  cursor: string;
  type: string;
}

interface Member extends Subscriber {
  /** Event ids this subscriber already has (or, subscribing live, had before it joined). */
  seen: Set<string>;
}

/**
 * Live breeding-session subscriptions, grouped so that subscribers of one session with the same
 * user, organisation, role and selection share one feed: one read through the federation per
 * event, however many sockets and tabs that user has open.
 */
export class BreedingEventFeeds {
  private readonly feeds = new Map<string, BreedingEventFeed>();

  constructor(
    private readonly bus: EventBus,
    private readonly runAs: RunAs,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
    private readonly retry: ReadRetry = DEFAULT_READ_RETRY,
  ) {
    // Messages published while the bus was reconnecting are lost: every open feed lists what it missed.
    bus.onReconnected(() => {
      for (const feed of this.feeds.values()) feed.catchUpLater();
    });
  }

  /** Adds a subscriber: replays what it missed (with `after`), then delivers live events. */
  async join(subscriber: Subscriber): Promise<() => void> {
    const { identity } = subscriber.caller;
    // The user is in the key: a selection can reach data only its own user may read (a profile's
    // phone), so colleagues never share a read; one user's sockets and tabs do.
    const key = [subscriber.prepared.sessionId, identity.userId, identity.organizationId, identity.role, subscriber.prepared.selectionKey].join('\u0000');
    let feed = this.feeds.get(key);
    if (!feed) {
      const created: BreedingEventFeed = new BreedingEventFeed(subscriber.prepared, this.bus, this.runAs, this.logger, this.metrics, this.retry, () => {
        if (this.feeds.get(key) === created) this.feeds.delete(key);
      });
      this.feeds.set(key, (feed = created));
    }
    return feed.join(subscriber);
  }

  get size(): number {
    return this.feeds.size;
  }
}

/**
 * One session's events for one group of subscribers, processed strictly one task at a time, so
 * deliveries keep cursor order. Each bus event is checked against the aggregate's version: the
 * next one is read by id; a gap (a lost or reordered message, a relay restart) is filled by
 * listing the session's events after the last cursor; duplicates are dropped by event id.
 */
class BreedingEventFeed {
  private readonly members = new Set<Member>();
  private readonly delivered = new Set<string>();
  private cursor: string | null = null;
  private positioned = false;
  private version: number | null = null;
  private queue: Promise<void> = Promise.resolve();
  /** Resolves once the bus subscription is live: no subscriber is admitted before. */
  private readonly opened: Promise<() => Promise<void>>;
  private joining = 0;
  private closed = false;
  /** Consecutive failed passes; the retry timer pending after one. */
  private failures = 0;
  private retryTimer?: NodeJS.Timeout;

  constructor(
    private readonly prepared: PreparedSubscription,
    bus: EventBus,
    private readonly runAs: RunAs,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
    private readonly retry: ReadRetry,
    private readonly onEmpty: () => void,
  ) {
    // Subscribe first, list second: events published meanwhile wait in the queue behind the listing.
    this.opened = bus.subscribe(aggregateTopic(BREEDING_SESSION_AGGREGATE, prepared.sessionId), (event) => this.enqueue(() => this.onEvent(event)));
    this.opened.catch(() => this.close());
  }

  async join(subscriber: Subscriber): Promise<() => void> {
    this.joining += 1;
    try {
      await this.opened;
      return await new Promise<() => void>((resolve, reject) => {
        this.enqueue(async () => {
          try {
            const member = await this.admit(subscriber);
            resolve(() => this.leave(member));
          } catch (error) {
            reject(error);
          }
        });
      });
    } finally {
      this.joining -= 1;
      if (this.members.size === 0 && this.joining === 0) this.close();
    }
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(task).catch((error) => this.logger.error('breeding event feed task failed', { error: String((error as Error)?.stack ?? error) }));
  }

  /** Lists the session's events as the subscriber (authorising it), replays them or marks them seen. */
  private async admit(subscriber: Subscriber): Promise<Member> {
    const { after, sessionId } = subscriber.prepared;
    const listed = await this.listEvents(subscriber.caller, after);
    const member: Member = { ...subscriber, seen: new Set() };
    if (!this.positioned) {
      this.cursor = listed.at(-1)?.cursor ?? after;
      this.positioned = true;
      for (const { id } of listed) this.delivered.add(id);
    }
    const ended = listed.some((event) => event.type === ENDED);
    if (after === null) {
      for (const { id } of listed) member.seen.add(id);
      if (ended) {
        member.complete();
        return member;
      }
    } else {
      // Replay as this subscriber, in chunks of reads that run together; deliveries keep their order.
      for (let start = 0; start < listed.length; start += REPLAY_CONCURRENCY) {
        const chunk = listed.slice(start, start + REPLAY_CONCURRENCY);
        const reads = await Promise.all(chunk.map(({ id }) => this.readEvent(subscriber.caller, id)));
        for (const [index, read] of reads.entries()) {
          // A replay that cannot be read fails the subscription (the client retries with its cursor)
          // rather than skipping the event or delivering the failure as if it were the event.
          if (read && 'failed' in read) throw userError(ErrorCode.Internal, 'Breeding events could not be read; subscribe again with the last cursor you received');
          member.seen.add(chunk[index].id);
          if (read) member.deliver(read.result);
        }
      }
      if (ended) {
        member.complete();
        return member;
      }
    }
    this.members.add(member);
    this.logger.info('breeding session subscriber joined', { sessionId, replayed: after === null ? 0 : listed.length });
    return member;
  }

  private async onEvent(event: PublishedEvent): Promise<void> {
    if (this.members.size === 0 || !this.positioned) return;
    const expected = this.version !== null && event.version === this.version + 1;
    if (this.version !== null && event.version <= this.version) return; // already handled
    if (event.eventType !== BREEDING_EVENT_RECORDED) {
      this.version = expected ? event.version : null;
      return;
    }
    const eventId = String(event.payload.eventId ?? '');
    try {
      if (expected && eventId) {
        if (!this.delivered.has(eventId)) await this.deliverEvent(eventId, String(event.payload.type ?? ''));
      } else {
        // Unknown position or a gap. All versions up to this one committed before it was
        // published, so after this pass we are at least at its version.
        await this.catchUp();
      }
      this.version = event.version;
      this.failures = 0;
    } catch (error) {
      this.passFailed(error);
    }
  }

  /** Queues a listing pass (after a bus reconnect, when messages may have been lost). */
  catchUpLater(): void {
    this.enqueue(async () => {
      if (this.closed || this.members.size === 0 || !this.positioned) return;
      this.version = null; // whatever came meanwhile, the next message lists again
      try {
        await this.catchUp();
        this.failures = 0;
      } catch (error) {
        this.passFailed(error);
      }
    });
  }

  /** Delivers everything after our cursor not yet delivered, in order; stops at the first failed read. */
  private async catchUp(): Promise<void> {
    const listed = await this.listEvents(this.representative.caller, this.cursor);
    for (const { id, type } of listed) {
      if (this.members.size === 0) return;
      if (!this.delivered.has(id)) await this.deliverEvent(id, type);
    }
  }

  /**
   * A listing or read failed: nothing was marked delivered, so the position is forgotten (the
   * next message lists after the cursor) and a listing pass is retried with backoff. After
   * `retry.attempts` failures in a row the subscriptions end with an error: a subscriber never
   * silently misses an event.
   */
  private passFailed(error: unknown): void {
    this.version = null;
    this.failures += 1;
    this.logger.warn('breeding event read failed', { sessionId: this.prepared.sessionId, attempt: this.failures, error: String(error) });
    if (this.failures >= this.retry.attempts) {
      const failure = userError(ErrorCode.Internal, 'Breeding events could not be read; subscribe again with the last cursor you received');
      for (const member of this.members) member.fail(failure);
      this.members.clear();
      if (this.joining === 0) this.close();
      return;
    }
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.failures > 0) this.catchUpLater();
    }, this.retry.firstDelayMs * 2 ** (this.failures - 1));
    this.retryTimer.unref();
  }

  /** Reads and delivers one event; throws when the read fails (the event is then not delivered). */
  private async deliverEvent(eventId: string, type: string): Promise<void> {
    const read = await this.readEvent(this.representative.caller, eventId);
    if (!read) return;
    if ('failed' in read) throw new Error(`reading event ${eventId} failed: ${read.failed.map((e) => e.message).join('; ')}`);
    this.delivered.add(eventId);
    if (read.cursor) this.cursor = read.cursor;
    for (const member of this.members) {
      if (member.seen.has(eventId)) continue;
      member.seen.add(eventId);
      member.deliver(read.result);
    }
    this.metrics.increment(DELIVERIES_METRIC, 'Breeding events delivered live to subscribers', {}, this.members.size);
    if (type === ENDED) {
      for (const member of this.members) member.complete();
      this.members.clear();
      if (this.joining === 0) this.close();
    }
  }

  /**
   * Reads one event with the subscribers' selection: null when it is not visible (or gone),
   * `failed` when the read answered errors and no event (to be retried, never delivered as is).
   */
  private async readEvent(caller: Caller, eventId: string): Promise<{ cursor: string | null; result: ExecutionResult } | { failed: readonly GraphQLFormattedError[] } | null> {
    this.metrics.increment(EVENT_READS_METRIC, 'Breeding events read through the federation for subscribers (one per feed, not per subscriber)');
    const result = await this.runAs(caller, this.prepared.eventQuery, eventQueryVariables(this.prepared, eventId));
    const read = eventFromResult(this.prepared, result.data as Record<string, unknown> | null | undefined);
    if (!read) return result.errors?.length ? { failed: result.errors } : null;
    const errors = result.errors?.map((e) => relocate(e, this.prepared.responseKey));
    return { cursor: read.cursor, result: { data: { [this.prepared.responseKey]: read.event }, ...(errors?.length ? { errors } : {}) } };
  }

  private async listEvents(caller: Caller, after: string | null): Promise<ListedEvent[]> {
    const result = await this.runAs(caller, SESSION_EVENT_IDS_QUERY, { sessionId: this.prepared.sessionId, after });
    const session = (result.data as { breedingSession?: { events: ListedEvent[] } | null } | null | undefined)?.breedingSession;
    if (session) return session.events;
    const error = result.errors?.[0] as GraphQLFormattedError | undefined;
    if (error) throw userError((error.extensions?.code as ErrorCode | undefined) ?? ErrorCode.Internal, error.message);
    throw notFound('Breeding session');
  }

  private get representative(): Member {
    return this.members.values().next().value!;
  }

  private leave(member: Member): void {
    this.members.delete(member);
    if (this.members.size === 0 && this.joining === 0) this.close();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.onEmpty();
    this.opened.then((unsubscribe) => unsubscribe()).catch(() => undefined);
  }
}

/** Paths in a read point into the gateway's internal query; the subscriber's result starts at its own field. */
function relocate(error: GraphQLFormattedError, responseKey: string): GraphQLFormattedError {
  const { path, locations: _locations, ...rest } = error;
  return path ? { ...rest, path: [responseKey, ...path.slice(1)] } : rest;
}
