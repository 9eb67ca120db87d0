import { index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tenantId } from '../shared/platform-tables.js';

export const transferOutcome = pgEnum('transfer_outcome', ['TRANSFERRED', 'FAILED']);

/**
 * One row per completed sale the ownership consumer has acted on (sale_id unique: a sale delivered
 * twice moves its animal once), written only by studbook_api_transfer_animal. The tenant is the
 * seller's: this is the seller's record of the sale; the buyer and anyone who can see the animal
 * read its ownership history through studbook_api_ownership_history. No foreign key to animals:
 * the record outlives an animal deleted before (or after) its sale.
 */
export const animalTransfers = pgTable(
  'animal_transfers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    saleId: uuid('sale_id').notNull().unique('animal_transfers_sale'),
    listingId: uuid('listing_id').notNull(),
    animalId: uuid('animal_id').notNull(),
    buyerTenantId: uuid('buyer_tenant_id').notNull(),
    outcome: transferOutcome('outcome').notNull(),
    /** Why a FAILED transfer could not happen (TRANSFER_FAILURE_REASONS of the contracts). */
    failureReason: text('failure_reason'),
    /** The animal's name as sold (null when it was gone): what the seller's record shows. */
    animalName: text('animal_name'),
    /** The sale's completion, as commerce reported it. */
    completedAt: timestamp('completed_at', { withTimezone: true, precision: 3 }).notNull(),
    recordedAt: createdAt(),
  },
  (t) => [index('animal_transfers_animal').on(t.animalId, t.completedAt), index('animal_transfers_tenant').on(t.tenantId, t.recordedAt.desc())],
);
