import { describe, expect, it } from 'vitest';
import { rejectionOf } from '../../../../../tests/support/rejection.js';
import { REVIEW_TEXT_MAX, validReview } from './review-input.js';

const SALE = '3f1c2a9e-8b7d-4c6e-9a5b-1d2e3f4a5b6c';

describe('validReview', () => {
  it('takes 1 to 5 whole stars and trims the text', () => {
    expect(validReview({ saleId: SALE.toUpperCase(), rating: 5, text: '  Great snake \n' })).toEqual({ saleId: SALE, rating: 5, text: 'Great snake' });
    expect(validReview({ saleId: SALE, rating: 1 })).toEqual({ saleId: SALE, rating: 1, text: '' });
  });

  it.each([0, 6, 2.5, Number.NaN])('refuses a rating of %s on the rating field', (rating) => {
    expect(rejectionOf(() => validReview({ saleId: SALE, rating }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rating' });
  });

  it('counts characters, not UTF-16 units, after trimming', () => {
    expect(validReview({ saleId: SALE, rating: 3, text: ` ${'🐍'.repeat(REVIEW_TEXT_MAX)} ` }).text).toHaveLength(REVIEW_TEXT_MAX * 2);
    expect(rejectionOf(() => validReview({ saleId: SALE, rating: 3, text: 'x'.repeat(REVIEW_TEXT_MAX + 1) }))).toMatchObject({ field: 'text' });
  });

  it('refuses a sale id that is not a UUID', () => {
    expect(rejectionOf(() => validReview({ saleId: 'sale-1', rating: 3 }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'saleId' });
  });
});
