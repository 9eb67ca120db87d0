import cors from 'cors';
import type { Request, RequestHandler } from 'express';

/**
 * CORS for the API: a browser page may call it from the gateway's own origin (the playground)
 * or from an origin in the allow-list, never from anywhere else. Answers preflights itself, so
 * it must sit in front of every other handler on the path.
 */
export function corsPolicy(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  const withCors = cors((req, callback) => {
    const origin = req.headers.origin;
    const permitted = origin !== undefined && (allowed.has(origin) || origin === ownOrigin(req as Request));
    callback(null, {
      origin: permitted ? origin : false,
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ['content-type', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name', 'x-request-id', 'traceparent'],
      // A web app can show the id support should search the logs for.
      exposedHeaders: ['x-request-id'],
      maxAge: 600,
    });
  });
  return (req, res, next) =>
    withCors(req, res, (error?: unknown) => {
      if (error || req.method !== 'OPTIONS') return next(error);
      // A preflight from an origin not on the list ends here, without CORS headers: the browser
      // then refuses the call, and no route behind (the playground's, Express's default) answers it.
      res.status(204).end();
    });
}

function ownOrigin(req: Request): string {
  return `${req.protocol}://${req.get('host')}`;
}
