import { sendRejection } from '@studbook/platform';
import type { NextFunction, Request, Response } from 'express';
import type { GraphQLSchema } from 'graphql';
import { sourceBudgetError, type BudgetLimits } from './operation-budget.js';

/**
 * Refuses an over-budget operation before Apollo Server parses and validates it: for a document
 * of thousands of tokens validation is the costliest step before execution (tens of ms for the
 * bombs of issue 9), and a refusal must cost less than the simple queries it would delay. Apollo
 * offers no hook before validation that can answer a request, hence an Express middleware.
 * A caller with an Authorization header is priced as signed in: with an invalid token, Apollo
 * Server answers 401 before its own parse and validation. The plugin (budget-plugin.ts) checks again after validation,
 * with the caller resolved, for every operation Apollo runs.
 */
export function budgetMiddleware(schema: () => GraphQLSchema | undefined, limits: BudgetLimits) {
  return (req: Request, res: Response, next: NextFunction) => {
    const apiSchema = schema();
    const request = graphqlRequestOf(req);
    if (!apiSchema || !request) return next();
    const error = sourceBudgetError(apiSchema, request.query, request.operationName, request.variables, !req.header('authorization'), limits);
    if (!error) return next();
    // 400: the same operation is refused every time, unlike a throttled one (429).
    sendRejection(res, 400, [{ message: error.message, extensions: error.extensions as { code: string } }]);
  };
}

/** The operation of a POST body or GET query string; anything else is Apollo Server's to refuse. */
function graphqlRequestOf(req: Request): { query: string; operationName?: string; variables?: Record<string, unknown> } | null {
  const source = req.method === 'GET' ? req.query : req.body;
  if (!source || typeof source !== 'object' || Array.isArray(source) || typeof source.query !== 'string') return null;
  let variables: unknown = source.variables;
  if (typeof variables === 'string') {
    try {
      variables = JSON.parse(variables);
    } catch {
      return null;
    }
  }
  return {
    query: source.query,
    operationName: typeof source.operationName === 'string' ? source.operationName : undefined,
    variables: variables && typeof variables === 'object' ? (variables as Record<string, unknown>) : undefined,
  };
}
