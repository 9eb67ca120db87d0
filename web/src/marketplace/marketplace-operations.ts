import { graphql } from '../__generated__';

export const SEARCH_LISTINGS = graphql(`
  query WebSearchListings($query: String, $filter: ListingFilter, $sort: ListingSort, $first: Int!, $after: String) {
    searchListings(query: $query, filter: $filter, sort: $sort, first: $first, after: $after) {
      totalCount
      edges { cursor node { id title price currency seller { id name } animal { id name sex inbreedingCoefficient species { id commonName } genotype { notation } } } }
      pageInfo { hasNextPage endCursor }
      facets { species { value count } sex { value count } genes { value count } priceBuckets { min max count } }
    }
  }
`);

export const LISTING_PAGE = graphql(`
  query WebListingPage($id: ID!) {
    listing(id: $id) {
      id title description price currency status shipsTo pickup publishedAt
      sellerLocation { country region }
      seller { id name }
      animal {
        id name sex hatchDate inbreedingCoefficient
        species { id commonName scientificName }
        genotype { notation phenotype }
        pedigree(generations: 4) { generations completeness nodes { position generation animal { id name } } }
      }
    }
  }
`);

export const SELLER_REPUTATION = graphql(`
  query WebSellerReputation($listingId: ID!) {
    listing(id: $listingId) {
      id
      seller {
        id name
        sellerReputation { averageRating reviewCount reviews(first: 5) { edges { node { id rating text createdAt author { id name } } } } }
      }
    }
  }
`);

export const MARKET_STATS = graphql(`
  query WebMarketStats($species: String!, $months: Int) {
    marketStats(species: $species, months: $months) { month currency listingCount medianAskingPrice saleCount medianSoldPrice }
  }
`);

export const SAVE_SEARCH = graphql(`
  mutation WebSaveSearch($input: SaveSearchInput!) { saveSearch(input: $input) { id name query createdAt } }
`);

export const SAVED_SEARCHES = graphql(`
  query WebSavedSearches {
    savedSearches(first: 100) {
      edges { node { id name query createdAt filter { species sex showsGenes minPrice maxPrice maxInbreeding minCompleteness } } }
    }
  }
`);

export const SAVED_SEARCH_MATCHES = graphql(`
  query WebSavedSearchMatches($id: ID!) {
    savedSearch(id: $id) { id matches { ...WebSavedSearchMatchFields } }
  }
`);

export const SAVED_SEARCH_MATCH_FIELDS = graphql(`
  fragment WebSavedSearchMatchFields on SavedSearchMatch { id cursor matchedAt listing { id title price currency } }
`);

export const SAVED_SEARCH_MATCHED = graphql(`
  subscription WebSavedSearchMatched($savedSearchId: ID!, $after: String) {
    savedSearchMatches(savedSearchId: $savedSearchId, after: $after) { ...WebSavedSearchMatchFields }
  }
`);

export const DELETE_SAVED_SEARCH = graphql(`mutation WebDeleteSavedSearch($id: ID!) { deleteSavedSearch(id: $id) }`);
