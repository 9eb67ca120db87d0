import pg from 'pg';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { aggregateTopic, type EventBus, type PublishedEvent } from './event-bus.js';
import type { EventStream } from './event-stream.js';

/** The channel the outbox trigger notifies on commit (custom migration outbox-relay). */
export const OUTBOX_NOTIFY_CHANNEL = 'studbook_outbox';

export interface OutboxRelayOptions {
  /** The service role's pool of one service database; the relay holds one client while it drains. */
  pool: pg.Pool;
  /** The same database's URL, for the LISTEN connection that wakes the relay on commit. */
  databaseUrl: string;
  bus: EventBus;
  /** Where events of `durableEventTypes` are appended too, before their rows count as published. */
  stream?: EventStream;
  durableEventTypes?: ReadonlySet<string>;
  logger: Logger;
  metrics?: Metrics;
  /** Label for logs and metrics, e.g. the service name. */
  label: string;
  /** A safety net for missed notifications (a LISTEN connection that dropped). */
  pollIntervalMs?: number;
  batchSize?: number;
  /** Published rows older than this are deleted (each aggregate's latest row is kept). Default 7. */
  retentionDays?: number;
  /** How often published rows past retention are deleted. Default hourly. */
  pruneIntervalMs?: number;
}

/** Rows deleted per transaction: short locks, small WAL bursts. */
const PRUNE_BATCH = 500;

interface OutboxRow {
  id: string;
  tenant_id: string;
  aggregate_type: string;
  aggregate_id: string;
  version: number;
  event_type: string;
  payload: Record<string, unknown>;
  occurred_at: Date;
}

/**
 * Publishes committed outbox rows to the event bus, at least once. Rows are claimed with
 * FOR UPDATE SKIP LOCKED (through studbook_api_claim_outbox, which returns only ids and tenants),
 * read and marked under each row's own tenant with RLS, published, and committed as published
 * only after the bus took them: a crash in between publishes them again, never loses them.
 * Several relays on one database split the rows between them. Published rows are deleted once
 * older than `retentionDays` (each aggregate's latest row stays: versions count on from it).
 */
export const OUTBOX_LAG_METRIC = 'studbook_outbox_publish_lag_seconds';
export const OUTBOX_PASS_AGE_METRIC = 'studbook_outbox_relay_last_pass_age_seconds';
const OUTBOX_LAG_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300];
const lagSeconds = (occurredAt: Date) => Math.max(0, (Date.now() - occurredAt.getTime()) / 1000);

export class OutboxRelay {
  private lastPassAt: number | undefined;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private timer?: NodeJS.Timeout;
  private pruneTimer?: NodeJS.Timeout;
  private pruning?: Promise<number>;
  private listener?: pg.Client;
  private draining?: Promise<void>;
  private wakeAgain = false;
  private stopped = false;

  constructor(private readonly options: OutboxRelayOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.batchSize = options.batchSize ?? 200;
    // A relay that stops publishing shows no lag at all: its age since the last complete pass does.
    options.metrics?.gauge(OUTBOX_PASS_AGE_METRIC, 'Seconds since the outbox relay last drained its outbox', ['relay'], () =>
      this.lastPassAt === undefined ? [] : [{ labels: { relay: options.label }, value: (Date.now() - this.lastPassAt) / 1000 }],
    );
  }

  async start(): Promise<void> {
    await this.listen();
    this.timer = setInterval(() => this.wake(), this.pollIntervalMs);
    this.wake();
    this.pruneTimer = setInterval(() => void this.prune(), this.options.pruneIntervalMs ?? 3_600_000);
    this.pruneTimer.unref();
    void this.prune();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearInterval(this.pruneTimer);
    await Promise.all([this.draining, this.pruning]);
    await this.listener?.end().catch(() => undefined);
  }

