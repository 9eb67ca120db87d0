import { hostname } from 'node:os';
import { appendEvent, type EventStream, type Logger, type PublishedEvent, type StreamConsumer, type TenantDb, type Tx } from '@studbook/platform';
import { animalTransferFailed, animalTransferred, saleCompleted } from '@studbook/contracts/events';
import { transferAnimal, type SaleCompleted, type TransferResult } from './ownership-store.js';

export interface OwnershipConsumerDeps {
  db: TenantDb;
  stream: EventStream;
  logger: Logger;
  /** Stable per instance, so a restarted instance resumes the sales it had read but not finished. */
  consumerName?: string;
  /** Entries another instance left pending this long are taken over (default 30 s). */
  claimIdleMs?: number;
  /** After a transfer commits: genotypes changed organisation, so breeding statistics refresh. */
  transferred?: () => Promise<void>;
}

/** The consumer group every animal instance joins: each sale is handled by one of them, at least once. */
export const OWNERSHIP_GROUP = 'animal-ownership';

/**
 * The animal side of the sale saga. Reads `sale.completed` from its stream (at least once, see
 * EventStream) and, as the buyer, asks studbook_api_transfer_animal to move the animal; the first
 * time a sale is seen it writes `animal.transferred` or `animal.transferFailed` in the same
 * transaction, and a repeated delivery changes and writes nothing. The stream entry is acknowledged
 * only after that commit, so a crash anywhere before it means one more delivery, never a lost sale.
 */
export class OwnershipConsumer {
  private consumer?: StreamConsumer;

  constructor(private readonly deps: OwnershipConsumerDeps) {}

  start(): void {
    this.consumer = this.deps.stream.consume({
      eventType: saleCompleted.name,
      group: OWNERSHIP_GROUP,
      consumer: this.deps.consumerName ?? `${hostname()}-animal`,
      claimIdleMs: this.deps.claimIdleMs,
      logger: this.deps.logger,
      handle: async (event) => void (await this.handle(event)),
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
  }

  async handle(event: PublishedEvent): Promise<TransferResult | null> {
    const parsed = saleCompleted.payload.safeParse(event.payload);
    if (!parsed.success) {
      // It will never become valid: acknowledged, with a trace for whoever wrote it.
      this.deps.logger.error('ignored a sale.completed event its contract refuses', { outboxId: event.outboxId, error: parsed.error.message });
      return null;
    }
    const sale = parsed.data;
    const result = await this.deps.db.run({ tenantId: sale.buyerOrganizationId, userId: null }, async (tx) => {
      const result = await transferAnimal(tx, sale);
      if (result.firstTime) await recordOutcome(tx, sale, result);
      return result;
    });
    if (result.firstTime) {
      this.deps.logger.info('sale handled', { saleId: sale.saleId, outcome: result.outcome, reason: result.failureReason });
      if (result.outcome === 'TRANSFERRED') await this.deps.transferred?.();
    }
    return result;
  }
}

function recordOutcome(tx: Tx, sale: SaleCompleted, result: TransferResult): Promise<void> {
  if (result.outcome === 'TRANSFERRED') {
    const payload = {
      id: sale.animalId,
      saleId: sale.saleId,
      fromOrganizationId: sale.sellerOrganizationId,
      toOrganizationId: sale.buyerOrganizationId,
      transferredAt: new Date().toISOString(),
    };
    // The animal's event history moved with it, so its versions count on under the buyer.
    return appendEvent(tx, animalTransferred, { aggregateId: sale.animalId, payload });
  }
  return appendEvent(tx, animalTransferFailed, { aggregateId: sale.saleId, payload: { saleId: sale.saleId, animalId: sale.animalId, reason: result.failureReason! } });
}
