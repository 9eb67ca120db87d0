import type pg from 'pg';
import { GraphQLError } from 'graphql';
import { badInput, type Logger, type TenantDb, type TenantScope } from '@studbook/platform';
import { runEvaluationInWorker, type SolverProgress, type VarianceModel, type WorkerRunOptions } from '../../genetics/blup/index.js';
import { readOrganizationData, readProjectData } from './evaluation-data.js';
import { insertBreedingValues } from './breeding-value-store.js';
import { evaluationDataset, fixedEffectSolutions, type FixedEffectName } from './evaluation-dataset.js';
import { lockActiveRun, updateActiveRun, type EvaluationRunRow } from './evaluation-run-store.js';

/** How often a running evaluation writes its progress and renews its heartbeat. */
const PROGRESS_EVERY_MS = 500;
const HEARTBEAT_EVERY_MS = 5_000;
/** A run whose heartbeat is older than this has lost its process; any instance fails it. */
export const ABANDONED_AFTER_SECONDS = 30;
const SWEEP_EVERY_MS = 15_000;
/** Reading the data counts for this much of the progress; the solver for the rest up to 0.95, storing the results for the last. */
const DATA_READ = 0.1;

export interface EvaluationRunnerDeps {
  db: TenantDb;
  /** For the cross-tenant sweep of abandoned runs (a SECURITY DEFINER function). */
  pool: pg.Pool;
  animalSubgraphUrl: string;
  logger: Logger;
  /** Solver settings (tests make a run slow enough to watch); the engine's defaults otherwise. */
  solver?: Pick<WorkerRunOptions, 'tolerance' | 'maxIterations' | 'accuracy'>;
}

interface ActiveRun {
  scope: TenantScope;
  controller: AbortController;
  done: Promise<void>;
}

/**
 * Runs genetic evaluations in the background, one worker thread each, for the whole subgraph process. The database holds a
 * run's state, so any instance answers a poll or a cancel: a cancel elsewhere is seen at the next progress write, and a run
 * whose process died is failed by the next sweep (at start, then every 15 s) once its heartbeat is 30 s old.
 */
