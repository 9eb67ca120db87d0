import { sql } from 'drizzle-orm';
import type { Tx } from './tenant-db.js';

/**
 * What the outbox needs of a domain event's contract. The catalog (`@studbook/contracts/events`)
 * satisfies it; the platform holds no domain event of its own.
 */
export interface EventContract<Payload = unknown> {
  /** Stored as `event_type`. */
  readonly name: string;
  /** Stored as `aggregate_type`: versions count per aggregate, and the relay publishes on its topic. */
  readonly aggregate: string;
  readonly version: number;
  /** Throws for a payload the contract does not allow (a zod schema fits). */
  readonly payload: { parse(value: unknown): Payload };
}

/**
 * Writes a domain event into the outbox inside the caller's transaction, so the change and
 * its event commit or roll back together. The version counts events per aggregate. A payload
 * its contract refuses is a programmer error: it throws, and the transaction rolls back.
 */
export async function appendEvent<Payload>(tx: Tx, contract: EventContract<Payload>, event: { aggregateId: string; payload: NoInfer<Payload> }): Promise<void> {
  const payload = checkedPayload(contract, event.payload);
  await tx.execute(sql`
    insert into outbox (aggregate_type, aggregate_id, version, event_type, payload)
    select ${contract.aggregate}, ${event.aggregateId}, coalesce(max(version), 0) + 1, ${contract.name}, ${JSON.stringify(payload)}::jsonb
    from outbox where aggregate_type = ${contract.aggregate} and aggregate_id = ${event.aggregateId}`);
}

function checkedPayload<Payload>(contract: EventContract<Payload>, payload: Payload): Payload {
  try {
    return contract.payload.parse(payload);
  } catch (error) {
    throw new Error(`The payload of ${contract.name} does not match its contract: ${(error as Error).message}`, { cause: error });
  }
}
