import { describe, expect, it } from 'vitest';
import { rejectionOf } from '../../../../../tests/support/rejection.js';
import { assertParty, assertStep, historyAt, stateAt } from './sale-state.js';

const past = new Date(Date.now() - 1_000);
const future = new Date(Date.now() + 60_000);
const seller = 'seller-org';
const buyer = 'buyer-org';
const parties = { tenantId: seller, buyerOrganizationId: buyer };

describe('stateAt and historyAt', () => {
  it('reads a RESERVED sale past its expiry as EXPIRED, at once, with that entry in its history', () => {
    const history = [{ state: 'RESERVED' as const, at: '2026-01-01T00:00:00.000Z' }];
    expect(stateAt({ state: 'RESERVED', expiresAt: future })).toBe('RESERVED');
    expect(stateAt({ state: 'RESERVED', expiresAt: past })).toBe('EXPIRED');
    // Accepted, it no longer lapses.
    expect(stateAt({ state: 'ACCEPTED', expiresAt: past })).toBe('ACCEPTED');
    expect(historyAt({ state: 'RESERVED', expiresAt: past, history })).toEqual([...history, { state: 'EXPIRED', at: past.toISOString() }]);
    expect(historyAt({ state: 'RESERVED', expiresAt: future, history })).toEqual(history);
  });
});

describe('assertParty', () => {
  it('lets only the seller accept, decline and complete, and either side cancel', () => {
    for (const step of ['accept', 'decline', 'complete'] as const) {
      expect(() => assertParty(step, parties, seller)).not.toThrow();
      expect(rejectionOf(() => assertParty(step, parties, buyer))).toEqual({ code: 'FORBIDDEN', field: 'id' });
    }
    expect(() => assertParty('cancel', parties, buyer)).not.toThrow();
    expect(() => assertParty('cancel', parties, seller)).not.toThrow();
    expect(rejectionOf(() => assertParty('cancel', parties, 'someone-else'))).toEqual({ code: 'FORBIDDEN', field: 'id' });
  });
});

describe('assertStep', () => {
  it.each([
    ['accept', 'RESERVED'],
    ['decline', 'RESERVED'],
    ['complete', 'ACCEPTED'],
    ['cancel', 'RESERVED'],
    ['cancel', 'ACCEPTED'],
  ] as const)('allows %s from %s', (step, state) => {
    expect(() => assertStep(step, { state, expiresAt: future }, 'id')).not.toThrow();
  });

  it.each([
    ['complete', 'RESERVED'],
    ['complete', 'TRANSFER_PENDING'],
    ['complete', 'COMPLETED'],
    ['accept', 'ACCEPTED'],
    ['decline', 'CANCELLED'],
    ['cancel', 'TRANSFER_PENDING'],
    ['cancel', 'COMPLETED'],
    ['cancel', 'TRANSFER_FAILED'],
  ] as const)('refuses %s from %s as a CONFLICT on the given field', (step, state) => {
    expect(rejectionOf(() => assertStep(step, { state, expiresAt: future }, 'saleId'))).toEqual({ code: 'CONFLICT', field: 'saleId' });
  });

  it('refuses to accept a reservation that lapsed', () => {
    expect(rejectionOf(() => assertStep('accept', { state: 'RESERVED', expiresAt: past }, 'id'))).toEqual({ code: 'CONFLICT', field: 'id' });
  });
});
