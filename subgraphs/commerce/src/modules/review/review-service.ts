import {
  appendEvent,
  ErrorCode,
  isUniqueViolation,
  parseCreatedAtCursor,
  requireWriter,
  userError,
  validPageSize,
  type Identity,
  type TenantDb,
  type TenantScope,
} from '@studbook/platform';
import { reviewCreated } from '@studbook/contracts/events';
import { completedSaleForReview } from './completed-sales.js';
import type { ReviewLoaders } from './review-loaders.js';
import { validReview, type ReviewSaleInput } from './review-input.js';
import * as store from './review-store.js';
import type { Reputation, ReviewRow } from './review-store.js';

export interface ReviewPage {
  rows: ReviewRow[];
  hasNextPage: boolean;
}

export interface ReviewServiceDeps {
  db: TenantDb;
  identity: Identity;
  /** The caller's tenant; null (anonymous or a service) reads no review. */
  scope: TenantScope | null;
  loaders: ReviewLoaders;
}

/** Buyers' reviews of sellers, for one request and one caller. */
export class ReviewService {
  constructor(private readonly deps: ReviewServiceDeps) {}

  reputationOf(sellerOrganizationId: string): Promise<Reputation> {
    return this.deps.loaders.reputationBySeller.load(sellerOrganizationId);
  }

  /**
   * A sale's review, null until its buyer wrote one. Asked only of a Sale the caller already reads,
   * so as a party: the sale's RLS and service check who sees it, and a review is public anyway.
   */
  reviewOfSale(saleId: string): Promise<ReviewRow | null> {
    return this.deps.loaders.reviewBySale.load(saleId);
  }

  /** A seller's reviews, newest first. */
  async reviewsOf(sellerOrganizationId: string, first: number | null | undefined, after: string | null | undefined): Promise<ReviewPage> {
    const size = validPageSize(first);
    const position = after ? parseCreatedAtCursor(after) : undefined;
    if (!this.deps.scope) return { rows: [], hasNextPage: false };
    const rows = await this.deps.db.read(this.deps.scope, (tx) => store.listReviewsOf(tx, sellerOrganizationId.toLowerCase(), { first: size, after: position }));
    return { rows: rows.slice(0, size), hasNextPage: rows.length > size };
  }

  /**
   * The buyer's review of the seller of one completed sale, with its review.created event. The
   * input is checked before the sale is asked about, and the sale again inside the writing
   * transaction; one review per sale is the unique index's to keep, so two at once write one.
   */
  async review(input: ReviewSaleInput): Promise<ReviewRow> {
    const caller = requireWriter(this.deps.identity);
    const review = validReview(input);
    const scope = { tenantId: caller.organizationId, userId: caller.userId };
    try {
      return await this.deps.db.run(scope, async (tx) => {
        const sale = await completedSaleForReview(tx, review.saleId);
        if (!sale) throw userError(ErrorCode.NotFound, 'Sale not found', { field: 'saleId' });
        if (!sale.callerIsBuyer) throw userError(ErrorCode.Forbidden, 'Only the buyer can review a sale', { field: 'saleId' });
        if (!sale.completed) throw userError(ErrorCode.Conflict, 'A sale can be reviewed once it has completed', { field: 'saleId' });
        const row = await store.insertReview(tx, {
          saleId: review.saleId,
          listingId: sale.listingId,
          sellerOrganizationId: sale.sellerOrganizationId,
          authorUserId: caller.userId,
          rating: review.rating,
          text: review.text,
        });
        await appendEvent(tx, reviewCreated, {
          aggregateId: row.id,
          payload: { id: row.id, saleId: row.saleId, sellerOrganizationId: row.sellerOrganizationId, rating: row.rating },
        });
        return row;
      });
    } catch (error) {
      if (isUniqueViolation(error, store.ONE_REVIEW_PER_SALE)) throw userError(ErrorCode.Conflict, 'This sale has already been reviewed', { field: 'saleId' });
      throw error;
    }
  }
}

export type { Reputation, ReviewRow };
