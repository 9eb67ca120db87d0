import { describe, expect, it } from 'vitest';
import { BLANK_LISTING, listingInput } from './listing-form';

describe('the list-for-sale form', () => {
  it('reads a decimal comma, country lists in any separator and case, and leaves blank text out', () => {
    const input = listingInput('a1', { ...BLANK_LISTING, price: '149,50', currency: 'eur', shipsTo: 'de, at;nl  ', country: 'de', region: ' Bavaria ' }, 'ACTIVE', 'k1');
    expect(input).toEqual({
      animalId: 'a1',
      price: 149.5,
      currency: 'EUR',
      status: 'ACTIVE',
      title: undefined,
      description: undefined,
      shipsTo: ['DE', 'AT', 'NL'],
      pickup: true,
      sellerLocation: { country: 'DE', region: 'Bavaria' },
      idempotencyKey: 'k1',
    });
  });

  it('sends an impossible price for an empty or unreadable one, so the API refuses it at its field', () => {
    expect(listingInput('a1', BLANK_LISTING, 'DRAFT', 'k').price).toBe(-1);
    expect(listingInput('a1', { ...BLANK_LISTING, price: 'cheap' }, 'DRAFT', 'k').price).toBe(-1);
    expect(listingInput('a1', BLANK_LISTING, 'DRAFT', 'k').sellerLocation).toBeUndefined();
  });
});
