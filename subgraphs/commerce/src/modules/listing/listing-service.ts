import {
  appendEvent,
  badInput,
  conflict,
  earlierResult,
  ErrorCode,
  forbidden,
  idempotencyKeyOf,
  isUniqueViolation,
  parseCreatedAtCursor,
  replayed,
  requireWriter,
  userError,
  validId,
  validPageSize,
  writeOnce,
  type Identity,
  type TenantDb,
  type TenantScope,
  type Tx,
} from '@studbook/platform';
import { listingCreated, listingUpdated, type PayloadOf } from '@studbook/contracts/events';
import { visibleAnimalRef, type AnimalDirectory, type AnimalListingFacts, type AnimalRef } from '@studbook/contracts/animal-directory';
import type { ListingLoaders } from './listing-loaders.js';
import * as store from './listing-store.js';
import type { AnimalFacts, ListingFields, ListingRow } from './listing-store.js';

/** The listing row, for modules that show listings (search) and may not import the store. */
export type { ListingRow };
import { DESCRIPTION_MAX, REGION_MAX, TITLE_MAX, validCountry, validCurrency, validExpiry, validPrice, validShipsTo, validText } from './listing-input.js';
import { assertTransition, type ListingTransition } from './listing-status.js';

export interface ListingFieldsInput {
  price?: number | null;
  currency?: string | null;
  title?: string | null;
  description?: string | null;
  shipsTo?: readonly string[] | null;
  pickup?: boolean | null;
  sellerLocation?: { country: string; region?: string | null } | null;
  expiresAt?: Date | string | null;
}

export interface CreateListingInput extends ListingFieldsInput {
  animalId: string;
  price: number;
  currency: string;
  status?: string | null;
  idempotencyKey?: string | null;
}

export interface ListingPage {
  /** The page's listings the caller may see; fewer than asked for when some animals are hidden from them. */
  rows: ListingRow[];
  hasNextPage: boolean;
  /** The last listing read for this page, shown or not: the next page starts after it. */
  lastRead: ListingRow | undefined;
}

export interface ListingServiceDeps {
  db: TenantDb;
  identity: Identity;
  /** The caller's tenant; null (anonymous or a service) sees no listing. */
  scope: TenantScope | null;
  loaders: ListingLoaders;
  /** The animal subgraph as the caller: what a listing copies of its animal. */
  animals: AnimalDirectory;
}

/** Business rules for marketplace listings, for one request and one caller. */
export class ListingService {
  constructor(private readonly deps: ListingServiceDeps) {}

  byId(id: string): Promise<ListingRow | null> {
    return this.deps.loaders.listingById.load(id);
  }

  activeForAnimal(animalId: string): Promise<ListingRow | null> {
    return this.deps.loaders.activeListingByAnimalId.load(animalId);
  }

  /** The listed animal, or null when the caller may not see it (whatever they select of it). */
  animalOf(listing: ListingRow): Promise<AnimalRef | null> {
    return visibleAnimalRef(this.deps.loaders.animalById, listing.animalId);
  }

  /**
   * One page of the marketplace. A listing whose animal the caller may not see is, to them, not
   * on the market: it stays out of the page (and reappears if its owner makes the animal public).
   */
  async list(first: number | null | undefined, after: string | null | undefined): Promise<ListingPage> {
    const size = validPageSize(first);
    if (!this.deps.scope) return { rows: [], hasNextPage: false, lastRead: undefined };
    const rows = await this.deps.db.read(this.deps.scope, (tx) => store.listActiveListings(tx, { first: size, after: after ? parseCreatedAtCursor(after) : undefined }));
    const read = rows.slice(0, size);
    const animals = await Promise.all(read.map((row) => this.deps.loaders.animalById.load(row.animalId)));
    const page = read.filter((_, i) => animals[i]);
    for (const row of page) {
      this.deps.loaders.listingById.prime(row.id, row);
      this.deps.loaders.activeListingByAnimalId.prime(row.animalId, row);
    }
    return { rows: page, hasNextPage: rows.length > size, lastRead: read.at(-1) };
  }

