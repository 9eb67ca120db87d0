import type { ErrorRequestHandler } from 'express';
import { ErrorCode } from '../errors.js';

/**
 * The last Express handler: a body that is not JSON, or too large, gets a GraphQL-shaped error
 * instead of Express's default page, which carries a stack trace outside production.
 */
export const bodyErrors: ErrorRequestHandler = (error, _req, res, next) => {
  if (res.headersSent) return next(error);
  const status = Number((error as { status?: unknown }).status);
  const clientError = status >= 400 && status < 500;
  const message = status === 413 ? 'Request body too large' : clientError ? 'Malformed request body' : 'Internal server error';
  res.status(clientError ? status : 500).json({ errors: [{ message, extensions: { code: clientError ? 'BAD_REQUEST' : ErrorCode.Internal } }] });
};
