import { describe, expect, it } from 'vitest';
import { rejectionOf } from '../../../../../tests/support/rejection.js';
import { validCurrency, validPrice } from './listing-input.js';

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
