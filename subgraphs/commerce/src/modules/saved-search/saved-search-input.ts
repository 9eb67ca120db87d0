import { badInput } from '@studbook/platform';
import type { ListingFilterInput } from '../search/search-input.js';
import { validText } from '../listing/listing-input.js';

export const NAME_MAX = 100;
/** Each saved search is checked against every listing that goes on the market: a cap keeps that bounded. */
export const SAVED_SEARCHES_MAX = 100;

export interface SaveSearchInput {
  name: string;
  query?: string | null;
  filter?: ListingFilterInput | null;
}

/** The name trimmed, 1 to 100 characters. */
export function validName(name: string): string {
  return validText(name, 'name', NAME_MAX, true);
}

/** A match's cursor: its position in the saved search's matches, opaque to clients. */
export function matchCursor(position: number): string {
  return Buffer.from(`match:${position}`).toString('base64url');
}

export function parseMatchCursor(after: string | null | undefined): number {
  if (!after) return 0;
  const match = /^match:(\d{1,15})$/.exec(Buffer.from(after, 'base64url').toString());
  if (!match) throw badInput('after is not a cursor of this saved search', 'after');
  return Number(match[1]);
}

/** The filter without the nulls GraphQL gives for fields left out, so it is stored as written. */
export function storedFilter(filter: ListingFilterInput | null | undefined): ListingFilterInput {
  return Object.fromEntries(Object.entries(filter ?? {}).filter(([, value]) => value != null)) as ListingFilterInput;
}
