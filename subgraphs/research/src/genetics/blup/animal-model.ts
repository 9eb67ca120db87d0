/**
 * The single-trait animal model y = Xb + Za + e as the engine takes it. Animals are renumbered 1..n (BLUPF90's convention):
 * animal k sits at index k − 1 of every per-animal array, and a parent id of 0 means unknown.
 */
export interface Pedigree {
  /** Sire id of each animal (1..n), 0 = unknown. */
  sire: Int32Array;
  /** Dam id of each animal (1..n), 0 = unknown. */
  dam: Int32Array;
  /** Inbreeding coefficient of each animal if already known (the animal subgraph computes F); otherwise computed here. */
  inbreeding?: Float64Array;
}

/** One cross-classified fixed factor (sex, contemporary group, birth year, farm, …): the level of each record, 0..levels − 1. */
export interface FixedFactor {
  name: string;
  levels: number;
  levelOfRecord: Int32Array;
}

export interface Records {
  /** Animal id (1..n) of each record; an animal may have several (repeated records are not modelled: no permanent environment). */
  animal: Int32Array;
  value: Float64Array;
}

/** σ²e/σ²a from a heritability (σ²p = 1) or from the two variance components. */
export type VarianceModel = { heritability: number } | { additive: number; residual: number };

export type AccuracyMethod = 'auto' | 'exact' | 'approximate' | 'none';

export interface AnimalModelInput {
  pedigree: Pedigree;
  records: Records;
  /** With none, an overall mean is fitted. */
  fixedEffects: FixedFactor[];
  variance: VarianceModel;
}

export interface SolverOptions {
  /** Stop when ‖r‖²/‖rhs‖² falls below this (BLUPF90's criterion and default). */
  tolerance?: number;
  maxIterations?: number;
  /** 'auto': exact up to EXACT_ACCURACY_MAX_EQUATIONS equations, approximate above. */
  accuracy?: AccuracyMethod;
  /** Called after every iteration. */
  onProgress?: (progress: SolverProgress) => void;
  /** Checked every iteration; an aborted run throws the signal's reason (an AbortError). */
  signal?: { readonly aborted: boolean; readonly reason?: unknown };
}

export interface SolverProgress {
  iteration: number;
  maxIterations: number;
  /** ‖r‖²/‖rhs‖² after this iteration. */
  relativeResidual: number;
  tolerance: number;
}

export interface FixedSolutions {
  name: string;
  /** Solution per level; the reference level (every factor but the first) is 0 by constraint, empty levels are NaN. */
  solutions: Float64Array;
  /** Records per level. */
  records: Int32Array;
  /** Level set to 0 to make the equations full rank, or −1 (the first factor absorbs the mean). */
  referenceLevel: number;
}

export interface AnimalModelResult {
  /** Estimated breeding value of each animal (index k − 1 for animal k). */
  ebv: Float64Array;
  /** r = √(1 − PEV/((1 + F)σ²a)) per animal; empty when accuracy was 'none'. */
  accuracy: Float64Array;
  accuracyMethod: Exclude<AccuracyMethod, 'auto'>;
  fixed: FixedSolutions[];
  inbreeding: Float64Array;
  /** σ²e/σ²a. */
  varianceRatio: number;
  iterations: number;
  converged: boolean;
  relativeResidual: number;
  equations: number;
  animals: number;
  records: number;
}
