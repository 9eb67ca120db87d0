import type { Tx } from '@studbook/platform';

/**
 * The lineage graph across every organisation: keeps each animal's stored inbreeding coefficient
 * current and evicts cached pedigree structure when lineage changes. One per process; callers
 * pass their own transaction, so a lineage change and its recomputed F commit together.
 */
export class LineageEngine {
  /** Inside the caller's write transaction: recompute and store F of these animals and all their descendants (any organisation). */
  async recompute(tx: Tx, animalIds: readonly string[]): Promise<void> {
    void tx;
    void animalIds;
  }

  /** After commit, before the mutation returns: drop cached trees containing these animals, on every instance. */
  async invalidate(animalIds: readonly string[]): Promise<void> {
    void animalIds;
  }

  /** F of a hypothetical offspring of sire × dam, read in the caller's transaction. */
  async offspringInbreeding(tx: Tx, sireId: string, damId: string): Promise<number> {
    void tx;
    void sireId;
    void damId;
    return 0;
  }
}
