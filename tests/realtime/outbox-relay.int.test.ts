import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { migrateServiceDatabase } from '@studbook/drizzle/migrate';
import { z } from 'zod';
import { appendEvent, createLogger, createPgPool, MemoryEventBus, Metrics, OutboxRelay, TenantDb, type EventContract, type PublishedEvent } from '@studbook/platform';

// Events of the test's own: the relay publishes whatever a contract names.
const thingHappened = { name: 'ThingHappened', aggregate: 'Thing', version: 1, payload: z.strictObject({ i: z.int() }) } satisfies EventContract;
const thingDiscarded = { name: 'Discarded', aggregate: 'Thing', version: 1, payload: z.strictObject({}) } satisfies EventContract;

/**
 * The relay against a service database of its own (the commerce migrations), so no other relay
 * of the test platform takes its rows.
 */
describe('the outbox relay', () => {
  const logger = createLogger('relay-test', { silent: true });
  const metrics = new Metrics();
  const prefix = new URL(inject('serviceDatabaseUrls').animal).pathname.slice(1).replace(/_animal$/, '');
  const databaseName = `${prefix}_relay`;
  let databaseUrl: string;
  let pool: pg.Pool;
  let db: TenantDb;
  const relays: OutboxRelay[] = [];

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: inject('postgresAdminUrl') });
    await admin.connect();
    await admin.query(`drop database if exists ${databaseName} with (force)`);
    await admin.end();
    await migrateServiceDatabase('commerce', { adminUrl: inject('postgresAdminUrl'), databaseName, appRole: 'studbook_app', appPassword: 'studbook_app' });
    const url = new URL(inject('serviceDatabaseUrls').commerce);
    url.pathname = `/${databaseName}`;
    databaseUrl = url.toString();
    pool = createPgPool({ url: databaseUrl, label: 'relay-test', logger, metrics, max: 6 });
    db = new TenantDb(pool, {});
  });

  // Each test's relays stop with it, so the next test's relay is the only one taking rows.
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((relay) => relay.stop()));
  });
  afterAll(async () => {
    await pool?.end();
  });

  const startRelay = async (bus: MemoryEventBus, pollIntervalMs = 1_000) => {
    const relay = new OutboxRelay({ pool, databaseUrl, bus, logger, label: `relay-${relays.length}`, pollIntervalMs, batchSize: 7, pruneIntervalMs: 3_600_000 });
    relays.push(relay);
    await relay.start();
    return relay;
  };

  const record = (tenantId: string, aggregateId: string, n: number) =>
    db.run({ tenantId, userId: null }, async (tx) => {
      for (let i = 0; i < n; i += 1) await appendEvent(tx, thingHappened, { aggregateId, payload: { i } });
    });

  it('publishes every committed row of every tenant once, with two relays sharing the work', async () => {
    const bus = new MemoryEventBus(logger);
    const published: PublishedEvent[] = [];
    const publish = bus.publish.bind(bus);
    bus.publish = async (topic, event) => {
      published.push(event);
      await publish(topic, event);
    };
    await Promise.all([startRelay(bus), startRelay(bus)]);
    const [tenantA, tenantB] = [randomUUID(), randomUUID()];
    const [thingA, thingB] = [randomUUID(), randomUUID()];
    await Promise.all([record(tenantA, thingA, 40), record(tenantB, thingB, 40)]);

    for (let i = 0; i < 100 && published.length < 80; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(published).toHaveLength(80);
    expect(new Set(published.map((e) => e.outboxId)).size).toBe(80);
    for (const [tenantId, aggregateId] of [
      [tenantA, thingA],
      [tenantB, thingB],
    ]) {
      const own = published.filter((e) => e.aggregateId === aggregateId);
      expect(own.every((e) => e.tenantId === tenantId && e.aggregateType === 'Thing' && e.eventType === 'ThingHappened')).toBe(true);
      expect(new Set(own.map((e) => e.version))).toEqual(new Set(Array.from({ length: 40 }, (_, i) => i + 1)));
    }
    const { rows } = await pool.query('select count(*)::int as n from studbook_api_claim_outbox(1000)');
    expect(rows[0].n).toBe(0); // nothing left unpublished
  });

  it('wakes on commit (LISTEN/NOTIFY) rather than at the next poll, and publishes nothing for a rollback', async () => {
    const bus = new MemoryEventBus(logger);
    const thing = randomUUID();
    const seen: PublishedEvent[] = [];
    await bus.subscribe(`Thing:${thing}`, (event) => seen.push(event));
    await startRelay(bus, 60_000); // polling would take a minute
    const tenant = randomUUID();
    await db
      .run({ tenantId: tenant, userId: null }, async (tx) => {
        await appendEvent(tx, thingDiscarded, { aggregateId: thing, payload: {} });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await record(tenant, thing, 1);
    for (let i = 0; i < 100 && seen.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen.map((e) => [e.eventType, e.version])).toEqual([['ThingHappened', 1]]);
  });

  it("deletes published rows past retention across tenants, keeping unpublished, recent and each aggregate's latest row", async () => {
    const relay = await startRelay(new MemoryEventBus(logger));
    const [tenantA, tenantB] = [randomUUID(), randomUUID()];
    const [thingA, thingB, thingC] = [randomUUID(), randomUUID(), randomUUID()];
    await Promise.all([record(tenantA, thingA, 5), record(tenantB, thingB, 3), record(tenantA, thingC, 2)]);
    const adminUrl = new URL(inject('postgresAdminUrl'));
    adminUrl.pathname = `/${databaseName}`;
    const admin = new pg.Client({ connectionString: adminUrl.toString() });
    await admin.connect();
    try {
      const ours: string[] = [thingA, thingB, thingC];
      const rows = async () =>
        (
          await admin.query<{ aggregate_id: string; version: number }>(
            'select aggregate_id, version from outbox where aggregate_id = any($1) order by aggregate_id, version',
            [ours],
          )
        ).rows.map((r) => `${'ABC'[ours.indexOf(r.aggregate_id)]}${r.version}`);
      for (let i = 0; i < 100; i += 1) {
        const {
          rows: [{ n }],
        } = await admin.query('select count(*)::int as n from outbox where aggregate_id = any($1) and published_at is not null', [ours]);
        if (n === 10) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      // A's rows and B's first two were published eight days ago; B's third and C's three days ago.
      await admin.query(`update outbox set published_at = now() - interval '8 days' where aggregate_id = $1 or (aggregate_id = $2 and version <= 2)`, [thingA, thingB]);
      await admin.query(`update outbox set published_at = now() - interval '3 days' where aggregate_id = $1`, [thingC]);
      await record(tenantB, thingB, 1); // B4, not yet published when pruning runs (or just published)

      expect(await relay.prune()).toBe(6);
      expect((await rows()).sort()).toEqual(['A5', 'B3', 'B4', 'C1', 'C2']);
      expect(await relay.prune()).toBe(0);
      // Versions count on from the kept row, never from 1 again.
      await record(tenantA, thingA, 1);
      expect((await rows()).filter((r) => r.startsWith('A'))).toEqual(['A5', 'A6']);
    } finally {
      await admin.end();
    }
  });

  it("keeps the service role from other tenants' rows: the claim function gives ids and tenants only", async () => {
    const tenant = randomUUID();
    await record(tenant, randomUUID(), 1);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      expect((await client.query('select count(*)::int as n from outbox')).rows[0].n).toBe(0);
      const claimed = await client.query('select * from studbook_api_claim_outbox(10)');
      expect(claimed.fields.map((f) => f.name)).toEqual(['id', 'tenant_id']);
    } finally {
      await client.end();
    }
  });
});
