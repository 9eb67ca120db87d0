import type DataLoader from 'dataloader';
import { isUuid, measuredLoader, type TenantDb, type TenantScope } from '@studbook/platform';
import { findSalesByIds, type SaleRow } from './sale-store.js';

export interface SaleLoaders {
  /** Sales by id that the caller's organisation is a party to; null for any other. */
  saleById: DataLoader<string, SaleRow | null>;
}

/** Built fresh for every request, so nothing cached outlives the caller's permissions. */
export function createSaleLoaders({ db, scope }: { db: TenantDb; scope: TenantScope | null }): SaleLoaders {
  return {
    saleById: measuredLoader<string, SaleRow | null>('commerce.saleById', async (ids) => {
      const valid = ids.filter(isUuid);
      if (!scope || valid.length === 0) return ids.map(() => null);
      const rows = await db.read(scope, (tx) => findSalesByIds(tx, valid));
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
    }),
  };
}
