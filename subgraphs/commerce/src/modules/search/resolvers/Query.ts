import { selects } from '@studbook/platform';
import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';

export const Query: QueryResolvers = {
  searchListings: (_, args, { search }, info) => search.search(args, { withFacets: selects(info, 'facets') }),
};
