import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { badInput, userError, ErrorCode } from '../errors.js';
import type { TenantDb, TenantScope, Tx } from './tenant-db.js';

/** How long a key answers with its first result; after that it is free again, and deleted. */
export const IDEMPOTENCY_KEY_TTL_HOURS = 24;

/** Expired keys of the organisation that each completed keyed write deletes in passing. */
const PRUNE_BATCH = 20;

/** 1 to 100 printable ASCII characters (space to tilde): a UUID, a ULID, "order-42/eggs". */
const VALID_KEY = /^[\x20-\x7e]{1,100}$/;

/** A create mutation's key, as its service checks it: which mutation, the client's key, and what was asked. */
export interface IdempotencyKey {
  operation: string;
  key: string;
  /** SHA-256 of the input without the key, so a retry must ask for the same thing. */
  fingerprint: string;
}

/** The outcome of writeOnce: the new record, or the id of the record an earlier request with this key created. */
export type WriteOnce<T> = { written: T } | { replayOf: string };

/**
 * The input's `idempotencyKey` for this mutation, or null when the client sent none; a malformed
 * key is BAD_USER_INPUT naming the field. Absent and null input fields fingerprint alike, and
 * values as parsed (a DateTime as its instant), so how a client spells the same input does not matter.
 */
export function idempotencyKeyOf(operation: string, input: { idempotencyKey?: string | null }): IdempotencyKey | null {
  const { idempotencyKey: key, ...rest } = input;
  if (key == null) return null;
  if (!VALID_KEY.test(key)) throw badInput('idempotencyKey must be 1 to 100 printable ASCII characters', 'idempotencyKey');
  return { operation, key, fingerprint: createHash('sha256').update(canonicalJson(rest)).digest('hex') };
}

/**
 * Runs a create mutation's write once per key. Without a key it is `db.run(scope, write)`. With
 * one, the key row is claimed first in the write's transaction: a concurrent request with the same
 * key waits on the row until this one commits (then reads its result) or rolls back (then writes
 * itself). A refused write rolls its key back with it, so the key stays free. A key used within
 * IDEMPOTENCY_KEY_TTL_HOURS for another input is a CONFLICT; for the same input, the first
 * record's id comes back as `replayOf` and nothing is written: the caller reads that record.
 */
export function writeOnce<T>(
  db: TenantDb,
  scope: TenantScope,
  key: IdempotencyKey | null,
  write: (tx: Tx) => Promise<T>,
  idOf: (written: T) => string,
): Promise<WriteOnce<T>> {
  return db.run(scope, async (tx): Promise<WriteOnce<T>> => {
    if (key) {
      const earlier = await claimKey(tx, key);
      if (earlier) return { replayOf: earlier };
    }
    const written = await write(tx);
    if (key) await completeKey(tx, key, idOf(written));
    return { written };
  });
}

/**
 * The id of the record an earlier request with this key created (CONFLICT for another input), or
 * null; claims nothing. For services that check their input against another subgraph before
 * their transaction: a retry is answered before those checks, which may since answer otherwise
 * (the animal made private). writeOnce still settles a race between two first requests.
 */
export function earlierResult(db: TenantDb, scope: TenantScope, key: IdempotencyKey | null): Promise<string | null> {
  return key ? db.run(scope, (tx) => firstResult(tx, key)) : Promise.resolve(null);
}

/** The record a replayed request answers with; gone since (deleted) is NOT_FOUND, not a second write. */
export function replayed<T>(row: T | null | undefined): T {
  if (row == null) throw userError(ErrorCode.NotFound, 'The record created with this idempotencyKey no longer exists', { field: 'idempotencyKey' });
  return row;
}

/** Null when this request holds the key and writes; else the id the key's first request created. */
async function claimKey(tx: Tx, { operation, key, fingerprint }: IdempotencyKey): Promise<string | null> {
  // An expired row is taken over in place, as if it had been deleted.
  const claimed = await tx.execute(sql`
    insert into idempotency_keys (operation, key, fingerprint) values (${operation}, ${key}, ${fingerprint})
    on conflict (tenant_id, operation, key) do update set fingerprint = excluded.fingerprint, result_id = null, created_at = now()
      where idempotency_keys.created_at < now() - make_interval(hours => ${IDEMPOTENCY_KEY_TTL_HOURS})
    returning 1 /* idempotency_claim */`);
  if (claimed.rows.length > 0) return null;
  // The conflict locked the row, and a statement sees what committed before it: the first request's result.
  return firstResult(tx, { operation, key, fingerprint });
}

/** The unexpired key's result, null without one; CONFLICT when it was used for another input. */
async function firstResult(tx: Tx, { operation, key, fingerprint }: IdempotencyKey): Promise<string | null> {
  const { rows } = await tx.execute<{ fingerprint: string; result_id: string }>(sql`
    select fingerprint, result_id from idempotency_keys
    where tenant_id = studbook_current_tenant() and operation = ${operation} and key = ${key}
      and created_at >= now() - make_interval(hours => ${IDEMPOTENCY_KEY_TTL_HOURS}) /* idempotency_first_result */`);
  if (rows.length === 0) return null;
  if (rows[0].fingerprint !== fingerprint) {
    throw userError(ErrorCode.Conflict, `This idempotencyKey was used for a different ${operation} in the last ${IDEMPOTENCY_KEY_TTL_HOURS} hours`, {
      field: 'idempotencyKey',
    });
  }
  return rows[0].result_id;
}

/**
 * Records the result on the claimed row and, in the same statement, deletes a few of the
 * organisation's expired keys (skipping any another transaction holds), so the table keeps about
 * a day of keys per organisation without a sweeper of its own.
 */
async function completeKey(tx: Tx, { operation, key }: IdempotencyKey, resultId: string): Promise<void> {
  await tx.execute(sql`
    with pruned as (
      delete from idempotency_keys where tenant_id = studbook_current_tenant() and (operation, key) in (
        select operation, key from idempotency_keys
        where tenant_id = studbook_current_tenant() and created_at < now() - make_interval(hours => ${IDEMPOTENCY_KEY_TTL_HOURS})
        limit ${PRUNE_BATCH} for update skip locked))
    update idempotency_keys set result_id = ${resultId}
    where tenant_id = studbook_current_tenant() and operation = ${operation} and key = ${key} /* idempotency_complete */`);
}

/** JSON with object keys sorted and null or absent fields left out. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .filter(([, field]) => field != null)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
  });
}
