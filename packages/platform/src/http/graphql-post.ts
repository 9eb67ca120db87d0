import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { Metrics } from '../metrics.js';
import { ERRORS_METRIC } from '../observability/request-observer.js';
import { REQUEST_ID_HEADER, requestContextFrom, runInRequest } from '../logging/request-context.js';
import { MAX_REQUEST_BODY_BYTES } from './body-errors.js';

type Rejection = { message: string; extensions: { code: string } };

/** What a subgraph's GraphQL POST needs beyond Apollo Server: who is asking, the context built for them, where refusals count. */
export interface GraphQLPostOptions<TContext extends BaseContext> {
  service: string;
  metrics: Metrics;
  /** The caller's context, or the refusal to send when the request carries no valid identity. */
  contextOf(request: IncomingMessage): Promise<{ context: TContext } | { status: number; errors: Rejection[] }>;
}

/**
 * Whether this request is one `serveGraphQLPost` takes: a POST of plain JSON to /graphql. Anything else (another
 * route, a compressed or differently typed body) goes to the Express app, which answers it as before.
 */
export function isPlainGraphQLPost(request: IncomingMessage): boolean {
  const type = request.headers['content-type'] ?? '';
  const encoding = request.headers['content-encoding'];
  return (
    request.method === 'POST' &&
    request.url === '/graphql' &&
    /^application\/json\s*(;\s*charset=utf-8\s*)?$/i.test(type) &&
    (encoding === undefined || encoding === 'identity')
  );
}

/**
 * The subgraphs' hot path: the gateway's GraphQL POSTs, straight from node:http to Apollo Server. Express's router,
 * body parser and response helpers cost about an eighth of a small entity request's CPU (gateway-profile.ts
 * subgraphs), for a route that needs none of them. It answers as the Express route did: the same headers, the
 * same coded refusals for a body too large (413) or not JSON (400) and for a missing identity (401), counted alike.
 */
export async function serveGraphQLPost<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  options: GraphQLPostOptions<TContext>,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const requestContext = { ...requestContextFrom(request.headers), metrics: options.metrics };
  response.setHeader('x-content-type-options', 'nosniff');
  response.setHeader(REQUEST_ID_HEADER, requestContext.requestId);
  await runInRequest(requestContext, async () => {
    const body = await readJsonBody(request);
    if ('status' in body) {
      const tooLarge = body.status === 413;
      return reject(response, options, body.status, [{ message: tooLarge ? 'Request body too large' : 'Malformed request body', extensions: { code: 'BAD_REQUEST' } }]);
    }
    const caller = await options.contextOf(request);
    if ('status' in caller) return reject(response, options, caller.status, caller.errors);
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(request.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    const answer = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers, search: '', body: body.value },
      context: async () => caller.context,
    });
    for (const [key, value] of answer.headers) response.setHeader(key, value);
    response.statusCode = answer.status ?? 200;
    if (answer.body.kind === 'complete') {
      response.setHeader('content-length', Buffer.byteLength(answer.body.string));
      response.end(answer.body.string);
      return;
    }
    for await (const chunk of answer.body.asyncIterator) response.write(chunk);
    response.end();
  });
}

/**
 * The parsed body, or the status that refuses it: 413 past the limit, 400 when it is not a JSON object or array.
 * A refused body is not kept, but it is still read to its end (Node discards what follows once the answer is
 * sent), so the caller hears the 413 instead of a connection torn down under its upload.
 */
function readJsonBody(request: IncomingMessage): Promise<{ value: unknown } | { status: 400 | 413 }> {
  if (Number(request.headers['content-length']) > MAX_REQUEST_BODY_BYTES) return Promise.resolve({ status: 413 });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      if (size > MAX_REQUEST_BODY_BYTES) return;
      size += chunk.length;
      if (size <= MAX_REQUEST_BODY_BYTES) chunks.push(chunk);
      else resolve({ status: 413 });
    });
    request.on('error', reject);
    request.on('end', () => {
      if (size > MAX_REQUEST_BODY_BYTES) return;
      const text = Buffer.concat(chunks, size).toString('utf8');
      // As Express's JSON parser (strict): only an object or an array is a request body.
      if (!/^[\s\uFEFF]*[[{]/.test(text)) return resolve({ status: 400 });
      try {
        resolve({ value: JSON.parse(text) });
      } catch {
        resolve({ status: 400 });
      }
    });
  });
}

function reject(response: ServerResponse, options: { service: string; metrics: Metrics }, status: number, errors: Rejection[]): void {
  for (const { extensions } of errors)
    options.metrics.increment(ERRORS_METRIC, 'GraphQL errors sent to callers, by extensions.code', { service: options.service, code: extensions.code });
  const text = JSON.stringify({ errors });
  response.statusCode = status;
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.setHeader('content-length', Buffer.byteLength(text));
  response.end(text);
}
