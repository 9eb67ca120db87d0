import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  char,
  check,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { auditLog, createdAt, idempotencyKeys, outbox, tenantId, updatedAt, visibility } from '../shared/platform-tables.js';

export { auditLog, idempotencyKeys, outbox, visibility };

// An ACTIVE listing past expires_at reads as EXPIRED at once (listing-status.ts); it is stored as EXPIRED
// lazily, when a new listing of its animal needs the one-active slot.
export const listingStatus = pgEnum('listing_status', ['ACTIVE', 'SOLD', 'WITHDRAWN', 'DRAFT', 'RESERVED', 'EXPIRED']);

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const instant = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * Marketplace listings are public adverts; the animal itself lives in the animal service. The
 * animal_* columns are the listed animal's public facts as the seller saw them when listing, kept
 * current by the animal's events: what search indexes, so the projection is a function of this row.
 */
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
    title: text('title').notNull().default(''),
    description: text('description').notNull().default(''),
    /** ISO 3166-1 alpha-2 countries the seller ships to; empty with pickup only. */
    shipsTo: text('ships_to').array().notNull().default(sql`'{}'::text[]`),
    pickup: boolean('pickup').notNull().default(false),
    sellerCountry: char('seller_country', { length: 2 }),
    sellerRegion: text('seller_region'),
    expiresAt: instant('expires_at'),
    publishedAt: instant('published_at'),
    /** Counts this row's writes from 1; the search projection applies only a higher one. */
    revision: integer('revision').notNull().default(1),
    animalName: text('animal_name'),
    speciesName: text('species_name'),
    sex: text('sex'),
    /** Catalog names of genes carried in one copy (certain, not possible hets) and in two. */
    genesOne: text('genes_one').array().notNull().default(sql`'{}'::text[]`),
    genesTwo: text('genes_two').array().notNull().default(sql`'{}'::text[]`),
    inbreeding: doublePrecision('inbreeding'),
    completeness: doublePrecision('completeness'),
    /** The animal's hatch date and its species' ages (days) from which it is JUVENILE, SUBADULT, ADULT: its maturity on any day. */
    hatchDate: date('hatch_date'),
    maturityFromDays: integer('maturity_from_days').array(),
    /** The highest animal event version copied in: an older or repeated event changes nothing. */
    animalVersion: integer('animal_version').notNull().default(0),
    /**
     * While RESERVED by a reservation the seller has not yet accepted: when that reservation lapses
     * and the listing reads ACTIVE again (at read time, like expires_at). Null once accepted.
     */
    reservedUntil: instant('reserved_until'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // A RESERVED listing keeps its animal's slot: the animal is still on offer, to one buyer.
    uniqueIndex('listings_one_active_per_animal').on(t.animalId).where(sql`status = 'ACTIVE'`),
    // Animal.listing and every animal event look listings up by animal over several statuses, which the partial
    // unique index above cannot serve: without this each was a scan of every listing (99 ms at 100,000).
    index('listings_animal').on(t.animalId),
    index('listings_created').on(t.createdAt.desc(), t.id.desc()),
    // The search projector's periodic catch-up looks only at listings written lately.
    index('listings_updated').on(t.updatedAt),
  ],
);

/**
 * The search projection: one row per listing ever projected, searchable only while the listing is
 * ACTIVE and its animal public. A row that stops being searchable keeps only its key and revision
 * (a tombstone, so an older event cannot bring it back) and none of the animal's facts.
 * Fed from listing events by the projector; `npm run search:rebuild` recomputes it from `listings`.
 */
export const listingSearch = pgTable(
  'listing_search',
  {
    /** The listing's id (named id, as the audit trigger records every table's id). */
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    visibility: visibility('visibility').notNull().default('PUBLIC'),
    revision: integer('revision').notNull(),
    searchable: boolean('searchable').notNull(),
    animalId: uuid('animal_id'),
    title: text('title'),
    animalName: text('animal_name'),
    speciesName: text('species_name'),
    sex: text('sex'),
    genesOne: text('genes_one').array(),
    genesTwo: text('genes_two').array(),
    price: numeric('price', { precision: 12, scale: 2, mode: 'number' }),
    currency: char('currency', { length: 3 }),
    shipsTo: text('ships_to').array(),
    sellerCountry: char('seller_country', { length: 2 }),
    sellerRegion: text('seller_region'),
    inbreeding: doublePrecision('inbreeding'),
    completeness: doublePrecision('completeness'),
    /** The days from which the animal is JUVENILE, SUBADULT and ADULT (null: hatch date unknown); maturity is read against today. */
    juvenileFrom: date('juvenile_from'),
    subadultFrom: date('subadult_from'),
    adultFrom: date('adult_from'),
    publishedAt: instant('published_at'),
    expiresAt: instant('expires_at'),
    /**
     * A RESERVED listing whose reservation may still lapse: searchable again from this instant (read
     * time, like expires_at). Such a row keeps its facts; a listing held for good (accepted) keeps none.
     */
    heldUntil: instant('held_until'),
    /** Title and animal name weight A, genes and species B, description C; unaccented, 'simple' dictionary. */
    document: tsvector('document'),
    /** Title, animal name, genes and species, unaccented and lowercased: what typos are matched against. */
    searchText: text('search_text'),
    projectedAt: instant('projected_at').notNull().defaultNow(),
  },
  (t) => [
    index('listing_search_document').using('gin', t.document),
    index('listing_search_published').on(t.publishedAt.desc(), t.id.desc()).where(sql`searchable`),
    index('listing_search_price').on(t.price).where(sql`searchable`),
    // When the next held listing comes back: what bounds a cached search result's life.
    index('listing_search_held').on(t.heldUntil).where(sql`held_until is not null`),
  ],
);

