import { describe, expect, it } from 'vitest';
import { validAnimalId, validCurrency, validPageSize, validPrice } from './listing-input.js';

function rejection(run: () => unknown) {
  try {
    run();
  } catch (error) {
    return (error as { extensions?: Record<string, unknown> }).extensions;
  }
  throw new Error('expected a rejection');
}

describe('validPrice', () => {
  it.each([0.01, 1, 19.9, 0.29, 1234.56, 10_000_000])('accepts %s', (price) => {
    expect(validPrice(price)).toBe(price);
  });

  it.each([0, -1, -0.01, 10_000_000.01, 1.005, 0.001, Number.NaN, Number.POSITIVE_INFINITY])('rejects %s on the price field', (price) => {
    expect(rejection(() => validPrice(price))).toEqual({ code: 'BAD_USER_INPUT', field: 'price' });
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
    expect(rejection(() => validCurrency(code))).toEqual({ code: 'BAD_USER_INPUT', field: 'currency' });
  });
});

describe('validAnimalId', () => {
  it('accepts a UUID in lowercase form', () => {
    expect(validAnimalId('6F1C1F9E-4A59-4C7E-9A51-2B7D7F0E8C11')).toBe('6f1c1f9e-4a59-4c7e-9a51-2b7d7f0e8c11');
  });

  it.each(['', 'not-a-uuid', '6f1c1f9e-4a59-4c7e-9a51-2b7d7f0e8c1'])('rejects %j on the animalId field', (id) => {
    expect(rejection(() => validAnimalId(id))).toEqual({ code: 'BAD_USER_INPUT', field: 'animalId' });
  });
});

describe('validPageSize', () => {
  it('defaults to 50 and accepts 1..500', () => {
    expect([validPageSize(null), validPageSize(1), validPageSize(500)]).toEqual([50, 1, 500]);
  });

  it.each([0, 501, 2.5, -1])('rejects %s on the first field', (first) => {
    expect(rejection(() => validPageSize(first))).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});
