import { badInput, validId } from '@studbook/platform';
import type { VarianceModel } from '../../genetics/blup/index.js';
import { type CatalogTrait, TRAITS, traitsOfSpecies } from '../trait/trait-catalog.js';
import type { FixedEffectName } from './evaluation-dataset.js';

export interface RunEvaluationArgs {
  species: string;
  trait: string;
  fixedEffects?: readonly FixedEffectName[] | null;
  heritability?: number | null;
  varianceComponents?: { additive: number; residual: number } | null;
  scope?: EvaluationScopeArg | null;
}

export type EvaluationScopeArg = { kind: 'ORGANIZATION' | 'PROJECT'; projectId?: string | null };

/** Whose data an evaluation covers: the caller's organisation's, or a research project's shared data. */
export type EvaluationScope = { kind: 'ORGANIZATION' } | { kind: 'PROJECT'; projectId: string };

export interface ValidEvaluation {
  species: string;
  trait: CatalogTrait;
  fixedEffects: FixedEffectName[];
  variance: VarianceModel;
  scope: EvaluationScope;
}

/** The scope; the caller's organisation when omitted. A project id goes with kind PROJECT only. */
export function validScope(scope: EvaluationScopeArg | null | undefined): EvaluationScope {
  if (!scope || scope.kind === 'ORGANIZATION') {
    if (scope?.projectId != null) throw badInput('A projectId goes with scope kind PROJECT only', 'scope.projectId');
    return { kind: 'ORGANIZATION' };
  }
  if (scope.projectId == null) throw badInput('Scope kind PROJECT needs the projectId', 'scope.projectId');
  return { kind: 'PROJECT', projectId: validId(scope.projectId, 'scope.projectId') };
}

/** The run's scope key, part of evaluation_runs_one_active: one active run per scope, species and trait. */
export function scopeKey(scope: EvaluationScope): string {
  return scope.kind === 'PROJECT' ? `PROJECT:${scope.projectId}` : 'ORGANIZATION';
}

/** Checks everything that needs no data; each refusal names its field. */
export function validEvaluation(args: RunEvaluationArgs): ValidEvaluation {
  const scope = validScope(args.scope);
  const species = validSpecies(args.species);
  const trait = validTrait(species, args.trait);
  const fixedEffects = [...(args.fixedEffects ?? [])];
  if (new Set(fixedEffects).size !== fixedEffects.length) throw badInput('Each fixed effect may be named once', 'fixedEffects');
  return { species, trait, fixedEffects, variance: validVariance(args), scope };
}

export function validSpecies(species: string): string {
  const id = species.trim().toLowerCase();
  if (traitsOfSpecies(id).length > 0) return id;
  const known = [...new Set(TRAITS.flatMap((entry) => Object.keys(entry.ranges)))].sort();
  throw badInput(`Unknown species "${species.slice(0, 40)}"; species ids are ${known.join(', ')}`, 'species');
}

/** A catalog trait of the species, by id. */
export function validTrait(species: string, trait: string): CatalogTrait {
  const found = traitsOfSpecies(species).find((entry) => entry.id === trait.trim().toLowerCase());
  if (!found) throw badInput(`"${trait.slice(0, 40)}" is not a catalog trait of ${species}; see traits(species)`, 'trait');
  return found;
}

function validVariance(args: RunEvaluationArgs): VarianceModel {
  const { heritability, varianceComponents } = args;
  if ((heritability == null) === (varianceComponents == null)) throw badInput('Give either heritability or varianceComponents', 'heritability');
  if (heritability != null) {
    if (!(heritability > 0 && heritability < 1)) throw badInput('Heritability must be between 0 and 1 (exclusive)', 'heritability');
    return { heritability };
  }
  const { additive, residual } = varianceComponents!;
  if (!(additive > 0 && Number.isFinite(additive))) throw badInput('The additive variance must be a positive number', 'varianceComponents.additive');
  if (!(residual > 0 && Number.isFinite(residual))) throw badInput('The residual variance must be a positive number', 'varianceComponents.residual');
  return { additive, residual };
}
