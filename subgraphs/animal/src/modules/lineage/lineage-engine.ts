import type { Logger, Tx } from '@studbook/platform';
import { pedigreeCompletenessOf } from '../../genetics/completeness.js';
import { inbreedingCoefficients } from '../../genetics/inbreeding.js';
import { denseLineage, type DenseLineage } from '../../genetics/lineage-graph.js';
import { offspringInbreeding, type OffspringInbreeding } from '../../genetics/offspring-inbreeding.js';
import * as store from './lineage-store.js';

/** Pedigree completeness stored per animal (and averaged by populationStats) is over this many generations. */
export const STORED_COMPLETENESS_GENERATIONS = 5;

/** A pairing's offspring F with its common ancestors as ids (private ones included: the caller redacts). */
export interface PairingResult {
  coefficient: number;
  contributions: { ancestorId: string; contribution: number }[];
}

/**
 * Where a lineage change must be announced after commit: the pedigree cache (modules/pedigree's
 * PedigreeCache), whose structures of every instance name ancestors by id.
 */
export interface CachedLineage {
  invalidate(animalIds: readonly string[]): Promise<void>;
}

export interface LineageEngineDeps {
  cache: CachedLineage;
  logger: Logger;
}

/**
 * The lineage graph across every organisation: keeps each animal's stored inbreeding coefficient
 * current and evicts cached pedigree structure when lineage changes. One per process; callers
 * pass their own transaction, so a lineage change and its recomputed F commit together.
 */
export class LineageEngine {
  constructor(private readonly deps: LineageEngineDeps) {}

  /** Serialises lineage writes, across organisations, until the caller's transaction ends (lineage-store's lockLineage). */
  lock(tx: Tx): Promise<void> {
    return store.lockLineage(tx);
  }

  /** Inside the caller's write transaction: recompute and store F of these animals and all their descendants (any organisation). */
  recompute(tx: Tx, animalIds: readonly string[]): Promise<void> {
    return recomputeLineageMetrics(tx, animalIds);
  }

  /** After commit, before the mutation returns: drop cached trees containing these animals, on every instance. */
  async invalidate(animalIds: readonly string[]): Promise<void> {
    try {
      await this.deps.cache.invalidate(animalIds);
    } catch (error) {
      this.deps.logger.warn('pedigree invalidation failed', { error: (error as Error).message });
    }
  }

  /** F of a hypothetical offspring of sire × dam, read in the caller's transaction. */
  async offspringInbreeding(tx: Tx, sireId: string, damId: string): Promise<number> {
    return (await this.pairing(tx, sireId, damId)).coefficient;
  }

  /** Offspring F of a pair the caller may see, split over their common ancestors (Wright's path terms). */
  async pairing(tx: Tx, sireId: string, damId: string): Promise<PairingResult> {
    return pairingIn(await this.ancestorGraph(tx, [sireId, damId]), sireId, damId);
  }

  /** These visible animals and all their ancestors, in any organisation, as the genetics functions take them. */
  async ancestorGraph(tx: Tx, animalIds: readonly string[]): Promise<DenseLineage> {
    return denseLineage(await store.findAncestorGraph(tx, animalIds));
  }

  /** F computed from the lineage for animals the caller may see (for rows not stored yet). */
  async computeInbreeding(tx: Tx, animalIds: readonly string[]): Promise<Map<string, number>> {
    const { graph, index } = await this.ancestorGraph(tx, animalIds);
    const f = inbreedingCoefficients(graph);
    return new Map(animalIds.filter((id) => index.has(id)).map((id) => [id, clampUnit(f[index.get(id)!])]));
  }
}

/**
 * In the caller's write transaction, with the caller's tenant set: recompute and store F and
 * completeness of these animals (the caller tenant's) and all their descendants, in any organisation.
 */
export async function recomputeLineageMetrics(tx: Tx, animalIds: readonly string[]): Promise<void> {
  if (animalIds.length === 0) return;
  // One walk for the affected animals and everything above them, F for all in JS, one write back.
  const closure = await store.findLineageClosure(tx, animalIds);
  const { graph } = denseLineage(closure);
  const f = inbreedingCoefficients(graph);
  const metrics: store.LineageMetrics[] = [];
  const parentless: string[] = [];
  closure.forEach((row, i) => {
    if (!row.affected) return;
    // No recorded parent: F and completeness are 0, kept as the absence of a row.
    if (!row.sireId && !row.damId) parentless.push(row.id);
    else metrics.push({ id: row.id, inbreeding: clampUnit(f[i]), completeness5: clampUnit(pedigreeCompletenessOf(graph, i, STORED_COMPLETENESS_GENERATIONS)) });
  });
  await store.storeLineageMetrics(tx, animalIds, metrics);
  await store.clearLineageMetrics(tx, parentless);
}

/** Offspring F of sire × dam from an ancestor graph holding both (it may hold many more animals). */
export function pairingIn({ graph, ids, index }: DenseLineage, sireId: string, damId: string): PairingResult {
  const sire = index.get(sireId);
  const dam = index.get(damId);
  if (sire === undefined || dam === undefined) return { coefficient: 0, contributions: [] };
  const result: OffspringInbreeding = offspringInbreeding(graph, sire, dam);
  return {
    coefficient: clampUnit(result.coefficient),
    contributions: result.contributions.map((c) => ({ ancestorId: ids[c.ancestor], contribution: c.contribution })),
  };
}

/** Floating-point sums can land a hair outside [0, 1]. */
function clampUnit(value: number): number {
  return Math.min(1, Math.max(0, value));
}
