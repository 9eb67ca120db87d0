import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import type { PublishedEvent } from './event-bus.js';

/**
 * Durable delivery for saga steps. Pub/sub reaches whoever listens at that moment, at most once; an
 * event one service must act on (a sale moving an animal) goes to its event type's stream as well,
 * where a consumer group reads every entry at least once: an entry stays pending until its handler
 * has committed and acknowledged it, a restarted consumer first re-reads its own pending entries,
 * and entries left pending by a consumer that died are claimed by the others once idle for
 * `claimIdleMs`. Handlers must therefore be idempotent (the ownership transfer is, by sale id).
 */
export interface EventStream {
  readonly kind: 'redis' | 'memory';
  /** Appends to the event type's stream; resolves once stored. */
  append(event: PublishedEvent): Promise<void>;
  consume(options: ConsumeOptions): StreamConsumer;
  close(): Promise<void>;
}

export interface ConsumeOptions {
  eventType: string;
  /** One group per consuming service: the group's members share the entries between them. */
  group: string;
  /** Stable for an instance across restarts, so a restart resumes its own pending entries. */
  consumer: string;
  /** Runs to completion before the entry is acknowledged; a throw leaves it pending for a retry. */
  handle(event: PublishedEvent): Promise<void>;
  logger: Logger;
  /** Entries pending this long on another consumer are taken over. Default 30 s. */
  claimIdleMs?: number;
  /** Pause after a failed handler before the entry is tried again. Default 1 s. */
  retryDelayMs?: number;
}

export interface StreamConsumer {
  stop(): Promise<void>;
}

const BATCH = 50;
const BLOCK_MS = 1_000;
/** Entries kept per stream (approximately): far more than a consumer is ever behind. */
const MAX_LENGTH = 100_000;

type StreamEntries = [id: string, fields: string[] | null][];

/** Redis Streams: XADD, and per group XREADGROUP / XAUTOCLAIM / XACK on a connection of its own (reads block). */
export class RedisEventStream implements EventStream {
  readonly kind = 'redis';
  private readonly readers = new Set<Redis>();

  constructor(
    private readonly client: Redis,
    private readonly redisUrl: string,
    private readonly namespace: string,
  ) {}

  keyOf(eventType: string): string {
    return `${this.namespace}:stream:${eventType}`;
  }

  async append(event: PublishedEvent): Promise<void> {
    await this.client.xadd(this.keyOf(event.eventType), 'MAXLEN', '~', String(MAX_LENGTH), '*', 'event', JSON.stringify(event));
  }

  consume(options: ConsumeOptions): StreamConsumer {
    const key = this.keyOf(options.eventType);
    const reader = new Redis(this.redisUrl, { connectionName: `studbook-stream-${options.group}`, maxRetriesPerRequest: null });
    reader.on('error', (error) => options.logger.warn('event stream connection error', { key, error: error.message }));
    this.readers.add(reader);
    let stopped = false;
    const next = async (): Promise<StreamEntries> => {
      // Own pending entries first (a restart mid-way), then others' abandoned ones, then new ones.
      const own = (await reader.xreadgroup('GROUP', options.group, options.consumer, 'COUNT', BATCH, 'STREAMS', key, '0')) as [string, StreamEntries][] | null;
      if (own?.[0]?.[1].length) return own[0][1];
      const [, claimed] = (await reader.xautoclaim(key, options.group, options.consumer, options.claimIdleMs ?? 30_000, '0-0', 'COUNT', BATCH)) as [
        string,
        StreamEntries,
      ];
      if (claimed.length) return claimed;
      const fresh = (await reader.xreadgroup('GROUP', options.group, options.consumer, 'COUNT', BATCH, 'BLOCK', BLOCK_MS, 'STREAMS', key, '>')) as
        | [string, StreamEntries][]
        | null;
      return fresh?.[0]?.[1] ?? [];
    };
    // From the stream's start: entries appended before the group first existed are read too.
    const joinGroup = () =>
      reader.xgroup('CREATE', key, options.group, '0', 'MKSTREAM').catch((error: Error) => {
        if (!error.message.includes('BUSYGROUP')) throw error;
      });
    const run = (async () => {
      let joined = false;
      while (!stopped) {
        try {
          if (!joined) joined = (await joinGroup(), true);
          for (const [id, fields] of await next()) {
            if (stopped) break;
            // A pending entry trimmed from the stream meanwhile comes back without fields: nothing left to do.
            if (fields) await options.handle(parseEntry(fields));
            await reader.xack(key, options.group, id);
          }
        } catch (error) {
          if (stopped) break;
          // The stream (and so the group) deleted under it: join again.
          if (String((error as Error)?.message).includes('NOGROUP')) joined = false;
          options.logger.error('event stream handler failed; the entry stays pending and is retried', { key, error: String((error as Error)?.stack ?? error) });
          await delay(options.retryDelayMs ?? 1_000);
        }
      }
    })();
    return {
      stop: async () => {
        stopped = true;
        // A blocked XREADGROUP returns within BLOCK_MS; disconnecting ends it at once.
        reader.disconnect();
        this.readers.delete(reader);
        await run.catch(() => undefined);
      },
    };
  }

