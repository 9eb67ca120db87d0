import { Redis } from 'ioredis';
import { createRedisClient } from '../cache/cache.js';
import type { Logger } from '../logger.js';

/**
 * A committed domain event as the relay publishes it. Payloads carry identifiers only: a consumer
 * that needs data reads it again as its own caller, so nothing private travels on the bus.
 */
export interface PublishedEvent {
  /** The outbox row's id: unique per service database, not across databases. */
  outboxId: number;
  tenantId: string;
  aggregateType: string;
  aggregateId: string;
  /** Counts events per aggregate from 1, without gaps. */
  version: number;
  /** The name of the event's contract (the catalog in `@studbook/contracts/events`). */
  eventType: string;
  payload: Record<string, unknown>;
  occurredAt: string;
}

export type EventHandler = (event: PublishedEvent) => void;

/** Fan-out of published events by topic; one topic per aggregate (see aggregateTopic). */
export interface EventBus {
  readonly kind: 'redis' | 'memory';
  publish(topic: string, event: PublishedEvent): Promise<void>;
  /** Resolves once the subscription is live, so nothing published after it is missed. */
  subscribe(topic: string, handler: EventHandler): Promise<() => Promise<void>>;
  /**
   * Calls `listener` each time the bus has reconnected and re-subscribed its topics: messages
   * published while it was away are lost, so a consumer catches up from its own records.
   */
  onReconnected(listener: () => void): () => void;
  close(): Promise<void>;
}

/** The topic an aggregate's events are published on. */
export function aggregateTopic(aggregateType: string, aggregateId: string): string {
  return `${aggregateType}:${aggregateId}`;
}

/** The topic that hears every aggregate of a type (a projection that indexes them all subscribes to it). */
export function everyAggregateTopic(aggregateType: string): string {
  return `${aggregateType}:*`;
}

const isPattern = (topic: string) => topic.endsWith(':*');
const patternOf = (topic: string) => everyAggregateTopic(topic.slice(0, topic.indexOf(':')));

/** Handlers per topic, shared by both buses: the Redis bus subscribes each channel once per process. */
class TopicHandlers {
  private readonly byTopic = new Map<string, Set<EventHandler>>();

  /** Returns true when this is the topic's first handler. */
  add(topic: string, handler: EventHandler): boolean {
    let handlers = this.byTopic.get(topic);
    const first = !handlers;
    if (!handlers) this.byTopic.set(topic, (handlers = new Set()));
    handlers.add(handler);
    return first;
  }

  /** Returns true when the topic has no handler left. */
  remove(topic: string, handler: EventHandler): boolean {
    const handlers = this.byTopic.get(topic);
    if (!handlers) return false;
    handlers.delete(handler);
    if (handlers.size > 0) return false;
    this.byTopic.delete(topic);
    return true;
  }

  deliver(topic: string, event: PublishedEvent, logger: Logger): void {
    for (const handler of this.byTopic.get(topic) ?? []) {
      try {
        handler(event);
      } catch (error) {
        logger.error('event handler failed', { topic, error: String((error as Error)?.stack ?? error) });
      }
    }
  }

  get topics(): string[] {
    return [...this.byTopic.keys()];
  }
}

/** In-process bus for the single-process embedded default: the relay and the gateway share it. */
export class MemoryEventBus implements EventBus {
  readonly kind = 'memory';
  private readonly handlers = new TopicHandlers();

  constructor(private readonly logger: Logger) {}

  async publish(topic: string, event: PublishedEvent): Promise<void> {
    // Delivered on a later tick, as from Redis: a publisher never runs its consumers' code inline.
    queueMicrotask(() => {
      this.handlers.deliver(topic, event, this.logger);
      this.handlers.deliver(patternOf(topic), event, this.logger);
    });
  }

  async subscribe(topic: string, handler: EventHandler) {
    this.handlers.add(topic, handler);
    return async () => void this.handlers.remove(topic, handler);
  }

