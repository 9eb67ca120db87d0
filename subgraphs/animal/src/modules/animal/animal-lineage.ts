import type { Tx } from '@studbook/platform';

/**
 * What the animal module needs from the lineage engine (the LineageEngine in modules/lineage), so
 * that this module does not depend on the one that depends on it: the lineage lock for parent
 * checks, F recomputed in the writing transaction, and cached pedigrees evicted after commit.
 */
export interface AnimalLineage {
  /** Serialises lineage writes until the transaction ends. */
  lock(tx: Tx): Promise<void>;
  /** Inside the write transaction: recompute and store F of these animals and all their descendants. */
  recompute(tx: Tx, animalIds: readonly string[]): Promise<void>;
  /** After commit: evict cached pedigree structure containing these animals. */
  invalidate(animalIds: readonly string[]): Promise<void>;
}
