import { type CodedError, sentenceFor } from '../api/errors';

/** A refused reservation as a buyer should read it: what happened and what they can do next. */
export function reserveRefusal(error: CodedError): string {
  if (error.code === 'BAD_USER_INPUT' && /own listing/i.test(error.message)) return 'This is your own organisation’s listing: you cannot reserve it.';
  if (error.code === 'CONFLICT' && /already reserved/i.test(error.message)) {
    return 'Another buyer has just reserved this listing. It comes back on the market if the seller declines or the reservation lapses.';
  }
  const state = error.code === 'CONFLICT' ? /^A (\w+) listing/.exec(error.message)?.[1] : undefined;
  if (state) return `This listing is ${state.toLowerCase()}, so it cannot be reserved.`;
  if (error.code === 'NOT_FOUND') return 'This listing is no longer on the marketplace.';
  return sentenceFor(error);
}
