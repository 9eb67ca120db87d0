import { graphql } from '../__generated__';

export const SALE_FIELDS = graphql(`
  fragment WebSaleFields on Sale {
    id state price currency expiresAt reason completedAt createdAt
    seller { id name }
    buyer { id name }
    listing { id title }
    animal { id name }
    soldAnimal { name species sex genesInOneCopy genesInTwoCopies }
    history { state at reason }
    review { id rating text createdAt }
  }
`);

export const MY_PURCHASES = graphql(`
  query WebMyPurchases($first: Int!, $after: String) {
    myPurchases(first: $first, after: $after) { edges { node { ...WebSaleFields } } pageInfo { hasNextPage endCursor } }
  }
`);

export const MY_SALES = graphql(`
  query WebMySales($first: Int!, $after: String) {
    mySales(first: $first, after: $after) { edges { node { ...WebSaleFields } } pageInfo { hasNextPage endCursor } }
  }
`);

export const SALE = graphql(`query WebSale($id: ID!) { sale(id: $id) { ...WebSaleFields } }`);

export const RESERVE_LISTING = graphql(`
  mutation WebReserveListing($listingId: ID!, $idempotencyKey: String) {
    reserveListing(listingId: $listingId, idempotencyKey: $idempotencyKey) { ...WebSaleFields listing { id status } }
  }
`);

export const ACCEPT_RESERVATION = graphql(`mutation WebAcceptReservation($id: ID!) { acceptReservation(id: $id) { ...WebSaleFields } }`);

export const DECLINE_RESERVATION = graphql(
  `mutation WebDeclineReservation($id: ID!, $reason: String!) { declineReservation(id: $id, reason: $reason) { ...WebSaleFields } }`,
);

export const COMPLETE_SALE = graphql(`mutation WebCompleteSale($saleId: ID!) { completeSale(saleId: $saleId) { ...WebSaleFields } }`);

export const CANCEL_SALE = graphql(`mutation WebCancelSale($id: ID!, $reason: String) { cancelSale(id: $id, reason: $reason) { ...WebSaleFields } }`);

export const REVIEW_SALE = graphql(`
  mutation WebReviewSale($input: ReviewSaleInput!) { reviewSale(input: $input) { id rating text createdAt author { id name } seller { id } } }
`);