  /** Drains now (or once more after the drain in progress), coalescing wake-ups. */
  wake(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.wakeAgain = true;
      return;
    }
    this.draining = this.drain()
      .catch((error) => this.options.logger.warn('outbox relay pass failed, retrying at the next poll', { relay: this.options.label, error: (error as Error).message }))
      .finally(() => {
        this.draining = undefined;
        if (this.wakeAgain) {
          this.wakeAgain = false;
          this.wake();
        }
      });
  }

  private async drain(): Promise<void> {
    while (!this.stopped && (await this.publishBatch()) === this.batchSize);
    this.lastPassAt = Date.now();
  }

  /** One transaction: claim, read per tenant, publish in outbox order, mark per tenant, commit. */
  private async publishBatch(): Promise<number> {
    const client = await this.options.pool.connect();
    try {
      await client.query('begin');
      const claimed = await client.query<{ id: string; tenant_id: string }>({
        name: 'outbox-claim',
        text: 'select id, tenant_id from studbook_api_claim_outbox($1)',
        values: [this.batchSize],
      });
      if (claimed.rowCount === 0) {
        await client.query('commit');
        return 0;
      }
      const idsByTenant = new Map<string, string[]>();
      for (const row of claimed.rows) idsByTenant.set(row.tenant_id, [...(idsByTenant.get(row.tenant_id) ?? []), row.id]);
      const rows: OutboxRow[] = [];
      for (const [tenantId, ids] of idsByTenant) {
        await client.query("select set_config('app.current_tenant_id', $1, true)", [tenantId]);
        const marked = await client.query<OutboxRow>({
          name: 'outbox-mark-published',
          text: `update outbox set published_at = now() where id = any($1::bigint[])
                 returning id, tenant_id, aggregate_type, aggregate_id, version, event_type, payload, created_at as occurred_at`,
          values: [ids],
        });
        rows.push(...marked.rows);
      }
      rows.sort((a, b) => Number(a.id) - Number(b.id));
      const { bus, stream, durableEventTypes } = this.options;
      for (const row of rows) {
        const event = toEvent(row);
        await bus.publish(aggregateTopic(row.aggregate_type, row.aggregate_id), event);
        // Stored before the commit that marks it published: a crash in between appends it again (consumers are idempotent).
        if (stream && durableEventTypes?.has(row.event_type)) await stream.append(event);
      }
      await client.query('commit');
      this.options.metrics?.increment('studbook_outbox_published_total', 'Outbox events published to the event bus', { relay: this.options.label }, rows.length);
      // From commit of the writing transaction to publication: what a subscriber waits beyond the write.
      for (const row of rows)
        this.options.metrics?.observe(
          OUTBOX_LAG_METRIC,
          "Seconds from an outbox event's write to its publication",
          { relay: this.options.label },
          lagSeconds(row.occurred_at),
          OUTBOX_LAG_BUCKETS,
        );
      return claimed.rowCount ?? 0;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * Deletes published rows past retention, in batches of PRUNE_BATCH, until none is left; returns
   * how many. Runs hourly; one pass at a time.
   */
  prune(): Promise<number> {
    this.pruning ??= (async () => {
      let deleted = 0;
      try {
        let batch: number;
        do {
          batch = await this.pruneBatch();
          deleted += batch;
        } while (batch === PRUNE_BATCH && !this.stopped);
      } catch (error) {
        this.options.logger.warn('outbox pruning failed, retrying at the next interval', { relay: this.options.label, error: (error as Error).message });
      } finally {
        this.pruning = undefined;
      }
      if (deleted > 0)
        this.options.metrics?.increment('studbook_outbox_pruned_total', 'Published outbox rows deleted after retention', { relay: this.options.label }, deleted);
      return deleted;
    })();
    return this.pruning;
  }

  /** One transaction: claim expired rows (ids and tenants only), delete them per tenant under RLS. */
  private async pruneBatch(): Promise<number> {
    const client = await this.options.pool.connect();
    try {
      await client.query('begin');
      const claimed = await client.query<{ id: string; tenant_id: string }>({
        name: 'outbox-claim-expired',
        text: 'select id, tenant_id from studbook_api_claim_expired_outbox($1, $2)',
        values: [this.options.retentionDays ?? 7, PRUNE_BATCH],
      });
      const idsByTenant = new Map<string, string[]>();
      for (const row of claimed.rows) idsByTenant.set(row.tenant_id, [...(idsByTenant.get(row.tenant_id) ?? []), row.id]);
      let deleted = 0;
      for (const [tenantId, ids] of idsByTenant) {
        await client.query("select set_config('app.current_tenant_id', $1, true)", [tenantId]);
        deleted += (await client.query({ name: 'outbox-delete-expired', text: 'delete from outbox where id = any($1::bigint[])', values: [ids] })).rowCount ?? 0;
      }
      await client.query('commit');
      return deleted;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** LISTEN on a connection of its own; when it drops, polling carries on and it reconnects. */
  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.options.databaseUrl, application_name: `studbook-relay-${this.options.label}` });
    const reconnect = () => {
      if (this.stopped || this.listener !== client) return;
      this.listener = undefined;
      client.end().catch(() => undefined);
      setTimeout(() => void this.listen(), 1_000).unref();
    };
    client.on('error', (error) => {
      this.options.logger.warn('outbox relay lost its LISTEN connection', { relay: this.options.label, error: error.message });
      reconnect();
    });
    client.on('end', reconnect);
    client.on('notification', () => this.wake());
    try {
      this.listener = client;
      await client.connect();
      await client.query(`listen ${OUTBOX_NOTIFY_CHANNEL}`);
      this.wake(); // rows committed while we were not listening
    } catch (error) {
      this.options.logger.warn('outbox relay could not LISTEN, polling only until it can', { relay: this.options.label, error: (error as Error).message });
      reconnect();
    }
  }
}

function toEvent(row: OutboxRow): PublishedEvent {
  return {
    outboxId: Number(row.id),
    tenantId: row.tenant_id,
    aggregateType: row.aggregate_type,
    aggregateId: row.aggregate_id,
    version: row.version,
    eventType: row.event_type,
    payload: row.payload,
    occurredAt: row.occurred_at.toISOString(),
  };
}
