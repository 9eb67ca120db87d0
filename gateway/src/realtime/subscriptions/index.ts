import { subscriptionRegistry } from '../subscription-registry.js';
import { breedingSessionEvents } from './breeding-session-events.js';
import { savedSearchMatches } from './saved-search-matches.js';

/** Every Subscription field of the supergraph; a new one is a file here and a line below. */
export const SUBSCRIPTIONS = subscriptionRegistry([breedingSessionEvents, savedSearchMatches]);
