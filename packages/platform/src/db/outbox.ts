import { sql } from 'drizzle-orm';
import type { Tx } from './tenant-db.js';

export interface DomainEvent {
  aggregateType: string;
  aggregateId: string;
  type: string;
  payload: Record<string, unknown>;
}

/**
 * Writes a domain event into the outbox inside the caller's transaction, so the change and
 * its event commit or roll back together. The version counts events per aggregate.
 */
export async function appendEvent(tx: Tx, event: DomainEvent): Promise<void> {
  await tx.execute(sql`
    insert into outbox (aggregate_type, aggregate_id, version, event_type, payload)
    select ${event.aggregateType}, ${event.aggregateId}, coalesce(max(version), 0) + 1, ${event.type}, ${JSON.stringify(event.payload)}::jsonb
    from outbox where aggregate_type = ${event.aggregateType} and aggregate_id = ${event.aggregateId}`);
}
