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
} from '@studbook/platform';
import { listingCreated, type PayloadOf } from '@studbook/contracts/events';
import { visibleAnimalRef, type AnimalRef } from '@studbook/contracts/animal-directory';
import type { ListingLoaders } from './listing-loaders.js';
import * as store from './listing-store.js';
import type { ListingRow } from './listing-store.js';
import { validCurrency, validPrice } from './listing-input.js';

export interface CreateListingInput {
  animalId: string;
  price: number;
  currency: string;
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
    const rows = await this.deps.db.run(this.deps.scope, (tx) => store.listActiveListings(tx, { first: size, after: after ? parseCreatedAtCursor(after) : undefined }));
    const read = rows.slice(0, size);
    const animals = await Promise.all(read.map((row) => this.deps.loaders.animalById.load(row.animalId)));
    const page = read.filter((_, i) => animals[i]);
    for (const row of page) {
      this.deps.loaders.listingById.prime(row.id, row);
      this.deps.loaders.activeListingByAnimalId.prime(row.animalId, row);
    }
    return { rows: page, hasNextPage: rows.length > size, lastRead: read.at(-1) };
  }

  async create(input: CreateListingInput): Promise<ListingRow> {
    const caller = requireWriter(this.deps.identity);
    const listing: store.NewListing = {
      // Lowercase, as PostgreSQL returns ids, so it matches the animal subgraph's answer.
      animalId: validId(input.animalId, 'animalId'),
      price: validPrice(input.price),
      currency: validCurrency(input.currency),
    };
    const scope = { tenantId: caller.organizationId, userId: caller.userId };
    const key = idempotencyKeyOf('createListing', input);
    const earlier = await earlierResult(this.deps.db, scope, key);
    if (earlier) return replayed(await this.byId(earlier));
    const animal = await this.deps.loaders.animalById.load(listing.animalId);
    if (!animal) throw userError(ErrorCode.NotFound, 'Animal not found', { field: 'animalId' });
    if (animal.ownerId !== caller.organizationId) throw forbidden('Only the owning organisation can list an animal');
    if (animal.visibility !== 'PUBLIC') throw badInput('Make the animal public before listing it', 'animalId');
    try {
      const once = await writeOnce(
        this.deps.db,
        scope,
        key,
        async (tx) => {
          const row = await store.insertListing(tx, listing);
          await appendEvent(tx, listingCreated, { aggregateId: row.id, payload: eventPayload(row) });
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
}

function eventPayload(row: ListingRow): PayloadOf<'listing.created'> {
  return { id: row.id, animalId: row.animalId, price: row.price, currency: row.currency, status: row.status };
}
