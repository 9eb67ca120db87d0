import type { FormattedExecutionResult as ExecutionResult, GraphQLFormattedError } from 'graphql';
import { aggregateTopic, ErrorCode, notFound, userError, type EventBus, type Logger, type Metrics, type PublishedEvent } from '@studbook/platform';
import type { Caller, RunAs } from './run-as-caller.js';
import type { ListedItem, SubscriptionField } from './subscription-field.js';
import { eventFromResult, eventQueryVariables, type PreparedSubscription } from './subscription-operation.js';

export const EVENT_READS_METRIC = 'studbook_subscription_event_reads_total';
export const DELIVERIES_METRIC = 'studbook_subscription_events_delivered_total';
/**
 * A live event whose read fails is retried with backoff (by default after 250 ms, 500 ms, 1 s,
 * 2 s); after `attempts` failures in a row the subscriptions end with an error.
 */
export interface ReadRetry {
  attempts: number;
  firstDelayMs: number;
}
/** Replay reads in flight at once for one subscriber: a long `after` must not flood the subgraphs. */
const REPLAY_CONCURRENCY = 16;

export interface Subscriber {
  caller: Caller;
  prepared: PreparedSubscription;
  deliver(result: ExecutionResult): void;
  /** The last item was delivered: nothing more will come. */
  complete(): void;
  fail(error: Error): void;
}

interface Member extends Subscriber {
  /** Item ids this subscriber already has (or, subscribing live, had before it joined). */
  seen: Set<string>;
}

/**
 * One aggregate's stream for one group of subscribers, processed strictly one task at a time, so
 * deliveries keep cursor order. Each bus event is checked against the aggregate's version: the
 * next one is read by id; a gap (a lost or reordered message, a relay restart) is filled by
 * listing the items after the last cursor; duplicates are dropped by item id.
 */