  /** A new listing, ACTIVE (the default) or a DRAFT to publish later. */
  async create(input: CreateListingInput): Promise<ListingRow> {
    const caller = requireWriter(this.deps.identity);
    const animalId = validId(input.animalId, 'animalId');
    const status = input.status ?? 'ACTIVE';
    if (status !== 'ACTIVE' && status !== 'DRAFT') throw badInput('A new listing is ACTIVE or DRAFT', 'status');
    const fields = validFields(input);
    const scope = { tenantId: caller.organizationId, userId: caller.userId };
    const key = idempotencyKeyOf('createListing', input);
    const earlier = await earlierResult(this.deps.db, scope, key);
    if (earlier) return replayed(await this.byId(earlier));
    const animal = await this.listableAnimal(animalId, caller.organizationId);
    // The title defaults to the animal's name: a listing is never without words to search.
    const listing: store.NewListing = {
      price: fields.price!,
      currency: fields.currency!,
      title: fields.title || animal.name,
      description: fields.description ?? '',
      shipsTo: fields.shipsTo ?? [],
      pickup: fields.pickup ?? false,
      sellerCountry: fields.sellerCountry ?? null,
      sellerRegion: fields.sellerRegion ?? null,
      expiresAt: fields.expiresAt ?? null,
      ...factsOf(animal),
      // Lowercase, as PostgreSQL returns ids, so it matches the animal subgraph's answer.
      animalId,
      status,
      publishedAt: status === 'ACTIVE' ? new Date() : null,
      // A draft is the seller's own until published: RLS shows other organisations PUBLIC rows only.
      visibility: status === 'DRAFT' ? 'PRIVATE' : 'PUBLIC',
    };
    try {
      const once = await writeOnce(
        this.deps.db,
        scope,
        key,
        async (tx) => {
          await expireStaleListingsOf(tx, animalId);
          await refuseIfReserved(tx, animalId);
          const row = await store.insertListing(tx, listing);
          await appendEvent(tx, listingCreated, { aggregateId: row.id, payload: snapshotOf(row) });
          return row;
        },
        (row) => row.id,
      );
      return 'replayOf' in once ? replayed(await this.byId(once.replayOf)) : once.written;
    } catch (error) {
      if (isUniqueViolation(error, store.ONE_ACTIVE_LISTING_PER_ANIMAL)) throw conflict('This animal already has an active listing');
      throw error;
    }
  }

  /** Changes what the seller wrote; the animal's facts (genotype, F, completeness) are read again. */
  async update(id: string, input: ListingFieldsInput): Promise<ListingRow> {
    const fields = validFields(input);
    return this.write(id, 'update', async (current) => ({ ...fields, ...factsOf(await this.listableAnimal(current.animalId, current.tenantId)) }));
  }

  /** DRAFT to ACTIVE: on the market from now, if its animal is still the seller's and public. */
  async publish(id: string): Promise<ListingRow> {
    return this.write(id, 'publish', async (current) => {
      if (current.expiresAt && current.expiresAt.getTime() <= Date.now()) throw badInput('expiresAt has passed: set a later one first', 'expiresAt');
      return { ...factsOf(await this.listableAnimal(current.animalId, current.tenantId)), status: 'ACTIVE', publishedAt: new Date(), visibility: 'PUBLIC' };
    });
  }

  /** Off the market for good; a new listing can be created for the animal. */
  async withdraw(id: string): Promise<ListingRow> {
    return this.write(id, 'withdraw', async () => ({ status: 'WITHDRAWN' }));
  }

  /**
   * One write of one of the caller's listings: checked against its current status before anything
   * else is asked (so a refused transition writes nothing and asks nobody), then rechecked under
   * the row lock, written with its listing.updated event.
   */
  private async write(id: string, transition: ListingTransition, changesFor: (current: ListingRow) => Promise<Parameters<typeof store.updateListing>[2]>) {
    const caller = requireWriter(this.deps.identity);
    const listingId = validId(id, 'id');
    const before = await this.byId(listingId);
    if (!before) throw userError(ErrorCode.NotFound, 'Listing not found', { field: 'id' });
    if (before.tenantId !== caller.organizationId) throw forbidden('Only the seller can change a listing');
    assertTransition(transition, before);
    const changes = await changesFor(before);
    const scope = { tenantId: caller.organizationId, userId: caller.userId };
    try {
      const row = await this.deps.db.run(scope, async (tx) => {
        const current = await store.lockOwnListing(tx, listingId, caller.organizationId);
        if (!current) throw userError(ErrorCode.NotFound, 'Listing not found', { field: 'id' });
        assertTransition(transition, current);
        if (changes.status === 'ACTIVE') {
          await expireStaleListingsOf(tx, current.animalId);
          await refuseIfReserved(tx, current.animalId);
        }
        const written = await store.updateListing(tx, listingId, changes);
        await appendEvent(tx, listingUpdated, { aggregateId: written.id, payload: { ...snapshotOf(written), changed: Object.keys(changes) } });
        return written;
      });
      this.deps.loaders.listingById.clear(listingId).prime(listingId, row);
      return row;
    } catch (error) {
      if (isUniqueViolation(error, store.ONE_ACTIVE_LISTING_PER_ANIMAL)) throw conflict('This animal already has an active listing');
      throw error;
    }
  }

