import { describe, expect, it } from 'vitest';
import { actionsFor, isSettling, transferFailure } from './sale-state';

describe('what each side of a sale may do', () => {
  it('lets the seller accept or decline a reservation, and either side cancel it', () => {
    expect(actionsFor('seller', 'RESERVED')).toEqual(['accept', 'decline', 'cancel']);
    expect(actionsFor('buyer', 'RESERVED')).toEqual(['cancel']);
  });

  it('lets only the seller complete an accepted sale; either side may still cancel', () => {
    expect(actionsFor('seller', 'ACCEPTED')).toEqual(['complete', 'cancel']);
    expect(actionsFor('buyer', 'ACCEPTED')).toEqual(['cancel']);
  });

  it('offers a review to the buyer of a completed purchase, once', () => {
    expect(actionsFor('buyer', 'COMPLETED')).toEqual(['review']);
    expect(actionsFor('buyer', 'COMPLETED', true)).toEqual([]);
    expect(actionsFor('seller', 'COMPLETED')).toEqual([]);
  });

  it('offers nothing once a sale has ended or is being paid for', () => {
    for (const state of ['DECLINED', 'EXPIRED', 'CANCELLED', 'TRANSFER_PENDING', 'TRANSFER_FAILED'] as const) {
      expect(actionsFor('seller', state)).toEqual([]);
      expect(actionsFor('buyer', state)).toEqual([]);
    }
  });

  it('asks again only while the transfer is pending', () => {
    expect(isSettling('TRANSFER_PENDING')).toBe(true);
    expect(isSettling('COMPLETED')).toBe(false);
  });

  it('words a failed transfer by its reason code, keeping an unknown code visible', () => {
    expect(transferFailure('ANIMAL_DELETED')).toBe('The transfer failed: the seller deleted the animal before it could move.');
    expect(transferFailure('SOMETHING_NEW')).toBe('The transfer failed (SOMETHING_NEW).');
  });
});
