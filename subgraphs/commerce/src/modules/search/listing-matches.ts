import type { SpeciesGenes } from '@studbook/contracts/animal-directory';
import type { Tx } from '@studbook/platform';
import { normalisedQuery, normaliseFilter, type ListingFilterInput, type NormalisedFilter } from './search-input.js';
import { searchListings, type SearchRequest } from './search-store.js';

/** A listing the search projection newly shows on the market (its catch-up pass), and when the listing was last written. */
export interface NewlyOnTheMarket {
  listingId: string;
  writtenAt: Date;
}

/** A search checked and in catalog names, as searchListings runs it: what a saved search stores and matches with. */
export interface NormalisedSearch {
  query: string | null;
  filter: NormalisedFilter;
}

/** Checks a search as searchListings would (the same refusals, naming the fields) and puts it in catalog names. */
export function normaliseSearch(query: string | null | undefined, filter: ListingFilterInput | null | undefined, catalog: readonly SpeciesGenes[]): NormalisedSearch {
  return { query: normalisedQuery(query), filter: normaliseFilter(filter, catalog) };
}

/**
 * Which of these listings the search finds, by the marketplace search's own SQL over the projection
 * (so a saved search matches exactly what searchListings would show), under the transaction's
 * tenant: only what RLS lets it see, and only listings on the market with a PUBLIC animal.
 */
export async function listingsMatching(tx: Tx, search: NormalisedSearch, listingIds: readonly string[]): Promise<string[]> {
  if (listingIds.length === 0) return [];
  const request: Omit<SearchRequest, 'match'> = {
    ...search,
    sort: 'NEWEST',
    first: listingIds.length,
    offset: 0,
    withFacets: false,
    onlyListingIds: listingIds,
  };
  const byWords = await searchListings(tx, { ...request, match: 'words' });
  if (byWords.totalCount > 0 || !search.query) return byWords.ids;
  return (await searchListings(tx, { ...request, match: 'typos' })).ids;
}
