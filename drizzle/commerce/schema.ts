import { sql } from 'drizzle-orm';
import { char, index, numeric, pgEnum, pgTable, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { auditLog, createdAt, idempotencyKeys, outbox, tenantId, updatedAt, visibility } from '../shared/platform-tables.js';

export { auditLog, idempotencyKeys, outbox, visibility };

export const listingStatus = pgEnum('listing_status', ['ACTIVE', 'SOLD', 'WITHDRAWN']);

/** Marketplace listings are public adverts; the animal itself lives in the animal service. */
export const listings = pgTable(
  'listings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    animalId: uuid('animal_id').notNull(),
    price: numeric('price', { precision: 12, scale: 2, mode: 'number' }).notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    status: listingStatus('status').notNull().default('ACTIVE'),
    visibility: visibility('visibility').notNull().default('PUBLIC'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('listings_one_active_per_animal').on(t.animalId).where(sql`status = 'ACTIVE'`), index('listings_created').on(t.createdAt.desc(), t.id.desc())],
);
