import { badInput, conflict, forbidden, notFound, validId, type Identity, type TenantDb, type TenantScope } from '@studbook/platform';
import { hasEvaluationRecords } from '../measurement/evaluation-records.js';
import { findTrend, type TrendRow } from './breeding-value-store.js';
import { type RunEvaluationArgs, validEvaluation, validSpecies, validTrait } from './evaluation-input.js';
import type { EvaluationLoaders } from './evaluation-loaders.js';
import type { EvaluationRunner } from './evaluation-runner.js';
import { cancelActiveRun, type EvaluationRunRow, findLatestSucceeded, findRuns, insertRun } from './evaluation-run-store.js';

export interface EvaluationServiceDeps {
  db: TenantDb;
  identity: Identity;
  scope: TenantScope | null;
  loaders: EvaluationLoaders;
  runner: EvaluationRunner;
  /** The caller's verified gateway token: the run reads the pedigree as the caller. */
  identityToken: string;
}

/** Genetic evaluations of the caller's organisation, for one request. */
export class EvaluationService {
  constructor(private readonly deps: EvaluationServiceDeps) {}

  /** Validates, refuses a second active run (CONFLICT), records the run QUEUED and hands it to the runner. */
  async run(args: RunEvaluationArgs): Promise<EvaluationRunRow> {
    const scope = this.member();
    const valid = validEvaluation(args);
    const { db, runner } = this.deps;
    if (!(await hasEvaluationRecords(db, scope, valid.trait.id))) throw badInput(`The organisation has no ${valid.trait.id} records to evaluate`, 'trait');
    const run = await db.run(scope, (tx) =>
      insertRun(tx, {
        scope: valid.scope,
        species: valid.species,
        trait: valid.trait.id,
        source: 'BLUP',
        status: 'QUEUED',
        fixedEffects: valid.fixedEffects,
        heritability: 'heritability' in valid.variance ? valid.variance.heritability : null,
        additiveVariance: 'additive' in valid.variance ? valid.variance.additive : null,
        residualVariance: 'residual' in valid.variance ? valid.variance.residual : null,
        createdBy: scope.userId,
        heartbeatAt: new Date(),
      }),
    );
    if (!run) throw conflict(`An evaluation of ${valid.trait.id} in ${valid.species} is already queued or running; wait for it or cancel it`);
    runner.launch(scope, run, this.deps.identityToken);
    return run;
  }

  /** Cancels a queued or running run; its process stops at the next iteration, nothing of it is stored. */
  async cancel(id: string): Promise<EvaluationRunRow> {
    const scope = this.member();
    const runId = validId(id, 'id');
    const { db, runner } = this.deps;
    const cancelled = await db.run(scope, (tx) => cancelActiveRun(tx, runId));
    if (cancelled) {
      runner.abortLocal(runId);
      return cancelled;
    }
    const existing = await this.deps.loaders.runById.load(runId);
    if (!existing) throw notFound('Evaluation');
    throw conflict(`The evaluation has already finished (${existing.status})`);
  }

  byId(id: string): Promise<EvaluationRunRow | null> {
    return this.deps.loaders.runById.load(id);
  }

  async list(filter: { species?: string | null; trait?: string | null }): Promise<EvaluationRunRow[]> {
    if (!this.deps.scope) return [];
    return this.deps.db.run(this.deps.scope, (tx) => findRuns(tx, { species: filter.species ?? null, trait: filter.trait ?? null }, 100));
  }

  async trend(speciesArg: string, traitArg: string): Promise<TrendRow[]> {
    const species = validSpecies(speciesArg);
    const trait = validTrait(species, traitArg);
    const { scope, db } = this.deps;
    if (!scope) return [];
    return db.run(scope, async (tx) => {
      const run = await findLatestSucceeded(tx, species, trait.id);
      return run ? findTrend(tx, run.id) : [];
    });
  }

  breedingValuesOf(animalId: string) {
    return this.deps.loaders.breedingValuesByAnimalId.load(animalId);
  }

  private member(): TenantScope {
    if (!this.deps.scope) throw forbidden('Only a member of an organisation may run evaluations');
    return this.deps.scope;
  }
}
