import { asc, inArray } from 'drizzle-orm';
import { breedingEvents } from '@studbook/drizzle/animal';
import type { Tx } from '@studbook/platform';
import type { BreedingEventRow } from './breeding-row.js';

export type NewBreedingEvent = Omit<BreedingEventRow, 'id' | 'tenantId' | 'createdAt'>;

export function findEventsByIds(tx: Tx, ids: readonly string[]): Promise<BreedingEventRow[]> {
  return tx
    .select()
    .from(breedingEvents)
    .where(inArray(breedingEvents.id, [...ids]));
}

/** Every event of these sessions, each session's in sequence order. */
export function findEventsOfSessions(tx: Tx, sessionIds: readonly string[]): Promise<BreedingEventRow[]> {
  return tx
    .select()
    .from(breedingEvents)
    .where(inArray(breedingEvents.sessionId, [...sessionIds]))
    .orderBy(asc(breedingEvents.sessionId), asc(breedingEvents.seq));
}

export async function insertEvent(tx: Tx, event: NewBreedingEvent): Promise<BreedingEventRow> {
  const [row] = await tx.insert(breedingEvents).values(event).returning();
  return row;
}
