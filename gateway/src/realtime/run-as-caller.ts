import type { ApolloServer } from '@apollo/server';
import type { IdentitySigner } from '@studbook/platform';
import type { GatewayContext } from '../auth/caller.js';
import type { RunAs } from './breeding-event-feeds.js';

/**
 * Executes an operation through the gateway's own ApolloServer as a caller: the same validation,
 * query planner, identity forwarding and error masking as an HTTP request from that caller.
 */
export function runAsCaller(apollo: ApolloServer<GatewayContext>, identitySigner: IdentitySigner): RunAs {
  return async (caller, query, variables) => {
    const identityToken = await identitySigner.sign(caller.identity);
    const response = await apollo.executeOperation(
      { query, variables },
      { contextValue: { identity: caller.identity, identityToken, sessionHash: caller.sessionHash } },
    );
    if (response.body.kind !== 'single') throw new Error('incremental delivery is not supported on subscriptions');
    return response.body.singleResult;
  };
}
