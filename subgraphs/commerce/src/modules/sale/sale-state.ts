import { userError, ErrorCode } from '@studbook/platform';
import type { SaleHistoryEntry } from '@studbook/drizzle/commerce';
import type { SaleRow, SaleState } from './sale-store.js';

/**
 * A reservation's expiry is evaluated at read time, like a listing's: a RESERVED sale is EXPIRED
 * from the instant its expiresAt passes, on every instance, with nothing scheduled that could lag.
 * (It is stored EXPIRED when the next buyer reserves the listing.)
 */
export function stateAt(sale: Pick<SaleRow, 'state' | 'expiresAt'>, now = new Date()): SaleState {
  return sale.state === 'RESERVED' && sale.expiresAt.getTime() <= now.getTime() ? 'EXPIRED' : sale.state;
}

/** The stored history, with the read-time EXPIRED entry of a lapsed reservation. */
export function historyAt(sale: Pick<SaleRow, 'state' | 'expiresAt' | 'history'>, now = new Date()): SaleHistoryEntry[] {
  if (sale.state !== 'RESERVED' || stateAt(sale, now) !== 'EXPIRED') return sale.history;
  return [...sale.history, { state: 'EXPIRED', at: sale.expiresAt.toISOString() }];
}

/** Who may take each step, and from which states; anything else is a CONFLICT naming the sale. */
const STEPS = {
  accept: { by: 'seller', from: ['RESERVED'] },
  decline: { by: 'seller', from: ['RESERVED'] },
  complete: { by: 'seller', from: ['ACCEPTED'] },
  cancel: { by: 'either', from: ['RESERVED', 'ACCEPTED'] },
} as const satisfies Record<string, { by: 'seller' | 'either'; from: readonly SaleState[] }>;

export type SaleStep = keyof typeof STEPS;
const DONE: Record<SaleStep, string> = { accept: 'accepted', decline: 'declined', complete: 'completed', cancel: 'cancelled' };

/** Whether the caller's organisation may take this step at all (FORBIDDEN before the state is even looked at). */
export function assertParty(step: SaleStep, sale: Pick<SaleRow, 'tenantId' | 'buyerOrganizationId'>, organizationId: string): void {
  const isSeller = sale.tenantId === organizationId;
  if (STEPS[step].by === 'seller' ? !isSeller : !isSeller && sale.buyerOrganizationId !== organizationId) {
    throw userError(ErrorCode.Forbidden, `Only the seller can ${step} this sale`, { field: 'id' });
  }
}

export function assertStep(step: SaleStep, sale: Pick<SaleRow, 'state' | 'expiresAt'>, field: string): void {
  const state = stateAt(sale);
  if (!(STEPS[step].from as readonly SaleState[]).includes(state)) {
    const hint = step === 'complete' && state === 'RESERVED' ? ': accept the reservation first' : '';
    throw userError(ErrorCode.Conflict, `A ${state} sale cannot be ${DONE[step]}${hint}`, { field });
  }
}
