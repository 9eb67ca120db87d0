import { and, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { evaluationRuns } from '@studbook/drizzle/research';
import { isUniqueViolation, type Tx } from '@studbook/platform';

export type EvaluationRunRow = typeof evaluationRuns.$inferSelect;
export type NewEvaluationRun = Pick<
  EvaluationRunRow,
  'scope' | 'species' | 'trait' | 'source' | 'status' | 'fixedEffects' | 'heritability' | 'additiveVariance' | 'residualVariance' | 'createdBy'
> &
  Partial<Pick<EvaluationRunRow, 'startedAt' | 'heartbeatAt' | 'finishedAt' | 'progress' | 'animals' | 'tenantId' | 'projectId'>>;

/** The runs of one scope: the caller's organisation's own (no project), or one project's. */
export type RunScope = { projectId: string | null };

function inScope({ projectId }: RunScope): SQL {
  return projectId ? eq(evaluationRuns.projectId, projectId) : isNull(evaluationRuns.projectId);
}

/** Inserts a run; null when the scope, species and trait already have an active one (evaluation_runs_one_active). */
export async function insertRun(tx: Tx, run: NewEvaluationRun): Promise<EvaluationRunRow | null> {
  try {
    // A savepoint, so a refused insert leaves the transaction usable.
    return await tx.transaction(async (inner) => (await inner.insert(evaluationRuns).values(run).returning())[0]);
  } catch (error) {
    if (isUniqueViolation(error, 'evaluation_runs_one_active')) return null;
    throw error;
  }
}

export async function findRunsByIds(tx: Tx, ids: readonly string[]): Promise<EvaluationRunRow[]> {
  return tx
    .select()
    .from(evaluationRuns)
    .where(inArray(evaluationRuns.id, [...ids]));
}

export function findRuns(tx: Tx, filter: RunScope & { species: string | null; trait: string | null }, limit: number): Promise<EvaluationRunRow[]> {
  const conditions: SQL[] = [inScope(filter)];
  if (filter.species) conditions.push(eq(evaluationRuns.species, filter.species));
  if (filter.trait) conditions.push(eq(evaluationRuns.trait, filter.trait));
  return tx
    .select()
    .from(evaluationRuns)
    .where(and(...conditions))
    .orderBy(desc(evaluationRuns.createdAt), desc(evaluationRuns.id))
    .limit(limit);
}

/** The latest successful run of a species' trait in the scope, or null. */
export async function findLatestSucceeded(tx: Tx, runScope: RunScope, species: string, trait: string): Promise<EvaluationRunRow | null> {
  const [row] = await tx
    .select()
    .from(evaluationRuns)
    .where(and(inScope(runScope), eq(evaluationRuns.species, species), eq(evaluationRuns.trait, trait), eq(evaluationRuns.status, 'SUCCEEDED')))
    .orderBy(desc(evaluationRuns.finishedAt), desc(evaluationRuns.id))
    .limit(1);
  return row ?? null;
}

/**
 * Updates a run that is still active (QUEUED or RUNNING), renewing its heartbeat; false when it is not (cancelled, or
 * failed as abandoned), which tells the worker to stop.
 */
export async function updateActiveRun(tx: Tx, id: string, changes: Partial<EvaluationRunRow>): Promise<boolean> {
  const rows = await tx
    .update(evaluationRuns)
    .set({ ...changes, heartbeatAt: sql`now()` })
    .where(and(eq(evaluationRuns.id, id), inArray(evaluationRuns.status, ['QUEUED', 'RUNNING'])))
    .returning({ id: evaluationRuns.id });
  return rows.length === 1;
}

/** Locks an active run for its final write; null when it is no longer active. */
export async function lockActiveRun(tx: Tx, id: string): Promise<EvaluationRunRow | null> {
  const [row] = await tx
    .select()
    .from(evaluationRuns)
    .where(and(eq(evaluationRuns.id, id), inArray(evaluationRuns.status, ['QUEUED', 'RUNNING'])))
    .for('update');
  return row ?? null;
}

/** Marks an active run CANCELLED; null when there is none with this id (or it has finished). */
export async function cancelActiveRun(tx: Tx, id: string): Promise<EvaluationRunRow | null> {
  const [row] = await tx
    .update(evaluationRuns)
    .set({ status: 'CANCELLED', finishedAt: sql`now()`, error: 'Cancelled' })
    .where(and(eq(evaluationRuns.id, id), inArray(evaluationRuns.status, ['QUEUED', 'RUNNING'])))
    .returning();
  return row ?? null;
}
