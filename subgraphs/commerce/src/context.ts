import type { Identity } from '@studbook/platform';
import type { ListingService } from './modules/listing/listing-service.js';

/** What every commerce resolver receives; built fresh per request. */
export interface SubgraphContext {
  identity: Identity;
  listings: ListingService;
}