  /** An in-process bus never disconnects. */
  onReconnected(): () => void {
    return () => undefined;
  }

  async close(): Promise<void> {}
}

/**
 * Redis pub/sub bus: reaches every gateway instance. Channels carry a namespace (derived from the
 * database prefix by default) because pub/sub is shared by every logical Redis database.
 */
export class RedisEventBus implements EventBus {
  readonly kind = 'redis';
  private readonly handlers = new TopicHandlers();
  private readonly reconnectListeners = new Set<() => void>();

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly namespace: string,
    private readonly logger: Logger,
  ) {
    // ioredis re-subscribes every channel before 'ready'; every 'ready' after the first is a reconnect.
    let connectedBefore = subscriber.status === 'ready';
    subscriber.on('ready', () => {
      if (!connectedBefore) {
        connectedBefore = true;
        return;
      }
      this.logger.info('event bus reconnected; consumers catch up', { topics: this.handlers.topics.length });
      for (const listener of this.reconnectListeners) {
        try {
          listener();
        } catch (error) {
          this.logger.error('event bus reconnect listener failed', { error: String((error as Error)?.stack ?? error) });
        }
      }
    });
    subscriber.on('message', (channel: string, message: string) => {
      if (!channel.startsWith(this.prefix)) return;
      let event: PublishedEvent;
      try {
        event = JSON.parse(message) as PublishedEvent;
      } catch {
        this.logger.warn('ignored a malformed event message', { channel });
        return;
      }
      this.handlers.deliver(channel.slice(this.prefix.length), event, this.logger);
    });
    subscriber.on('pmessage', (pattern: string, channel: string, message: string) => {
      if (!pattern.startsWith(this.prefix)) return;
      try {
        this.handlers.deliver(pattern.slice(this.prefix.length), JSON.parse(message) as PublishedEvent, this.logger);
      } catch {
        this.logger.warn('ignored a malformed event message', { channel });
      }
    });
  }

  private get prefix(): string {
    return `${this.namespace}:events:`;
  }

  async publish(topic: string, event: PublishedEvent): Promise<void> {
    await this.publisher.publish(this.prefix + topic, JSON.stringify(event));
  }

  async subscribe(topic: string, handler: EventHandler) {
    if (this.handlers.add(topic, handler)) {
      try {
        // A topic of every aggregate (`listing:*`) is a Redis pattern; any other is one channel.
        await (isPattern(topic) ? this.subscriber.psubscribe(this.prefix + topic) : this.subscriber.subscribe(this.prefix + topic));
      } catch (error) {
        this.handlers.remove(topic, handler);
        throw error;
      }
    }
    return async () => {
      if (!this.handlers.remove(topic, handler)) return;
      await (isPattern(topic) ? this.subscriber.punsubscribe(this.prefix + topic) : this.subscriber.unsubscribe(this.prefix + topic)).catch(() => undefined);
    };
  }

  onReconnected(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => void this.reconnectListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }
}

/**
 * Builds the event bus: Redis pub/sub when a URL is given, else in-process. The subscriber
 * connection queues commands while reconnecting and re-subscribes its channels on its own.
 */
export function createEventBus(redisUrl: string | undefined, namespace: string, label: string, logger: Logger): EventBus {
  if (!redisUrl) return new MemoryEventBus(logger);
  const publisher = createRedisClient(redisUrl, `${label}-events-pub`);
  // Unlike a cache read, a subscribe waits out a reconnect; channels are re-subscribed on reconnect.
  const subscriber = new Redis(redisUrl, {
    connectionName: `studbook-${label}-events-sub`,
    maxRetriesPerRequest: null,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    // ioredis's ready check sends INFO, which a connection already in subscriber mode must refuse; a
    // subscribe issued while connecting then crashed the process ("Connection in subscriber mode").
    enableReadyCheck: false,
  });
  for (const client of [publisher, subscriber]) client.on('error', (error) => logger.warn('redis event bus error', { error: error.message }));
  return new RedisEventBus(publisher, subscriber, namespace, logger);
}
