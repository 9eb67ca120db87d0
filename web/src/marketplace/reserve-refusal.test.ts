import { describe, expect, it } from 'vitest';
import { reserveRefusal } from './reserve-refusal';

describe('a refused reservation as a sentence', () => {
  it('says the listing is the buyer’s own', () => {
    expect(reserveRefusal({ code: 'BAD_USER_INPUT', message: 'An organisation cannot reserve its own listing', field: 'listingId' })).toMatch(/your own organisation/);
  });

  it('says another buyer was first, and what happens next', () => {
    expect(reserveRefusal({ code: 'CONFLICT', message: 'This listing is already reserved', field: 'listingId' })).toMatch(/^Another buyer has just reserved/);
  });

  it('names the listing’s state when it is off the market', () => {
    expect(reserveRefusal({ code: 'CONFLICT', message: 'A SOLD listing cannot be reserved', field: 'listingId' })).toBe(
      'This listing is sold, so it cannot be reserved.',
    );
  });
});
