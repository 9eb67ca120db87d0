import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { trace as otelTrace } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import type { Metrics } from '../metrics.js';
import { tracingEnabled } from '../tracing/tracing.js';

export const REQUEST_ID_HEADER = 'x-request-id';
export const TRACEPARENT_HEADER = 'traceparent';

/** What every log line of one request carries, in the gateway and in each subgraph it asks. */
export interface RequestContext {
  requestId: string;
  /** The trace of this request: with tracing on, its OpenTelemetry trace id; off, the W3C trace-id of the caller's `traceparent`, when it sent one. */
  traceId?: string;
  /** Tracing off: the caller's `traceparent` as received, forwarded unchanged to the subgraphs. On, the SDK sends its own. */
  traceparent?: string;
  /** The serving deployable's metrics, for what a request's code records without being handed them (DataLoader batch sizes). */
  metrics?: Metrics;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The request being served on this async path, if any. */
export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

export function runInRequest<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

// A caller's id is echoed into logs and headers: only a short token of safe characters is kept.
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
// W3C Trace Context level 1: version 00, a non-zero 16-byte trace-id and 8-byte parent-id, flags.
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

/**
 * The caller's `x-request-id` when it is a safe token, else a fresh one; the trace id of the span
 * serving the request when tracing is on (its parent is the caller's `traceparent`), else that of a valid `traceparent`.
 */
export function requestContextFrom(headers: IncomingHttpHeaders): RequestContext {
  const given = headers[REQUEST_ID_HEADER];
  const requestId = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  if (tracingEnabled()) {
    const span = otelTrace.getActiveSpan()?.spanContext();
    return span && otelTrace.isSpanContextValid(span) ? { requestId, traceId: span.traceId } : { requestId };
  }
  const traceparent = headers[TRACEPARENT_HEADER];
  const trace = typeof traceparent === 'string' ? TRACEPARENT.exec(traceparent.trim()) : null;
  if (!trace || /^0+$/.test(trace[1]) || /^0+$/.test(trace[2])) return { requestId };
  return { requestId, traceId: trace[1], traceparent: traceparent as string };
}

/** Express middleware: runs the rest of the request in its context and echoes the request id to the caller. */
export function requestContextMiddleware(metrics?: Metrics): (req: Request, res: Response, next: NextFunction) => void {
  return (req, res, next) => {
    const context = { ...requestContextFrom(req.headers), metrics };
    res.setHeader(REQUEST_ID_HEADER, context.requestId);
    runInRequest(context, next);
  };
}

/** The headers that carry the current request's ids to another service. */
export function requestContextHeaders(): Record<string, string> {
  const context = currentRequest();
  if (!context) return {};
  return { [REQUEST_ID_HEADER]: context.requestId, ...(context.traceparent ? { [TRACEPARENT_HEADER]: context.traceparent } : {}) };
}
