import { savedSearchMatched } from '@studbook/contracts/events';
import { defineSubscriptionField, type ListedItem } from '../subscription-field.js';

interface SearchMatches {
  savedSearch?: { matches: { id: string; cursor: string }[] } | null;
}

/**
 * `savedSearchMatches(savedSearchId, after)`: listings that matched a saved search as they go on
 * the market. A saved search is its organisation's alone (RLS), so another organisation's join
 * finds none and is NOT_FOUND; a saved search never ends, so no item is the last.
 */
export const savedSearchMatches = defineSubscriptionField({
  field: 'savedSearchMatches',
  itemsLabel: 'Saved search matches',
  event: savedSearchMatched,
  aggregateId: (args) => String(args.savedSearchId),
  after: (args) => (args.after as string | null | undefined) ?? null,
  announced: ({ matchId }) => ({ id: matchId, last: false }),
  replay: {
    query: /* GraphQL */ `
      query StudbookSavedSearchMatchIds($savedSearchId: ID!, $after: String) {
        savedSearch(id: $savedSearchId) { matches(after: $after) { id cursor } }
      }
    `,
    variables: (savedSearchId, after) => ({ savedSearchId, after }),
    items: (data) => (data as SearchMatches | null | undefined)?.savedSearch?.matches.map(({ id, cursor }): ListedItem => ({ id, cursor, last: false })) ?? null,
    notFound: 'Saved search',
  },
  read: { field: 'savedSearchMatch', idArgument: 'id', cursorField: 'cursor' },
});