  async close(): Promise<void> {
    for (const reader of this.readers) reader.disconnect();
    this.client.disconnect();
  }
}

/**
 * In-process streams for the single-process default without Redis: the same at-least-once
 * contract within the process (an entry is kept until acknowledged), lost only with the process,
 * whose outbox rows are by then published.
 */
export class MemoryEventStream implements EventStream {
  readonly kind = 'memory';
  private readonly entries = new Map<string, PublishedEvent[]>();
  /** Per group: the next entry to hand out, and entries a stopped consumer took but did not finish. */
  private readonly groups = new Map<string, { next: number; unfinished: PublishedEvent[]; wake?: () => void }>();

  async append(event: PublishedEvent): Promise<void> {
    const list = this.entries.get(event.eventType) ?? [];
    this.entries.set(event.eventType, list);
    list.push(event);
    for (const [name, group] of this.groups) if (name.startsWith(`${event.eventType}\u0000`)) group.wake?.();
  }

  consume(options: ConsumeOptions): StreamConsumer {
    const name = `${options.eventType}\u0000${options.group}`;
    const group = this.groups.get(name) ?? { next: 0, unfinished: [] };
    this.groups.set(name, group);
    let stopped = false;
    const run = (async () => {
      while (!stopped) {
        const list = this.entries.get(options.eventType) ?? [];
        if (group.unfinished.length === 0 && group.next >= list.length) {
          await new Promise<void>((resolve) => {
            group.wake = resolve;
            setTimeout(resolve, BLOCK_MS).unref();
          });
          continue;
        }
        // Taken before it is handled, so two consumers of one group never handle the same entry; retried here until it succeeds.
        const entry = group.unfinished.shift() ?? list[group.next++];
        let done = false;
        while (!stopped && !done) {
          try {
            await options.handle(entry);
            done = true;
          } catch (error) {
            options.logger.error('event stream handler failed; the entry is retried', { eventType: options.eventType, error: String((error as Error)?.stack ?? error) });
            await delay(options.retryDelayMs ?? 1_000);
          }
        }
        if (!done) group.unfinished.unshift(entry);
      }
    })();
    return {
      stop: async () => {
        stopped = true;
        group.wake?.();
        await run;
      },
    };
  }

  async close(): Promise<void> {}
}

/** Redis Streams when a URL is given (shared by every instance), else in-process. */
export function createEventStream(redisUrl: string | undefined, namespace: string, label: string, logger: Logger): EventStream {
  if (!redisUrl) return new MemoryEventStream();
  const client = new Redis(redisUrl, { connectionName: `studbook-${label}-streams`, maxRetriesPerRequest: null });
  client.on('error', (error) => logger.warn('redis event stream error', { error: error.message }));
  return new RedisEventStream(client, redisUrl, namespace);
}

function parseEntry(fields: string[]): PublishedEvent {
  const at = fields.indexOf('event');
  return JSON.parse(fields[at + 1]) as PublishedEvent;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
