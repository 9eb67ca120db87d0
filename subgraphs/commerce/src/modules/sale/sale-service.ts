import type DataLoader from 'dataloader';
import {
  appendEvent,
  badInput,
  conflict,
  ErrorCode,
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
import { saleCompleted } from '@studbook/contracts/events';
import { visibleAnimalRef, type AnimalDirectory, type AnimalRef, type AnimalSummary } from '@studbook/contracts/animal-directory';
import type { SoldAnimal } from '@studbook/drizzle/commerce';
import { saleStepsOnListing } from '../listing/listing-sale-steps.js';
import type { ListingRow } from '../listing/listing-service.js';
import type { SaleLoaders } from './sale-loaders.js';
import { validReason } from './sale-input.js';
import { assertParty, assertStep, type SaleStep } from './sale-state.js';
import * as store from './sale-store.js';
import type { SaleRow, SaleState } from './sale-store.js';

export interface SalePage {
  rows: SaleRow[];
  hasNextPage: boolean;
}

export interface SaleServiceDeps {
  db: TenantDb;
  identity: Identity;
  /** The caller's tenant; null (anonymous or a service) sees no sale. */
  scope: TenantScope | null;
  loaders: SaleLoaders;
  /** The listing module's read of a listing as the caller sees it. */
  listingById: (id: string) => Promise<ListingRow | null>;
  /** The animal subgraph as the caller: the sold animal's facts at completion. */
  animals: AnimalDirectory;
  /** The caller's view of an animal (the listing module's loader, shared for the request). */
  animalById: DataLoader<string, AnimalSummary | null>;
  /** How long a reservation holds a listing until the seller accepts it. */
  holdSeconds: number;
}

/**
 * Marketplace sales, for one request and one caller: a buyer reserves a listing, the seller accepts
 * (or declines) and, once paid outside Studbook, completes the sale, which hands the animal to the
 * buyer through the sale.completed saga (see docs/ownership.md); either side may cancel before that.
 */
export class SaleService {
  constructor(private readonly deps: SaleServiceDeps) {}

  byId(id: string): Promise<SaleRow | null> {
    return this.deps.loaders.saleById.load(id);
  }

  /** The live animal as the caller may see it; null once hidden from them or deleted. */
  animalOf(sale: SaleRow): Promise<AnimalRef | null> {
    return visibleAnimalRef(this.deps.animalById, sale.animalId);
  }

  listingOf(sale: SaleRow): Promise<ListingRow | null> {
    return this.deps.listingById(sale.listingId);
  }

  /** One page of the caller organisation's sales (as seller) or purchases (as buyer), newest first. */
  async list(
    side: 'seller' | 'buyer',
    states: readonly SaleState[] | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<SalePage> {
    const size = validPageSize(first);
    const scope = this.deps.scope;
    if (!scope?.tenantId) return { rows: [], hasNextPage: false };
    const params = { side, organizationId: scope.tenantId, states: [...new Set(states ?? [])], first: size, after: after ? parseCreatedAtCursor(after) : undefined };
    const rows = await this.deps.db.read(scope, (tx) => store.listSales(tx, params));
    const page = rows.slice(0, size);
    for (const row of page) this.deps.loaders.saleById.prime(row.id, row);
    return { rows: page, hasNextPage: rows.length > size };
  }

  /** The caller's organisation reserves another's listing that is on the market; one buyer at a time. */
  async reserve(listingId: string, idempotencyKey?: string | null): Promise<SaleRow> {
    const caller = requireWriter(this.deps.identity);
    const id = validId(listingId, 'listingId');
    const scope = { tenantId: caller.organizationId, userId: caller.userId };
    const input: { listingId: string; idempotencyKey?: string | null } = { listingId: id, idempotencyKey };
    const key = idempotencyKeyOf('reserveListing', input);
    try {
      const once = await writeOnce(
        this.deps.db,
        scope,
        key,
        async (tx) => {
          const { outcome, saleId } = await store.reserveListing(tx, id, this.deps.holdSeconds);
          if (outcome !== 'OK') throw reservationRefused(outcome);
          return (await store.findSalesByIds(tx, [saleId!]))[0];
        },
        (row) => row.id,
      );
      if ('replayOf' in once) return replayed(await this.byId(once.replayOf));
      this.deps.loaders.saleById.prime(once.written.id, once.written);
      return once.written;
    } catch (error) {
      // The listing's row lock serialises reservations, so this is a safety net, not the rule.
      if (isUniqueViolation(error, store.ONE_OPEN_SALE_PER_LISTING)) throw userError(ErrorCode.Conflict, 'This listing is already reserved', { field: 'listingId' });
      throw error;
    }
  }

  /** The seller accepts a reservation: it no longer lapses. */
  accept(id: string): Promise<SaleRow> {
    return this.step('accept', id, 'id', async (tx, sale) => {
      await saleStepsOnListing.accepted(tx, sale.listingId, sale.tenantId);
      return store.changeSale(tx, sale.id, { state: 'ACCEPTED' });
    });
  }

  /** The seller declines a reservation, saying why; the listing goes back on the market. */
  decline(id: string, reason: string): Promise<SaleRow> {
    const why = validReason(reason, true);
    return this.step('decline', id, 'id', async (tx, sale) => this.endBeforeCompletion(tx, sale, 'DECLINED', why));
  }

  /** Either side calls off a sale not yet completed; the listing goes back on the market. */
  cancel(id: string, reason: string | null | undefined): Promise<SaleRow> {
    const why = validReason(reason, false);
    return this.step('cancel', id, 'id', async (tx, sale) => this.endBeforeCompletion(tx, sale, 'CANCELLED', why));
  }

  /**
   * The seller confirms payment: the sale is TRANSFER_PENDING, the listing SOLD, and sale.completed
   * goes out in the same transaction (the outbox), with the animal's facts kept as sold.
   */
  complete(saleId: string): Promise<SaleRow> {
    return this.step<SoldAnimal>(
      'complete',
      saleId,
      'saleId',
      async (tx, sale, soldAnimal) => {
        const completedAt = new Date();
        const row = await store.changeSale(tx, sale.id, { state: 'TRANSFER_PENDING', soldAnimal, completedAt });
        await saleStepsOnListing.sold(tx, sale.listingId, sale.tenantId);
        await appendEvent(tx, saleCompleted, {
          aggregateId: sale.id,
          payload: {
            saleId: sale.id,
            listingId: sale.listingId,
            animalId: sale.animalId,
            sellerOrganizationId: sale.tenantId,
            buyerOrganizationId: sale.buyerOrganizationId,
            completedAt: completedAt.toISOString(),
          },
        });
        return row;
      },
      (sale) => this.soldAnimalOf(sale),
    );
  }

  /**
   * One step of a sale the caller is a party to: refused before anything is asked or written when
   * the caller may not take it (FORBIDDEN) or the sale is not in a state it starts from (CONFLICT),
   * then checked again under the row lock, so two steps at once cannot both apply.
   */
  private async step<Prepared>(
    step: SaleStep,
    id: string,
    field: string,
    write: (tx: Tx, sale: SaleRow, prepared: Prepared) => Promise<SaleRow>,
    prepare?: (sale: SaleRow) => Promise<Prepared>,
  ): Promise<SaleRow> {
    const caller = requireWriter(this.deps.identity);
    const saleId = validId(id, field);
    const notFound = () => userError(ErrorCode.NotFound, 'Sale not found', { field });
    const before = await this.byId(saleId);
    if (!before) throw notFound();
    assertParty(step, before, caller.organizationId);
    assertStep(step, before, field);
    const prepared = (await prepare?.(before)) as Prepared;
    const row = await this.deps.db.run({ tenantId: caller.organizationId, userId: caller.userId }, async (tx) => {
      const current = await store.lockSale(tx, saleId);
      if (!current) throw notFound();
      assertStep(step, current, field);
      return write(tx, current, prepared);
    });
    this.deps.loaders.saleById.clear(saleId).prime(saleId, row);
    return row;
  }

  private async endBeforeCompletion(tx: Tx, sale: SaleRow, state: 'DECLINED' | 'CANCELLED', reason: string | null): Promise<SaleRow> {
    const row = await store.changeSale(tx, sale.id, { state, reason });
    await store.releaseListing(tx, sale.id);
    return row;
  }

  /** The animal's facts now, as its seller sees it; the listing's copy of them once the animal is gone. */
  private async soldAnimalOf(sale: SaleRow): Promise<SoldAnimal> {
    const facts = await this.deps.animals.listingFacts(sale.animalId);
    if (facts) return { name: facts.name, speciesName: facts.speciesName, sex: facts.sex, genesOne: facts.genesOne, genesTwo: facts.genesTwo };
    const listing = await this.deps.listingById(sale.listingId);
    if (!listing) throw conflict('The listing of this sale is gone');
    return { name: listing.animalName ?? listing.title, speciesName: listing.speciesName, sex: listing.sex, genesOne: listing.genesOne, genesTwo: listing.genesTwo };
  }
}

function reservationRefused(outcome: string) {
  switch (outcome) {
    case 'NOT_FOUND':
      return userError(ErrorCode.NotFound, 'Listing not found', { field: 'listingId' });
    case 'OWN_LISTING':
      return badInput('An organisation cannot reserve its own listing', 'listingId');
    case 'RESERVED':
      return userError(ErrorCode.Conflict, 'This listing is already reserved', { field: 'listingId' });
    default:
      return userError(ErrorCode.Conflict, `A ${outcome} listing cannot be reserved`, { field: 'listingId' });
  }
}
