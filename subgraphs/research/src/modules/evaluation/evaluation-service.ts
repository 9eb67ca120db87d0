import { badInput, conflict, forbidden, notFound, validId, type Identity, type TenantDb, type TenantScope } from '@studbook/platform';
import { hasEvaluationRecords } from '../measurement/evaluation-records.js';
import { membershipOf } from '../project/project-reads.js';
import { findTrend, type TrendRow } from './breeding-value-store.js';
import {
  type EvaluationScope,
  type EvaluationScopeArg,
  type RunEvaluationArgs,
  scopeKey,
  validEvaluation,
  validScope,
  validSpecies,
  validTrait,
} from './evaluation-input.js';
import type { EvaluationLoaders } from './evaluation-loaders.js';
import type { EvaluationRunner } from './evaluation-runner.js';
import { cancelActiveRun, type EvaluationRunRow, findLatestSucceeded, findRuns, insertRun, type RunScope } from './evaluation-run-store.js';
import { projectShare } from './project-records.js';
import { projectOfRunner, RUNNERS } from './project-runner-role.js';

export interface EvaluationServiceDeps {
  db: TenantDb;
  identity: Identity;
  scope: TenantScope | null;
  loaders: EvaluationLoaders;
  runner: EvaluationRunner;
  /** The caller's verified gateway token: the run reads the pedigree as the caller. */
  identityToken: string;
}

/** Genetic evaluations of the caller's organisation or of a research project they are a member of, for one request. */
export class EvaluationService {
  constructor(private readonly deps: EvaluationServiceDeps) {}

  /** Validates, refuses a second active run (CONFLICT), records the run QUEUED and hands it to the runner. */
  async run(args: RunEvaluationArgs): Promise<EvaluationRunRow> {
    const scope = this.member();
    const valid = validEvaluation(args);
    const { db, runner } = this.deps;
    const project = valid.scope.kind === 'PROJECT' ? await projectOfRunner(db, scope, valid.scope.projectId, 'run its evaluations') : null;
    const share = project ? await db.run(scope, (tx) => projectShare(tx, project.id)) : null;
    if (project && !share) throw badInput('The project has no data-sharing grants in force: nothing is shared with it to evaluate', 'scope.projectId');
    if (!(await hasEvaluationRecords(db, scope, valid.trait.id, share?.records ?? null)))
      throw badInput(`${project ? 'The project’s grants share' : 'The organisation has'} no ${valid.trait.id} records to evaluate`, 'trait');
    const run = await db.run(scope, (tx) =>
      insertRun(tx, {
        // A project's run belongs to the project's owner, so it outlives the member who started it; RLS shows it to members.
        ...(project ? { tenantId: project.ownerId, projectId: project.id } : {}),
        scope: scopeKey(valid.scope),
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
    if (!run)
      throw conflict(
        `An evaluation of ${valid.trait.id} in ${valid.species} ${project ? 'for this project ' : ''}is already queued or running; wait for it or cancel it`,
      );
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
    if (existing.projectId && !RUNNERS.has((await db.run(scope, (tx) => membershipOf(tx, existing.projectId!)))?.role ?? ''))
      throw forbidden('Only a LEAD or ANALYST of the project may cancel its evaluations');
    throw conflict(`The evaluation has already finished (${existing.status})`);
  }

  byId(id: string): Promise<EvaluationRunRow | null> {
    return this.deps.loaders.runById.load(id);
  }

  /** A scope's runs, newest first; a project's only for its members (RLS: [] for anyone else). */
  async list(filter: { species?: string | null; trait?: string | null; scope?: EvaluationScopeArg | null }): Promise<EvaluationRunRow[]> {
    const runScope = runScopeOf(validScope(filter.scope));
    if (!this.deps.scope) return [];
    return this.deps.db.read(this.deps.scope, (tx) => findRuns(tx, { ...runScope, species: filter.species ?? null, trait: filter.trait ?? null }, 100));
  }

  /** Mean EBV by birth year in the scope's latest successful run; a project's over all its evaluated animals, for its members. */
  async trend(speciesArg: string, traitArg: string, scopeArg?: EvaluationScopeArg | null): Promise<TrendRow[]> {
    const runScope = runScopeOf(validScope(scopeArg));
    const species = validSpecies(speciesArg);
    const trait = validTrait(species, traitArg);
    const { scope, db } = this.deps;
    if (!scope) return [];
    return db.run(scope, async (tx) => {
      const run = await findLatestSucceeded(tx, runScope, species, trait.id);
      return run ? findTrend(tx, run.id) : [];
    });
  }

  breedingValuesOf(animalId: string, scopeArg?: EvaluationScopeArg | null) {
    return this.deps.loaders.breedingValuesOf(runScopeOf(validScope(scopeArg)).projectId).load(animalId);
  }

  private member(): TenantScope {
    if (!this.deps.scope) throw forbidden('Only a member of an organisation may run evaluations');
    return this.deps.scope;
  }
}

function runScopeOf(scope: EvaluationScope): RunScope {
  return { projectId: scope.kind === 'PROJECT' ? scope.projectId : null };
}