  /**
   * The animal's facts, if the caller's organisation owns it and it is PUBLIC (LINEAGE or PRIVATE
   * may not be listed): one call to the animal subgraph as the caller, which answers owner,
   * visibility and facts together. Another organisation's animal that is not PUBLIC is absent to
   * the caller, as in the animal directory.
   */
  private async listableAnimal(animalId: string, sellerId: string): Promise<AnimalListingFacts> {
    const facts = await this.deps.animals.listingFacts(animalId);
    if (!facts || (facts.ownerId !== sellerId && facts.visibility !== 'PUBLIC')) throw userError(ErrorCode.NotFound, 'Animal not found', { field: 'animalId' });
    if (facts.ownerId !== sellerId) throw forbidden('Only the owning organisation can list an animal');
    if (facts.visibility !== 'PUBLIC') throw badInput('Make the animal public before listing it', 'animalId');
    return facts;
  }
}

/** Validates the fields given; absent ones stay absent (an update leaves them as they are). */
function validFields(input: ListingFieldsInput): Partial<ListingFields> {
  const fields: Partial<ListingFields> = {};
  if (input.price != null) fields.price = validPrice(input.price);
  if (input.currency != null) fields.currency = validCurrency(input.currency);
  if (input.title != null) fields.title = validText(input.title, 'title', TITLE_MAX);
  if (input.description != null) fields.description = validText(input.description, 'description', DESCRIPTION_MAX);
  if (input.shipsTo != null) fields.shipsTo = validShipsTo(input.shipsTo);
  if (input.pickup != null) fields.pickup = input.pickup;
  if (input.sellerLocation != null) {
    fields.sellerCountry = validCountry(input.sellerLocation.country, 'sellerLocation.country');
    fields.sellerRegion = input.sellerLocation.region ? validText(input.sellerLocation.region, 'sellerLocation.region', REGION_MAX) : null;
  }
  if (input.expiresAt != null) fields.expiresAt = validExpiry(new Date(input.expiresAt));
  return fields;
}

function factsOf(animal: AnimalListingFacts): AnimalFacts {
  const { name, speciesName, sex, genesOne, genesTwo, inbreeding, completeness, hatchDate, maturityFromDays } = animal;
  return { animalName: name, speciesName, sex, genesOne, genesTwo, inbreeding, completeness, hatchDate, maturityFromDays };
}

/** Frees the animal's one-active slot from a listing whose expiry passed, with its event. */
async function expireStaleListingsOf(tx: Tx, animalId: string): Promise<void> {
  for (const row of await store.storeExpiredListingsOf(tx, animalId)) {
    await appendEvent(tx, listingUpdated, { aggregateId: row.id, payload: { ...snapshotOf(row), changed: ['status'] } });
  }
}

/**
 * A RESERVED listing still offers its animal (to one buyer, or to all again once the reservation
 * lapses), so the animal gets no second listing on the market meanwhile. Checked in code: the
 * one-active index cannot name RESERVED (an enum value a fresh database adds in the same
 * transaction as its migrations, which PostgreSQL refuses in an index predicate).
 */
async function refuseIfReserved(tx: Tx, animalId: string): Promise<void> {
  if (await store.hasReservedListing(tx, animalId)) throw conflict('This animal already has an active listing');
}

export function snapshotOf(row: ListingRow): PayloadOf<'listing.created'> {
  return { id: row.id, animalId: row.animalId, price: row.price, currency: row.currency, status: row.status, revision: row.revision };
}