/**
 * Where a sale stands. RESERVED: a buyer holds the listing, awaiting the seller's acceptance (it
 * reads EXPIRED once expires_at passes, at read time); ACCEPTED: the seller agreed; DECLINED,
 * EXPIRED, CANCELLED: it ended before completion and the listing went back on the market;
 * TRANSFER_PENDING: the seller confirmed payment and sale.completed is on its way to the animal
 * subgraph; COMPLETED or TRANSFER_FAILED: the animal subgraph's answer.
 */
export const saleState = pgEnum('sale_state', ['RESERVED', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'CANCELLED', 'TRANSFER_PENDING', 'COMPLETED', 'TRANSFER_FAILED']);

/**
 * A sale of one listing to one buyer organisation. tenant_id is the seller (who owns the listing,
 * completes the sale and writes its sale.completed event); the buyer's organisation reads and
 * writes the row through the sales_buyer policy (a migration of its own), nobody else sees it.
 * Price and currency are the listing's when reserved: what was agreed, whatever the listing says later.
 */
export const sales = pgTable(
  'sales',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    buyerOrganizationId: uuid('buyer_organization_id').notNull(),
    listingId: uuid('listing_id').notNull(),
    animalId: uuid('animal_id').notNull(),
    price: numeric('price', { precision: 12, scale: 2, mode: 'number' }).notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    state: saleState('state').notNull().default('RESERVED'),
    /** When a RESERVED sale not yet accepted lapses (EXPIRED at read time). */
    expiresAt: instant('expires_at').notNull(),
    /** Each state the sale entered, oldest first: [{ state, at, reason? }]. */
    history: jsonb('history').$type<SaleHistoryEntry[]>().notNull().default(sql`'[]'::jsonb`),
    /** Why it was declined or cancelled (the party's words), or why the transfer failed (its code). */
    reason: text('reason'),
    /** The animal as it was sold (name, species, sex, genes), taken when the seller completed the sale. */
    soldAnimal: jsonb('sold_animal').$type<SoldAnimal>(),
    completedAt: instant('completed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('sales_seller_created').on(t.tenantId, t.createdAt.desc(), t.id.desc()),
    index('sales_buyer_created').on(t.buyerOrganizationId, t.createdAt.desc(), t.id.desc()),
    // A listing's sales, whatever their state: how marketStats finds the completed sales of the
    // listings it counts (through studbook_sale_facts, whose state is text, so the partial index below cannot serve).
    index('sales_listing').on(t.listingId),
    // One sale at a time holds a listing: the guard behind "two buyers reserve at once, one wins".
    // A RESERVED row past its expiry still holds it until the next reservation stores it EXPIRED.
    uniqueIndex('sales_one_open_per_listing').on(t.listingId).where(sql`state in ('RESERVED', 'ACCEPTED', 'TRANSFER_PENDING', 'COMPLETED')`),
  ],
);

export interface SaleHistoryEntry {
  state: (typeof saleState.enumValues)[number];
  at: string;
  reason?: string;
}

/** The sold animal's facts at completion; genes by catalog name, certain ones only (as listings copy them). */
export interface SoldAnimal {
  name: string;
  speciesName: string | null;
  sex: string | null;
  genesOne: string[];
  genesTwo: string[];
}

/**
 * A buyer organisation's review of the seller of one completed sale (tenant: the reviewer). Public,
 * as reviews are meant to be read by every buyer; one per sale, enforced by `reviews_one_per_sale`.
 * The sale itself is checked through `completedSaleForReview` (modules/review/completed-sales.ts).
 */
export const reviews = pgTable(
  'reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    visibility: visibility('visibility').notNull().default('PUBLIC'),
    saleId: uuid('sale_id').notNull(),
    listingId: uuid('listing_id').notNull(),
    sellerOrganizationId: uuid('seller_organization_id').notNull(),
    /** The member who wrote it; shown to nobody (a review speaks for its organisation). */
    authorUserId: text('author_user_id').notNull(),
    rating: smallint('rating').notNull(),
    text: text('text').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('reviews_one_per_sale').on(t.saleId),
    // A seller's reviews, newest first, and their average: one index range however many sellers there are.
    index('reviews_seller_newest').on(t.sellerOrganizationId, t.createdAt.desc(), t.id.desc()),
    check('reviews_rating_range', sql`${t.rating} between 1 and 5`),
  ],
);

/**
 * A search an organisation saved to be told of new listings that match it: private to that
 * organisation. `filter` is the ListingFilter as given; matching runs `normalised` through the
 * search's own SQL against the projection whenever a listing goes on the market.
 */
export const savedSearches = pgTable(
  'saved_searches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    createdByUserId: text('created_by_user_id').notNull(),
    name: text('name').notNull(),
    query: text('query'),
    filter: jsonb('filter').notNull().default(sql`'{}'::jsonb`),
    /** The query and filter checked and in catalog names when saved: what matching runs, with no catalog to ask. */
    normalised: jsonb('normalised').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('saved_searches_newest').on(t.tenantId, t.createdAt.desc(), t.id.desc())],
);

/**
 * Each listing a saved search matched, once (`saved_search_matches_once`); `position` orders a
 * search's matches for `savedSearchMatches(after)`, as its cursor.
 */
export const savedSearchMatches = pgTable(
  'saved_search_matches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    savedSearchId: uuid('saved_search_id')
      .notNull()
      .references(() => savedSearches.id, { onDelete: 'cascade' }),
    listingId: uuid('listing_id').notNull(),
    position: bigserial('position', { mode: 'number' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('saved_search_matches_once').on(t.savedSearchId, t.listingId), index('saved_search_matches_in_order').on(t.savedSearchId, t.position)],
);
