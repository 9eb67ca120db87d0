import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../auth/caller.js';
import { budgetError, type BudgetLimits } from './operation-budget.js';

/**
 * Prices every operation Apollo Server runs once it is validated and its variables and caller are
 * known, and refuses one over its caller's budget before the query planner sends anything to a
 * subgraph. Over HTTP, budget-middleware.ts has already refused most before validation; this is
 * the check every path shares (operations run for WebSocket connections through runAsCaller too).
 */
export function operationBudget(limits: BudgetLimits): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          if (!operation) return; // operationResolution answers that
          const error = budgetError(schema, document, operation, request.variables, contextValue.identity.kind === 'anonymous', limits);
          // 400: the same operation is refused every time, unlike a throttled one (429).
          if (error) throw new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 400 } } });
        },
      };
    },
  };
}
