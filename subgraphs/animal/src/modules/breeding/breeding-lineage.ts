import type { Tx } from '@studbook/platform';

/**
 * What breeding needs from the pedigree engine (the LineageEngine in modules/lineage): the pair's
 * expected offspring F when a session starts, and the stored F of registered hatchlings.
 */
export interface BreedingLineage {
  /** Serialises lineage writes until the transaction ends: hatchlings' parents are checked under it. */
  lock(tx: Tx): Promise<void>;
  /** F of a hypothetical offspring of sire × dam, read in the caller's transaction. */
  offspringInbreeding(tx: Tx, sireId: string, damId: string): Promise<number | null>;
  /** Inside the write transaction: store F of these new animals. */
  recompute(tx: Tx, animalIds: readonly string[]): Promise<void>;
  /** After commit: evict cached pedigree structure containing these animals. */
  invalidate(animalIds: readonly string[]): Promise<void>;
}
