import {
  appendEvent,
  badInput,
  conflict,
  ErrorCode,
  forbidden,
  isUniqueViolation,
  parseCreatedAtCursor,
  requireWriter,
  userError,
  validId,
  validPageSize,
  type AnimalDirectory,
  type Identity,
  type TenantDb,
  type TenantScope,
} from '@studbook/platform';
import type { ListingLoaders } from './listing-loaders.js';
import * as store from './listing-store.js';
import type { ListingRow } from './listing-store.js';
import { validCurrency, validPrice } from './listing-input.js';

export interface CreateListingInput {
  animalId: string;
  price: number;
  currency: string;
}

export interface ListingPage {
  rows: ListingRow[];
  hasNextPage: boolean;
}

/** Business rules for marketplace listings, for one request and one caller. */
export class ListingService {
  constructor(
    private readonly db: TenantDb,
    private readonly identity: Identity,
    private readonly scope: TenantScope | null,
    private readonly loaders: ListingLoaders,
    private readonly animals: AnimalDirectory,
  ) {}

  byId(id: string): Promise<ListingRow | null> {
    return this.loaders.listingById.load(id);
  }

  activeForAnimal(animalId: string): Promise<ListingRow | null> {
    return this.loaders.activeListingByAnimalId.load(animalId);
  }

  async list(first: number | null | undefined, after: string | null | undefined): Promise<ListingPage> {
    const size = validPageSize(first);
    if (!this.scope) return { rows: [], hasNextPage: false };
    const rows = await this.db.run(this.scope, (tx) =>
      store.listActiveListings(tx, { first: size, after: after ? parseCreatedAtCursor(after) : undefined }),
    );
    const page = rows.slice(0, size);
    for (const row of page) {
      this.loaders.listingById.prime(row.id, row);
      this.loaders.activeListingByAnimalId.prime(row.animalId, row);
    }
    return { rows: page, hasNextPage: rows.length > size };
  }

  async create(input: CreateListingInput): Promise<ListingRow> {
    const caller = requireWriter(this.identity);
    const listing: store.NewListing = {
      // Lowercase, as PostgreSQL returns ids, so it matches the animal subgraph's answer.
      animalId: validId(input.animalId, 'animalId'),
      price: validPrice(input.price),
      currency: validCurrency(input.currency),
    };
    const animal = (await this.animals.lookup(caller, [listing.animalId])).get(listing.animalId);
    if (!animal) throw userError(ErrorCode.NotFound, 'Animal not found', { field: 'animalId' });
    if (animal.ownerId !== caller.organizationId) throw forbidden('Only the owning organisation can list an animal');
    if (animal.visibility !== 'PUBLIC') throw badInput('Make the animal public before listing it', 'animalId');
    try {
      return await this.db.run({ tenantId: caller.organizationId, userId: caller.userId }, async (tx) => {
        const row = await store.insertListing(tx, listing);
        await appendEvent(tx, { aggregateType: 'listing', aggregateId: row.id, type: 'listing.created', payload: eventPayload(row) });
        return row;
      });
    } catch (error) {
      if (isUniqueViolation(error, store.ONE_ACTIVE_LISTING_PER_ANIMAL)) throw conflict('This animal already has an active listing');
      throw error;
    }
  }
}

function eventPayload(row: ListingRow): Record<string, unknown> {
  return { id: row.id, animalId: row.animalId, price: row.price, currency: row.currency, status: row.status };
}
