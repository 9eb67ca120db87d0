import type { ApolloServer } from '@apollo/server';
import type { FormattedExecutionResult as ExecutionResult } from 'graphql';
import type { IdentitySigner, UserIdentity } from '@studbook/platform';
import type { GatewayContext } from '../auth/caller.js';

export interface Caller {
  identity: UserIdentity;
  sessionHash?: string;
}

/** Runs an operation through the gateway's own executor as the given caller (query planner, RLS). */
export type RunAs = (caller: Caller, query: string, variables: Record<string, unknown>) => Promise<ExecutionResult>;

/**
 * Executes an operation through the gateway's own ApolloServer as a caller: the same validation,
 * query planner, identity forwarding and error masking as an HTTP request from that caller.
 */
export function runAsCaller(apollo: ApolloServer<GatewayContext>, identitySigner: IdentitySigner): RunAs {
  return async (caller, query, variables) => {
    const identityToken = await identitySigner.sign(caller.identity);
    const response = await apollo.executeOperation({ query, variables }, { contextValue: { identity: caller.identity, identityToken, sessionHash: caller.sessionHash } });
    if (response.body.kind !== 'single') throw new Error('incremental delivery is not supported on subscriptions');
    return response.body.singleResult;
  };
}
