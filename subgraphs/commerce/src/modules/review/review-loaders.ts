import type DataLoader from 'dataloader';
import { isUuid, measuredLoader, type TenantDb, type TenantScope } from '@studbook/platform';
import { reputationsOf, reviewsOfSales, type Reputation, type ReviewRow } from './review-store.js';

export interface ReviewLoaders {
  /** Each seller's reputation; a seller with no review (or an id that is no UUID) has none. */
  reputationBySeller: DataLoader<string, Reputation>;
  /** Each sale's review; null until its buyer reviewed it (or for an id that is no UUID). */
  reviewBySale: DataLoader<string, ReviewRow | null>;
}

/** Built fresh for every request: a list of 200 listings' sellers, or of 200 sales' reviews, costs one statement. */
export function createReviewLoaders({ db, scope }: { db: TenantDb; scope: TenantScope | null }): ReviewLoaders {
  return {
    reputationBySeller: measuredLoader<string, Reputation>('commerce.reputationBySeller', async (ids) => {
      const none = (id: string): Reputation => ({ sellerOrganizationId: id, reviewCount: 0, averageRating: null });
      const valid = ids.filter(isUuid).map((id) => id.toLowerCase());
      if (!scope || valid.length === 0) return ids.map(none);
      const byId = new Map((await db.read(scope, (tx) => reputationsOf(tx, valid))).map((row) => [row.sellerOrganizationId, row]));
      return ids.map((id) => byId.get(id.toLowerCase()) ?? none(id));
    }),
    reviewBySale: measuredLoader<string, ReviewRow | null>('commerce.reviewBySale', async (ids) => {
      const valid = ids.filter(isUuid).map((id) => id.toLowerCase());
      if (!scope || valid.length === 0) return ids.map(() => null);
      const bySale = new Map((await db.read(scope, (tx) => reviewsOfSales(tx, valid))).map((row) => [row.saleId, row]));
      return ids.map((id) => bySale.get(id.toLowerCase()) ?? null);
    }),
  };
}
