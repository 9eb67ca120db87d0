import { validPageSize, type TenantDb, type TenantScope } from '@studbook/platform';
import type { AnimalRow } from '../animal/animal-row.js';
import { isLineageOnly } from '../animal/lineage-only.js';
import type { OwnershipLoaders } from './ownership-loaders.js';
import { findTransfersOfCaller, type OwnershipRow, type TransferRow } from './ownership-store.js';

export interface OwnershipServiceDeps {
  db: TenantDb;
  scope: TenantScope | null;
  loaders: OwnershipLoaders;
}

/** Ownership histories and the caller's transfers, for one request. Transfers themselves are the consumer's (ownership-consumer.ts). */
export class OwnershipService {
  constructor(private readonly deps: OwnershipServiceDeps) {}

  history(animal: AnimalRow): Promise<OwnershipRow[]> | OwnershipRow[] {
    // A lineage-only animal of another organisation is a name in a lineage, not a record to trace.
    if (isLineageOnly(animal)) return [];
    return this.deps.loaders.historyOf.load(animal.id);
  }

  async transfers(first: number | null | undefined): Promise<TransferRow[]> {
    const size = validPageSize(first);
    if (!this.deps.scope) return [];
    return this.deps.db.read(this.deps.scope, (tx) => findTransfersOfCaller(tx, size));
  }

  /** The caller's organisation sold this animal and it moved: its record shows it SOLD. */
  sellerStatus(transfer: TransferRow): 'SOLD' | null {
    return transfer.outcome === 'TRANSFERRED' && transfer.sellerId === this.deps.scope?.tenantId ? 'SOLD' : null;
  }
}
