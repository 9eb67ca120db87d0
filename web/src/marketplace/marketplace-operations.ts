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
