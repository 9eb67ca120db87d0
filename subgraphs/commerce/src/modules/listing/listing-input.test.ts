import { describe, expect, it } from 'vitest';
import { rejectionOf } from '../../../../../tests/support/rejection.js';
import { validCountry, validCurrency, validExpiry, validPrice, validShipsTo, validText } from './listing-input.js';

describe('validPrice', () => {
  it.each([0.01, 1, 19.9, 0.29, 1234.56, 10_000_000])('accepts %s', (price) => {
    expect(validPrice(price)).toBe(price);
  });

  it.each([0, -1, -0.01, 10_000_000.01, 1.005, 0.001, Number.NaN, Number.POSITIVE_INFINITY])('rejects %s on the price field', (price) => {
    expect(rejectionOf(() => validPrice(price))).toEqual({ code: 'BAD_USER_INPUT', field: 'price' });
  });
});

describe('validCurrency', () => {
  it.each(['EUR', 'USD', 'GBP', 'CHF', 'AUD', 'CAD', 'NZD', 'JPY', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'ZAR', 'BRL', 'MXN'])('accepts %s', (code) => {
    expect(validCurrency(code)).toBe(code);
  });

  it('normalises lowercase and surrounding spaces', () => {
    expect(validCurrency(' eur ')).toBe('EUR');
  });

  it.each(['', 'EU', 'EURO', 'E1R', 'XXX1', 'ABC', 'DEM', '€'])('rejects %j on the currency field', (code) => {
    expect(rejectionOf(() => validCurrency(code))).toEqual({ code: 'BAD_USER_INPUT', field: 'currency' });
  });
});

describe('validCountry and validShipsTo', () => {
  it.each(['DE', 'gb', ' us '])('accepts %j', (code) => {
    expect(validCountry(code, 'country')).toBe(code.trim().toUpperCase());
  });

  it.each(['', 'D', 'DEU', 'XX', 'EU', 'ZZ', '12'])('rejects %j on its field', (code) => {
    expect(rejectionOf(() => validCountry(code, 'sellerLocation.country'))).toEqual({ code: 'BAD_USER_INPUT', field: 'sellerLocation.country' });
  });

  it('sorts and deduplicates, naming the index of a bad entry', () => {
    expect(validShipsTo(['fr', 'DE', 'FR'])).toEqual(['DE', 'FR']);
    expect(rejectionOf(() => validShipsTo(['DE', 'FR', 'QQ']))).toEqual({ code: 'BAD_USER_INPUT', field: 'shipsTo[2]' });
  });
});

describe('validText and validExpiry', () => {
  it('trims and caps text by characters, not bytes', () => {
    expect(validText('  Pastel Clown  ', 'title', 120)).toBe('Pastel Clown');
    expect(validText('é'.repeat(120), 'title', 120)).toHaveLength(120);
    expect(rejectionOf(() => validText('x'.repeat(121), 'title', 120))).toEqual({ code: 'BAD_USER_INPUT', field: 'title' });
  });

  it('refuses an expiry that is not in the future', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(validExpiry(new Date('2026-01-02T00:00:00Z'), now)).toEqual(new Date('2026-01-02T00:00:00Z'));
    expect(rejectionOf(() => validExpiry(now, now))).toEqual({ code: 'BAD_USER_INPUT', field: 'expiresAt' });
  });
});
