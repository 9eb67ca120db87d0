import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Every tenant-scoped row defaults to the tenant of the current transaction; RLS checks it on write. */
export const tenantId = () => uuid('tenant_id').notNull().default(sql`studbook_current_tenant()`);

export const visibility = pgEnum('visibility', ['PRIVATE', 'PUBLIC']);

// Millisecond precision, so a timestamp survives the round trip through a JavaScript Date in a cursor.
const nowMs = sql`date_trunc('milliseconds', now())`;
export const createdAt = () => timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().default(nowMs);
export const updatedAt = () => timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().default(nowMs);

/** Transactional outbox: a change and its domain event commit together; a relay publishes them. */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: tenantId(),
    aggregateType: text('aggregate_type').notNull(),
    aggregateId: text('aggregate_id').notNull(),
    version: integer('version').notNull(),
    eventType: text('event_type').notNull(),
    payload: jsonb('payload').notNull(),
    occurredAt: createdAt(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('outbox_aggregate_version').on(t.aggregateType, t.aggregateId, t.version), index('outbox_unpublished').on(t.id).where(sql`published_at is null`)],
);

/** Written only by the studbook_audit() trigger; the service role may read its tenant's rows. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    tableName: text('table_name').notNull(),
    recordId: text('record_id').notNull(),
    action: text('action').notNull(),
    oldData: jsonb('old_data'),
    newData: jsonb('new_data'),
    changedFields: text('changed_fields').array().notNull(),
    userId: text('user_id'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_log_record').on(t.tableName, t.recordId)],
);

/**
 * Client-chosen keys of create mutations (packages/platform/src/db/idempotency.ts): a key row is
 * written in the transaction of the record it names, so the primary key lets one of two concurrent
 * retries write and makes the other read the winner's result. Bookkeeping, not a domain record: it
 * has no audit trigger (shared/tenancy.sql).
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    tenantId: tenantId(),
    /** The mutation, e.g. createAnimal: one key may be used once per mutation. */
    operation: text('operation').notNull(),
    key: text('key').notNull(),
    /** SHA-256 of the mutation's input without the key: a retry must send the same input. */
    fingerprint: text('fingerprint').notNull(),
    /** The id of the record the first request created; set before its transaction commits. */
    resultId: text('result_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'idempotency_keys_pkey', columns: [t.tenantId, t.operation, t.key] }), index('idempotency_keys_tenant_created').on(t.tenantId, t.createdAt)],
);
