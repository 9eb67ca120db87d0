import { GraphQLError } from 'graphql';
import type { SubscriptionResolvers } from '../../../__generated__/resolvers-types.js';

/**
 * The gateway serves this subscription itself, over its graphql-ws endpoint, from the
 * savedSearch.matched events it hears (gateway/src/realtime/subscriptions/saved-search-matches.ts);
 * this subgraph only declares it and answers the replay and read queries.
 */
function servedByTheGateway(): never {
  throw new GraphQLError("Subscriptions are served by the gateway's WebSocket endpoint (graphql-ws), not by the commerce subgraph", {
    extensions: { code: 'BAD_REQUEST' },
  });
}

export const Subscription: SubscriptionResolvers = {
  savedSearchMatches: { subscribe: servedByTheGateway, resolve: servedByTheGateway },
};
