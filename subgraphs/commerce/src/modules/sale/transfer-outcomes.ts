import { hostname } from 'node:os';
import type { EventStream, Logger, PublishedEvent, StreamConsumer, TenantDb } from '@studbook/platform';
import { animalTransferFailed, animalTransferred } from '@studbook/contracts/events';
import { endTransfer, type SaleRow } from './sale-store.js';

export interface TransferOutcomesDeps {
  db: TenantDb;
  stream: EventStream;
  logger: Logger;
  /** Stable per instance, so a restarted instance resumes the answers it had read but not applied. */
  consumerName?: string;
  /** Entries another instance left pending this long are taken over (default 30 s). */
  claimIdleMs?: number;
  /** After a sale's end committed, before its stream entry is acknowledged (a throw means one more delivery). */
  ended?: (sale: SaleRow) => Promise<void>;
}

/** The consumer group every commerce instance joins: each answer is applied by one of them, at least once. */
export const SALES_GROUP = 'commerce-sales';

/**
 * The commerce end of the sale saga: the animal subgraph's answer to sale.completed
 * (animal.transferred or animal.transferFailed, durable, read from their streams at least once)
 * ends the TRANSFER_PENDING sale as COMPLETED or TRANSFER_FAILED with the reason. Applying an
 * answer twice changes nothing (only a TRANSFER_PENDING sale is ended); an entry is acknowledged
 * only after the sale's update committed.
 */
export class SaleTransferOutcomes {
  private consumers: StreamConsumer[] = [];

  constructor(private readonly deps: TransferOutcomesDeps) {}

  start(): void {
    const consumer = this.deps.consumerName ?? `${hostname()}-commerce`;
    this.consumers = [animalTransferred.name, animalTransferFailed.name].map((eventType) =>
      this.deps.stream.consume({
        eventType,
        group: SALES_GROUP,
        consumer,
        claimIdleMs: this.deps.claimIdleMs,
        logger: this.deps.logger,
        handle: async (event) => void (await this.handle(event)),
      }),
    );
  }

  async stop(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
  }

  /** Applies one answer; true when it ended the sale (false: a repeat, or a sale commerce does not know). */
  async handle(event: PublishedEvent): Promise<boolean> {
    const outcome = outcomeOf(event);
    if (!outcome) {
      // It will never become valid: acknowledged, with a trace for whoever wrote it.
      this.deps.logger.error('ignored a transfer answer its contract refuses', { outboxId: event.outboxId, type: event.eventType });
      return false;
    }
    // Both answers are written under the buyer, who is a party to the sale (the sales_buyer policy).
    const ended = await this.deps.db.run({ tenantId: event.tenantId, userId: null }, (tx) => endTransfer(tx, outcome.saleId, outcome.end));
    if (!ended) return false;
    this.deps.logger.info('sale ended', { saleId: ended.id, state: ended.state, reason: ended.reason });
    await this.deps.ended?.(ended);
    return true;
  }
}

function outcomeOf(event: PublishedEvent) {
  if (event.eventType === animalTransferred.name) {
    const parsed = animalTransferred.payload.safeParse(event.payload);
    return parsed.success ? { saleId: parsed.data.saleId, end: { state: 'COMPLETED' as const } } : null;
  }
  const parsed = animalTransferFailed.payload.safeParse(event.payload);
  return parsed.success ? { saleId: parsed.data.saleId, end: { state: 'TRANSFER_FAILED' as const, reason: parsed.data.reason } } : null;
}
