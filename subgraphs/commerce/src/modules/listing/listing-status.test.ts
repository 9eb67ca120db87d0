import { describe, expect, it } from 'vitest';
import { rejectionOf } from '../../../../../tests/support/rejection.js';
import { assertTransition, statusAt } from './listing-status.js';

const past = new Date(Date.now() - 1_000);
const future = new Date(Date.now() + 60_000);

describe('statusAt', () => {
  it('reads an ACTIVE listing past its expiry as EXPIRED, at once', () => {
    expect(statusAt({ status: 'ACTIVE', expiresAt: past })).toBe('EXPIRED');
    expect(statusAt({ status: 'ACTIVE', expiresAt: future })).toBe('ACTIVE');
    expect(statusAt({ status: 'ACTIVE', expiresAt: null })).toBe('ACTIVE');
    expect(statusAt({ status: 'DRAFT', expiresAt: past })).toBe('DRAFT');
  });

  it('reads a RESERVED listing whose unaccepted reservation lapsed as ACTIVE (or EXPIRED past its own expiry)', () => {
    expect(statusAt({ status: 'RESERVED', expiresAt: null, reservedUntil: future })).toBe('RESERVED');
    expect(statusAt({ status: 'RESERVED', expiresAt: null, reservedUntil: null })).toBe('RESERVED');
    expect(statusAt({ status: 'RESERVED', expiresAt: null, reservedUntil: past })).toBe('ACTIVE');
    expect(statusAt({ status: 'RESERVED', expiresAt: past, reservedUntil: past })).toBe('EXPIRED');
  });
});

describe('assertTransition', () => {
  it.each([
    ['publish', 'DRAFT'],
    ['update', 'ACTIVE'],
    ['withdraw', 'ACTIVE'],
    ['withdraw', 'DRAFT'],
  ] as const)('allows %s from %s', (transition, status) => {
    expect(() => assertTransition(transition, { status, expiresAt: null })).not.toThrow();
  });

  it.each([
    ['publish', 'ACTIVE'],
    ['publish', 'WITHDRAWN'],
    ['update', 'SOLD'],
    ['update', 'WITHDRAWN'],
    ['withdraw', 'SOLD'],
    ['withdraw', 'RESERVED'],
  ] as const)('refuses %s from %s as a CONFLICT on the listing', (transition, status) => {
    expect(rejectionOf(() => assertTransition(transition, { status, expiresAt: null }))).toEqual({ code: 'CONFLICT', field: 'id' });
  });

  it('lets a seller withdraw or change an expired listing, but not publish it again', () => {
    expect(() => assertTransition('update', { status: 'ACTIVE', expiresAt: past })).not.toThrow();
    expect(rejectionOf(() => assertTransition('publish', { status: 'ACTIVE', expiresAt: past }))).toEqual({ code: 'CONFLICT', field: 'id' });
  });
});
