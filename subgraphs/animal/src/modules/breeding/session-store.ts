import { and, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { breedingSessions, clutches } from '@studbook/drizzle/animal';
import type { Tx } from '@studbook/platform';
import type { BreedingSessionRow, BreedingSessionStatus, ClutchRow } from './breeding-row.js';

export type NewBreedingSession = Pick<BreedingSessionRow, 'sireId' | 'damId' | 'speciesId' | 'notes' | 'offspringInbreeding' | 'createdAt'>;

export interface SessionWithClutch {
  session: BreedingSessionRow;
  clutch: ClutchRow | null;
}

export interface SessionListParams {
  first: number;
  after?: { createdAt: Date; id: string };
  status?: BreedingSessionStatus;
}

/** Sessions with these ids that RLS lets the caller see, each with its clutch, in one statement. */
export function findSessionsWithClutches(tx: Tx, ids: readonly string[]): Promise<SessionWithClutch[]> {
  return tx
    .select({ session: breedingSessions, clutch: clutches })
    .from(breedingSessions)
    .leftJoin(clutches, eq(clutches.sessionId, breedingSessions.id))
    .where(inArray(breedingSessions.id, [...ids]));
}

/**
 * The session and its clutch, with the session row locked until the transaction ends: events of
 * one session are recorded one at a time, so sequence numbers have no gaps and order checks no races.
 * Two statements on purpose: a writer that waited for the lock must read the clutch in a snapshot
 * taken after the lock holder committed; a joined read would recheck only the locked row.
 */
export async function lockSessionWithClutch(tx: Tx, id: string): Promise<SessionWithClutch | undefined> {
  const [session] = await tx.select().from(breedingSessions).where(eq(breedingSessions.id, id)).for('update');
  if (!session) return undefined;
  const [clutch] = await tx.select().from(clutches).where(eq(clutches.sessionId, id));
  return { session, clutch: clutch ?? null };
}

/** One page, newest first, each session with its clutch, fetching one extra row to tell whether another page follows. */
export function listSessions(tx: Tx, params: SessionListParams): Promise<SessionWithClutch[]> {
  const conditions: SQL[] = [];
  if (params.after) {
    const { createdAt, id } = params.after;
    conditions.push(or(lt(breedingSessions.createdAt, createdAt), and(eq(breedingSessions.createdAt, createdAt), lt(breedingSessions.id, id)))!);
  }
  if (params.status) conditions.push(eq(breedingSessions.status, params.status));
  return tx
    .select({ session: breedingSessions, clutch: clutches })
    .from(breedingSessions)
    .leftJoin(clutches, eq(clutches.sessionId, breedingSessions.id))
    .where(and(...conditions))
    .orderBy(desc(breedingSessions.createdAt), desc(breedingSessions.id))
    .limit(params.first + 1);
}

export async function insertSession(tx: Tx, session: NewBreedingSession): Promise<BreedingSessionRow> {
  const [row] = await tx.insert(breedingSessions).values(session).returning();
  return row;
}

/** Moves a locked session past its newest event; an ENDED event also closes it. */
export async function advanceSession(tx: Tx, id: string, seq: number, occurredAt: Date, ends: boolean): Promise<BreedingSessionRow> {
  const [row] = await tx
    .update(breedingSessions)
    .set({
      lastSeq: seq,
      lastEventAt: occurredAt,
      updatedAt: sql`now()`,
      ...(ends ? { status: 'ENDED' as const, endedAt: occurredAt } : {}),
    })
    .where(eq(breedingSessions.id, id))
    .returning();
  return row;
}
