import { sql } from 'drizzle-orm';
import type { Tx } from '@studbook/platform';
import type { PayloadOf } from '@studbook/contracts/events';
import { arrayLiteral } from '../../array-literal.js';

export type SaleCompleted = PayloadOf<'sale.completed'>;
export type TransferFailureReason = PayloadOf<'animal.transferFailed'>['reason'];

export interface TransferResult {
  outcome: 'TRANSFERRED' | 'FAILED';
  failureReason: TransferFailureReason | null;
  /** False when this sale was already recorded: a repeated delivery, which changed nothing. */
  firstTime: boolean;
}

/** studbook_api_transfer_animal, as the buyer: moves the animal once per sale, or records why it cannot. */
export async function transferAnimal(tx: Tx, sale: SaleCompleted): Promise<TransferResult> {
  const result = await tx.execute<{ outcome: TransferResult['outcome']; failure_reason: TransferFailureReason | null; first_time: boolean }>(
    sql`select outcome, failure_reason, first_time from studbook_api_transfer_animal(
      ${sale.saleId}, ${sale.listingId}, ${sale.animalId}, ${sale.sellerOrganizationId}, ${sale.buyerOrganizationId}, ${sale.completedAt})`,
  );
  const [row] = result.rows;
  return { outcome: row.outcome, failureReason: row.failure_reason, firstTime: row.first_time };
}

export interface OwnershipRow {
  animalId: string;
  organizationId: string;
  from: Date;
  to: Date | null;
  saleId: string | null;
}

/** The ownership histories of those of these animals the caller can see, each first owner first. */
export async function findOwnershipHistory(tx: Tx, animalIds: readonly string[]): Promise<OwnershipRow[]> {
  const result = await tx.execute<{ animal_id: string; organization_id: string; owned_from: string; owned_to: string | null; sale_id: string | null }>(
    sql`select animal_id, organization_id, owned_from, owned_to, sale_id from studbook_api_ownership_history(${arrayLiteral(animalIds)}::uuid[])`,
  );
  return result.rows.map((row) => ({
    animalId: row.animal_id,
    organizationId: row.organization_id,
    from: new Date(row.owned_from),
    to: row.owned_to ? new Date(row.owned_to) : null,
    saleId: row.sale_id,
  }));
}

export interface TransferRow {
  saleId: string;
  listingId: string;
  animalId: string;
  sellerId: string;
  buyerId: string;
  outcome: TransferResult['outcome'];
  failureReason: string | null;
  animalName: string | null;
  completedAt: Date;
}

/** The caller's organisation's transfers as seller or buyer, newest first. */
export async function findTransfersOfCaller(tx: Tx, maxRows: number): Promise<TransferRow[]> {
  const result = await tx.execute<{
    sale_id: string;
    listing_id: string;
    animal_id: string;
    seller_id: string;
    buyer_id: string;
    outcome: TransferResult['outcome'];
    failure_reason: string | null;
    animal_name: string | null;
    completed_at: string;
  }>(sql`select * from studbook_api_transfers_of_caller(${maxRows})`);
  return result.rows.map((row) => ({
    saleId: row.sale_id,
    listingId: row.listing_id,
    animalId: row.animal_id,
    sellerId: row.seller_id,
    buyerId: row.buyer_id,
    outcome: row.outcome,
    failureReason: row.failure_reason,
    animalName: row.animal_name,
    completedAt: new Date(row.completed_at),
  }));
}