export class EvaluationRunner {
  private readonly active = new Map<string, ActiveRun>();
  private sweepTimer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: EvaluationRunnerDeps) {}

  /** Fails abandoned runs now, then every 15 s. */
  async start(): Promise<void> {
    await this.sweepAbandoned();
    this.sweepTimer = setInterval(
      () => void this.sweepAbandoned().catch((error) => this.deps.logger.warn('evaluation sweep failed', { error: String(error) })),
      SWEEP_EVERY_MS,
    );
    this.sweepTimer.unref();
  }

  /** Fails every active run whose heartbeat is stale, in any organisation; their ids. */
  async sweepAbandoned(): Promise<string[]> {
    const { rows } = await this.deps.pool.query<{ id: string }>('select id from studbook_api_fail_abandoned_evaluations($1::interval)', [
      `${ABANDONED_AFTER_SECONDS} seconds`,
    ]);
    if (rows.length > 0) this.deps.logger.warn('failed abandoned evaluations', { runs: rows.map((row) => row.id) });
    return rows.map((row) => row.id);
  }

  /** Starts a QUEUED run; it reads the data at once, while the caller's identity token (valid 60 s) is fresh. */
  launch(scope: TenantScope, run: EvaluationRunRow, identityToken: string): void {
    const controller = new AbortController();
    const done = this.execute(scope, run, identityToken, controller.signal).finally(() => this.active.delete(run.id));
    this.active.set(run.id, { scope, controller, done });
  }

  /** Stops a run of this process at once (a cancel recorded elsewhere is seen at the next progress write). */
  abortLocal(id: string): void {
    this.active.get(id)?.controller.abort();
  }

  /** Stops every run of this process and records it as failed, so none is left RUNNING. */
  async stop(): Promise<void> {
    clearInterval(this.sweepTimer);
    const runs = [...this.active];
    for (const [, run] of runs) run.controller.abort();
    await Promise.all(runs.map(([, run]) => run.done));
    await Promise.all(
      runs.map(([id, run]) =>
        this.deps.db
          .run(run.scope, (tx) =>
            updateActiveRun(tx, id, { status: 'FAILED', finishedAt: new Date(), error: 'The platform stopped while this evaluation ran; start it again' }),
          )
          .catch(() => undefined),
      ),
    );
  }

  private async projectData(scope: TenantScope, run: EvaluationRunRow, identityToken: string, signal: AbortSignal) {
    const data = await readProjectData(this.deps, scope, { projectId: run.projectId!, species: run.species, trait: run.trait, identityToken }, signal);
    if (!data) throw badInput('The project has no data-sharing grants in force: nothing is shared with it to evaluate', 'scope.projectId');
    return data;
  }

  private async execute(scope: TenantScope, run: EvaluationRunRow, identityToken: string, signal: AbortSignal): Promise<void> {
    const { db, logger } = this.deps;
    const update = (changes: Partial<EvaluationRunRow>) => db.run(scope, (tx) => updateActiveRun(tx, run.id, changes));
    const heartbeat = setInterval(
      () =>
        void update({})
          .then((active) => active || this.abortLocal(run.id))
          .catch(() => undefined),
      HEARTBEAT_EVERY_MS,
    );
    heartbeat.unref();
    try {
      if (!(await update({ status: 'RUNNING', startedAt: new Date() }))) return;
      // A project's grants are read again now: one revoked since the run was queued no longer counts.
      const { records, animals } = run.projectId
        ? await this.projectData(scope, run, identityToken, signal)
        : await readOrganizationData(this.deps, scope, { species: run.species, trait: run.trait, identityToken }, signal);
      const dataset = evaluationDataset(animals, records, run.fixedEffects as FixedEffectName[], varianceOf(run));
      if (dataset.input.records.animal.length === 0)
        throw badInput(`No ${run.trait} records of ${run.species} ${run.projectId ? 'the project’s grants share' : 'the organisation holds'}`, 'trait');
      if (!(await update({ animals: dataset.ids.length, records: dataset.input.records.animal.length, progress: DATA_READ }))) return;
      let lastWrite = 0;
      const onProgress = (progress: SolverProgress) => {
        const now = Date.now();
        if (now - lastWrite < PROGRESS_EVERY_MS) return;
        lastWrite = now;
        void update({ progress: solverProgress(progress), iterations: progress.iteration })
          .then((active) => active || this.abortLocal(run.id))
          .catch(() => undefined);
      };
      const result = await runEvaluationInWorker(dataset.input, { ...this.deps.solver, onProgress, signal });
      await db.run(scope, async (tx) => {
        // Locked, so a cancel that arrives now waits and then finds the run finished (CONFLICT), never half-stored.
        if (!(await lockActiveRun(tx, run.id))) return;
        const visible = dataset.ids.flatMap((id, i) => (id.startsWith('~') ? [] : [i]));
        await insertBreedingValues(tx, run, {
          animalIds: visible.map((i) => dataset.ids[i]),
          ebvs: visible.map((i) => result.ebv[i]),
          accuracies: visible.map((i) => (result.accuracy.length > 0 ? result.accuracy[i] : null)),
          birthYears: visible.map((i) => dataset.birthYears[i]),
        });
        await updateActiveRun(tx, run.id, {
          status: 'SUCCEEDED',
          progress: 1,
          iterations: result.iterations,
          converged: result.converged,
          accuracyMethod: result.accuracyMethod.toUpperCase(),
          fixedEffectSolutions: fixedEffectSolutions(dataset, result),
          finishedAt: new Date(),
        });
      });
    } catch (error) {
      // Cancelled (the cancel recorded it) or stopped (stop() records it).
      if (signal.aborted) return;
      const expected = error instanceof GraphQLError;
      if (!expected) logger.error('evaluation failed', { run: run.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      await update({ status: 'FAILED', finishedAt: new Date(), error: expected ? error.message : 'The evaluation failed unexpectedly; the error is logged' }).catch(
        () => undefined,
      );
    } finally {
      clearInterval(heartbeat);
    }
  }
}

function varianceOf(run: EvaluationRunRow): VarianceModel {
  return run.heritability != null ? { heritability: run.heritability } : { additive: run.additiveVariance!, residual: run.residualVariance! };
}

/** Progress towards the tolerance on a log scale (‖r‖²/‖rhs‖² falls from about 1 to 1e-12), or towards the iteration cap. */
function solverProgress({ iteration, maxIterations, relativeResidual, tolerance }: SolverProgress): number {
  const byResidual = relativeResidual > 0 ? Math.log10(relativeResidual) / Math.log10(tolerance) : 1;
  const share = Math.min(1, Math.max(0, byResidual, iteration / maxIterations));
  return DATA_READ + (0.95 - DATA_READ) * share;
}
