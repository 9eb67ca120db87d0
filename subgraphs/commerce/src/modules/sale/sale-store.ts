import { and, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { sales, type SaleHistoryEntry, type SoldAnimal } from '@studbook/drizzle/commerce';
import type { Tx } from '@studbook/platform';

/** A sale as stored (RLS shows it to its seller and its buyer only); resolvers map it to the GraphQL Sale. */
export type SaleRow = typeof sales.$inferSelect;
export type SaleState = SaleRow['state'];

export interface SaleListParams {
  /** Whose sales: the seller's (tenant_id) or the buyer's. */
  side: 'seller' | 'buyer';
  organizationId: string;
  /** States as read (EXPIRED includes a RESERVED sale past its expiry); empty: all. */
  states: readonly SaleState[];
  first: number;
  after?: { createdAt: Date; id: string };
}

/** What a step writes: the new state, entered in the history now, and whatever else it records. */
export interface SaleChange {
  state: SaleState;
  reason?: string | null;
  soldAnimal?: SoldAnimal;
  completedAt?: Date;
}

/** Sales with these ids that RLS lets the caller see. */
export function findSalesByIds(tx: Tx, ids: readonly string[]): Promise<SaleRow[]> {
  return tx
    .select()
    .from(sales)
    .where(inArray(sales.id, [...ids]));
}

/** A sale the caller is a party to, locked for a step; null when there is none they may see. */
export async function lockSale(tx: Tx, id: string): Promise<SaleRow | null> {
  const [row] = await tx.select().from(sales).where(eq(sales.id, id)).for('update');
  return row ?? null;
}

/** One page of one side's sales, newest first, fetching one extra row to tell whether another page follows. */
export function listSales(tx: Tx, params: SaleListParams): Promise<SaleRow[]> {
  const conditions: SQL[] = [eq(params.side === 'seller' ? sales.tenantId : sales.buyerOrganizationId, params.organizationId)];
  if (params.states.length) conditions.push(or(...params.states.map(stateReadsAs))!);
  if (params.after) {
    const { createdAt, id } = params.after;
    conditions.push(or(lt(sales.createdAt, createdAt), and(eq(sales.createdAt, createdAt), lt(sales.id, id)))!);
  }
  return tx
    .select()
    .from(sales)
    .where(and(...conditions))
    .orderBy(desc(sales.createdAt), desc(sales.id))
    .limit(params.first + 1);
}

/** The condition for a sale reading as this state now (sale-state.ts's stateAt, in SQL). */
function stateReadsAs(state: SaleState): SQL {
  if (state === 'RESERVED') return sql`(${sales.state} = 'RESERVED' and ${sales.expiresAt} > now())`;
  if (state === 'EXPIRED') return sql`(${sales.state} = 'EXPIRED' or (${sales.state} = 'RESERVED' and ${sales.expiresAt} <= now()))`;
  return eq(sales.state, state);
}

/** studbook_api_reserve_listing, as the buyer: OK with the new sale's id, or why not (and nothing written). */
export async function reserveListing(tx: Tx, listingId: string, holdSeconds: number): Promise<{ outcome: string; saleId: string | null }> {
  const result = await tx.execute<{ outcome: string; sale_id: string | null }>(
    sql`select outcome, sale_id from studbook_api_reserve_listing(${listingId}, ${holdSeconds})`,
  );
  const [row] = result.rows;
  return { outcome: row.outcome, saleId: row.sale_id };
}

/** studbook_api_release_listing: the ended sale's listing back on the market, if this sale held it. */
export async function releaseListing(tx: Tx, saleId: string): Promise<boolean> {
  const result = await tx.execute<{ released: boolean }>(sql`select studbook_api_release_listing(${saleId}) as released`);
  return result.rows[0].released;
}

/** Moves the sale to its new state, entering it in the history at the database's clock (or at completedAt, when given). */
export async function changeSale(tx: Tx, id: string, change: SaleChange): Promise<SaleRow> {
  const at = change.completedAt ? sql`${change.completedAt.toISOString()}::text` : sql`to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const entry = sql`jsonb_build_object('state', ${change.state}::text, 'at', ${at})`;
  const withReason = change.reason ? sql`${entry} || jsonb_build_object('reason', ${change.reason}::text)` : entry;
  const [row] = await tx
    .update(sales)
    .set({
      state: change.state,
      history: sql`${sales.history} || jsonb_build_array(${withReason})`,
      ...(change.reason !== undefined ? { reason: change.reason } : {}),
      ...(change.soldAnimal ? { soldAnimal: change.soldAnimal } : {}),
      ...(change.completedAt ? { completedAt: change.completedAt } : {}),
      updatedAt: sql`now()`,
    })
    .where(eq(sales.id, id))
    .returning();
  return row;
}

/**
 * Ends a TRANSFER_PENDING sale with the animal subgraph's answer; a repeated or late answer (the
 * sale already ended) changes nothing. Returns the sale when this call ended it.
 */
export async function endTransfer(tx: Tx, saleId: string, outcome: { state: 'COMPLETED' } | { state: 'TRANSFER_FAILED'; reason: string }): Promise<SaleRow | null> {
  const entry: SaleHistoryEntry = { state: outcome.state, at: new Date().toISOString(), ...('reason' in outcome ? { reason: outcome.reason } : {}) };
  const [row] = await tx
    .update(sales)
    .set({
      state: outcome.state,
      history: sql`${sales.history} || jsonb_build_array(${JSON.stringify(entry)}::jsonb)`,
      ...('reason' in outcome ? { reason: outcome.reason } : {}),
      updatedAt: sql`now()`,
    })
    .where(and(eq(sales.id, saleId), eq(sales.state, 'TRANSFER_PENDING')))
    .returning();
  return row ?? null;
}

/** The unique index that lets one sale at a time hold a listing. */
export const ONE_OPEN_SALE_PER_LISTING = 'sales_one_open_per_listing';
