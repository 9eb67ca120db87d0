import type { RequestHandler, Response } from 'express';
import type { Metrics } from '../metrics.js';
import { ERRORS_METRIC } from '../observability/request-observer.js';

interface RejectionCounter {
  service: string;
  metrics: Metrics;
}

const COUNTER = 'studbookRejectionCounter';

/**
 * Where the errors of requests refused before Apollo Server (body too large or not JSON, throttled,
 * over budget, untrusted document, no identity token) are counted: in the same errors-by-code series
 * as Apollo's, so a flood of refusals shows on the dashboard like any other error.
 */
export function countRejectionsAs(service: string, metrics: Metrics): RequestHandler {
  const counter: RejectionCounter = { service, metrics };
  return (_req, res, next) => {
    res.locals[COUNTER] = counter;
    next();
  };
}

/** Answers a request refused before Apollo with a GraphQL-shaped error body, counting each error by its code. */
export function sendRejection(res: Response, status: number, errors: { message: string; extensions: { code: string } & Record<string, unknown> }[]): void {
  const counter = res.locals[COUNTER] as RejectionCounter | undefined;
  for (const { extensions } of errors)
    counter?.metrics.increment(ERRORS_METRIC, 'GraphQL errors sent to callers, by extensions.code', { service: counter.service, code: extensions.code });
  res.status(status).json({ errors });
}
