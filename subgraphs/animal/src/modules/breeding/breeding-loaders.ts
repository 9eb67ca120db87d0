import type DataLoader from 'dataloader';
import { isUuid, type TenantDb, type TenantScope, type Tx, measuredLoader } from '@studbook/platform';
import type { AnimalRow } from '../animal/animal-row.js';
import type { BreedingEventRow, BreedingSessionRow, ClutchRow } from './breeding-row.js';
import { findClutchesByIds, findHatchlingsOfClutches } from './clutch-store.js';
import { findEventsByIds, findEventsOfSessions } from './event-store.js';
import { findSessionsWithClutches, type SessionWithClutch } from './session-store.js';

export interface BreedingLoaders {
  /** Visible sessions by id; loading one also primes its clutch. */
  sessionById: DataLoader<string, BreedingSessionRow | null>;
  /** The clutch of a visible session, or null before EGGS_LAID. */
  clutchBySessionId: DataLoader<string, ClutchRow | null>;
  clutchById: DataLoader<string, ClutchRow | null>;
  eventById: DataLoader<string, BreedingEventRow | null>;
  /** A session's events in sequence order. */
  eventsBySessionId: DataLoader<string, BreedingEventRow[]>;
  /** A clutch's registered hatchlings that the caller may see, in hatching order. */
  hatchlingsByClutchId: DataLoader<string, AnimalRow[]>;
}

export interface BreedingLoaderDeps {
  db: TenantDb;
  scope: TenantScope | null;
}

/**
 * Built fresh for every request. Each batch is one transaction under the caller's tenant, so
 * resolving many events' sessions and clutches (as the gateway does for every subscription
 * delivery) costs a fixed number of statements.
 */
export function createBreedingLoaders({ db, scope }: BreedingLoaderDeps): BreedingLoaders {
  /** Runs a batch read under the caller's tenant; anonymous callers and malformed ids find nothing. */
  const read = async <T>(ids: readonly string[], query: (tx: Tx, valid: string[]) => Promise<T[]>): Promise<T[]> => {
    const valid = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
    if (!scope || valid.length === 0) return [];
    return db.read(scope, (tx) => query(tx, valid));
  };
  // PostgreSQL returns ids in lowercase; an uppercase key must still find its row.
  const inKeyOrder = <T>(ids: readonly string[], byId: Map<string, T>, missing: T) => ids.map((id) => byId.get(id.toLowerCase()) ?? missing);

  const clutchById: BreedingLoaders['clutchById'] = measuredLoader('animal.clutchById', async (ids) => {
    const rows = await read(ids, findClutchesByIds);
    return inKeyOrder(ids, new Map(rows.map((row) => [row.id, row])), null);
  });

  const clutchBySessionId: BreedingLoaders['clutchBySessionId'] = measuredLoader('animal.clutchBySessionId', async (ids) => {
    const rows = await read(ids, findSessionsWithClutches);
    for (const row of rows) primeSession(loaders, row);
    return inKeyOrder(ids, new Map(rows.map(({ session, clutch }) => [session.id, clutch])), null);
  });

  const sessionById: BreedingLoaders['sessionById'] = measuredLoader('animal.sessionById', async (ids) => {
    const rows = await read(ids, findSessionsWithClutches);
    // Priming a key that is loading is a no-op, so this adds only what the other loaders lack.
    for (const row of rows) primeSession(loaders, row);
    return inKeyOrder(ids, new Map(rows.map(({ session }) => [session.id, session])), null);
  });

  const eventById: BreedingLoaders['eventById'] = measuredLoader('animal.eventById', async (ids) => {
    const rows = await read(ids, findEventsByIds);
    return inKeyOrder(ids, new Map(rows.map((row) => [row.id, row])), null);
  });

  const eventsBySessionId: BreedingLoaders['eventsBySessionId'] = measuredLoader('animal.eventsBySessionId', async (ids) => {
    const rows = await read(ids, findEventsOfSessions);
    for (const row of rows) eventById.prime(row.id, row);
    return inKeyOrder(
      ids,
      groupBy(rows, (row) => row.sessionId),
      [],
    );
  });

  const hatchlingsByClutchId: BreedingLoaders['hatchlingsByClutchId'] = measuredLoader('animal.hatchlingsByClutchId', async (ids) => {
    const rows = await read(ids, findHatchlingsOfClutches);
    const byClutch = groupBy(rows, (row) => row.clutchId);
    return ids.map((id) => (byClutch.get(id.toLowerCase()) ?? []).map((row) => row.animal));
  });

  const loaders: BreedingLoaders = { sessionById, clutchBySessionId, clutchById, eventById, eventsBySessionId, hatchlingsByClutchId };
  return loaders;
}

/** A session read elsewhere (a list page), with its clutch, so resolving them costs no further reads. */
export function primeSession(loaders: BreedingLoaders, { session, clutch }: SessionWithClutch): void {
  loaders.sessionById.prime(session.id, session);
  loaders.clutchBySessionId.prime(session.id, clutch);
  if (clutch) loaders.clutchById.prime(clutch.id, clutch);
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}
