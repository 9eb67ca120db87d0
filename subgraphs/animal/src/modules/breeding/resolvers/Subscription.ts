import { GraphQLError } from 'graphql';
import type { SubscriptionResolvers } from '../../../__generated__/resolvers-types.js';

/**
 * The gateway serves this subscription itself, over its graphql-ws endpoint, from the outbox events
 * it hears (gateway/src/realtime/); this subgraph only declares it in its SDL. An operation that
 * reaches the subgraph anyway (over HTTP, where graphql-js would run `resolve`) is told where to go.
 */
function servedByTheGateway(): never {
  throw new GraphQLError("Subscriptions are served by the gateway's WebSocket endpoint (graphql-ws), not by the animal subgraph", {
    extensions: { code: 'BAD_REQUEST' },
  });
}

export const Subscription: SubscriptionResolvers = {
  breedingSessionEvents: { subscribe: servedByTheGateway, resolve: servedByTheGateway },
};
