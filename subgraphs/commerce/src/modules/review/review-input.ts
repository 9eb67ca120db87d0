import { badInput, validId } from '@studbook/platform';

export const REVIEW_TEXT_MAX = 4_000;

export interface ReviewSaleInput {
  saleId: string;
  rating: number;
  text?: string | null;
}

export interface ValidReview {
  saleId: string;
  rating: number;
  text: string;
}

/** A whole number of stars from 1 to 5, and at most 4,000 characters of text once trimmed. */
export function validReview(input: ReviewSaleInput): ValidReview {
  const saleId = validId(input.saleId, 'saleId');
  if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) throw badInput('rating must be a whole number from 1 to 5', 'rating');
  const text = (input.text ?? '').trim();
  if ([...text].length > REVIEW_TEXT_MAX) throw badInput(`text must be at most ${REVIEW_TEXT_MAX} characters`, 'text');
  return { saleId, rating: input.rating, text };
}