export class EventFeed {
  private readonly field: SubscriptionField;
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
    this.field = prepared.field;
    // Subscribe first, list second: events published meanwhile wait in the queue behind the listing.
    this.opened = bus.subscribe(aggregateTopic(this.field.event.aggregate, prepared.aggregateId), (event) => this.enqueue(() => this.onEvent(event)));
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
    this.queue = this.queue
      .then(task)
      .catch((error) => this.logger.error('subscription feed task failed', { field: this.field.field, error: String((error as Error)?.stack ?? error) }));
  }

  /** Lists the aggregate's items as the subscriber (authorising it), replays them or marks them seen. */
  private async admit(subscriber: Subscriber): Promise<Member> {
    const { after, aggregateId } = subscriber.prepared;
    const listed = await this.listItems(subscriber.caller, after);
    const member: Member = { ...subscriber, seen: new Set() };
    if (!this.positioned) {
      this.cursor = listed.at(-1)?.cursor ?? after;
      this.positioned = true;
      for (const { id } of listed) this.delivered.add(id);
    }
    const ended = listed.some((item) => item.last);
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
        const reads = await Promise.all(chunk.map(({ id }) => this.readItem(subscriber.caller, id)));
        for (const [index, read] of reads.entries()) {
          // A replay that cannot be read fails the subscription (the client retries with its cursor)
          // rather than skipping the item or delivering the failure as if it were the item.
          if (read && 'failed' in read) throw this.unreadable();
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
    this.logger.info('subscriber joined', { field: this.field.field, aggregateId, replayed: after === null ? 0 : listed.length });
    return member;
  }

  private async onEvent(event: PublishedEvent): Promise<void> {
    if (this.members.size === 0 || !this.positioned) return;
    const expected = this.version !== null && event.version === this.version + 1;
    if (this.version !== null && event.version <= this.version) return; // already handled
    if (event.eventType !== this.field.event.name) {
      this.version = expected ? event.version : null;
      return;
    }
    // The producer checked the payload against the contract before it was written; a message that
    // still names no item (an older producer) is treated as a gap.
    const announced = this.field.announced(event.payload);
    try {
      if (expected && announced.id) {
        if (!this.delivered.has(announced.id)) await this.deliverItem(announced.id, announced.last);
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
    const listed = await this.listItems(this.representative.caller, this.cursor);
    for (const { id, last } of listed) {
      if (this.members.size === 0) return;
      if (!this.delivered.has(id)) await this.deliverItem(id, last);
    }
  }

  /**
   * A listing or read failed: nothing was marked delivered, so the position is forgotten (the
   * next message lists after the cursor) and a listing pass is retried with backoff. After
   * `retry.attempts` failures in a row the subscriptions end with an error: a subscriber never
   * silently misses an item.
   */
  private passFailed(error: unknown): void {
    this.version = null;
    this.failures += 1;
    this.logger.warn('subscription read failed', { field: this.field.field, aggregateId: this.prepared.aggregateId, attempt: this.failures, error: String(error) });
    if (this.failures >= this.retry.attempts) {
      const failure = this.unreadable();
      for (const member of this.members) member.fail(failure);
      this.members.clear();
      if (this.joining === 0) this.close();
      return;
    }
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(
      () => {
        this.retryTimer = undefined;
        if (this.failures > 0) this.catchUpLater();
      },
      this.retry.firstDelayMs * 2 ** (this.failures - 1),
    );
    this.retryTimer.unref();
  }

  private unreadable(): Error {
    return userError(ErrorCode.Internal, `${this.field.itemsLabel} could not be read; subscribe again with the last cursor you received`);
  }

  /** Reads and delivers one item; throws when the read fails (the item is then not delivered). */
  private async deliverItem(id: string, last: boolean): Promise<void> {
    const read = await this.readItem(this.representative.caller, id);
    if (!read) return;
    if ('failed' in read) throw new Error(`reading ${id} failed: ${read.failed.map((e) => e.message).join('; ')}`);
    this.delivered.add(id);
    if (read.cursor) this.cursor = read.cursor;
    for (const member of this.members) {
      if (member.seen.has(id)) continue;
      member.seen.add(id);
      member.deliver(read.result);
    }
    this.metrics.increment(DELIVERIES_METRIC, 'Subscription events delivered live to subscribers', {}, this.members.size);
    if (last) {
      for (const member of this.members) member.complete();
      this.members.clear();
      if (this.joining === 0) this.close();
    }
  }

  /**
   * Reads one item with the subscribers' selection: null when it is not visible (or gone),
   * `failed` when the read answered errors and no item (to be retried, never delivered as is).
   */
  private async readItem(caller: Caller, id: string): Promise<{ cursor: string | null; result: ExecutionResult } | { failed: readonly GraphQLFormattedError[] } | null> {
    this.metrics.increment(EVENT_READS_METRIC, 'Subscription events read through the federation for subscribers (one per feed, not per subscriber)');
    const result = await this.runAs(caller, this.prepared.eventQuery, eventQueryVariables(this.prepared, id));
    const read = eventFromResult(result.data as Record<string, unknown> | null | undefined);
    if (!read) return result.errors?.length ? { failed: result.errors } : null;
    const errors = result.errors?.map((e) => relocate(e, this.prepared.responseKey));
    return { cursor: read.cursor, result: { data: { [this.prepared.responseKey]: read.event }, ...(errors?.length ? { errors } : {}) } };
  }

  private async listItems(caller: Caller, after: string | null): Promise<ListedItem[]> {
    const { replay } = this.field;
    const result = await this.runAs(caller, replay.query, replay.variables(this.prepared.aggregateId, after));
    const items = replay.items(result.data);
    if (items) return items;
    const error = result.errors?.[0] as GraphQLFormattedError | undefined;
    if (error) throw userError((error.extensions?.code as ErrorCode | undefined) ?? ErrorCode.Internal, error.message);
    throw notFound(replay.notFound);
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
