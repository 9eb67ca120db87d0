import type { EventBus, Logger, Metrics } from '@studbook/platform';
import { EventFeed, type ReadRetry, type Subscriber } from './event-feed.js';
import type { RunAs } from './run-as-caller.js';

const DEFAULT_READ_RETRY: ReadRetry = { attempts: 5, firstDelayMs: 250 };

/**
 * Live subscriptions of every registered field, grouped so that subscribers of one field and
 * aggregate with the same user, organisation, role and selection share one feed: one read
 * through the federation per event, however many sockets and tabs that user has open.
 */
export class EventFeeds {
  private readonly feeds = new Map<string, EventFeed>();

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
    const { field, aggregateId, selectionKey } = subscriber.prepared;
    // The user is in the key: a selection can reach data only its own user may read (a profile's
    // phone), so colleagues never share a read; one user's sockets and tabs do.
    const key = [field.field, aggregateId, identity.userId, identity.organizationId, identity.role, selectionKey].join('\u0000');
    let feed = this.feeds.get(key);
    if (!feed) {
      const created: EventFeed = new EventFeed(subscriber.prepared, this.bus, this.runAs, this.logger, this.metrics, this.retry, () => {
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
