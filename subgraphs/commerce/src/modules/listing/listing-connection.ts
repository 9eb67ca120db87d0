import { createdAtCursor, toConnection } from '@studbook/platform';
import type { ListingPage } from './listing-service.js';

/**
 * A page of listings as a connection whose endCursor is where the page stopped reading, which
 * may be past its last edge (at listings hidden from the caller): were it the last edge's, a
 * page of hidden listings only would have no endCursor and the buyer could never page past it.
 */
export function listingConnection(page: ListingPage) {
  const connection = toConnection(page);
  return { ...connection, pageInfo: { ...connection.pageInfo, endCursor: page.lastRead ? createdAtCursor(page.lastRead) : null } };
}
