import type { ErrorRequestHandler } from 'express';
import { ErrorCode } from '../errors.js';
import { sendRejection } from './rejections.js';

/** The largest request body the gateway and subgraphs accept: a 200,000-animal herdbook import is about 14 MB of JSON. */
export const MAX_REQUEST_BODY = '16mb';
/** The same in bytes, as Express reads '16mb', for the bodies read without it. */
export const MAX_REQUEST_BODY_BYTES = 16 * 1024 * 1024;

/**
 * The last Express handler: a body that is not JSON, or too large, gets a GraphQL-shaped error
 * instead of Express's default page, which carries a stack trace outside production.
 */
export const bodyErrors: ErrorRequestHandler = (error, _req, res, next) => {
  if (res.headersSent) return next(error);
  const status = Number((error as { status?: unknown }).status);
  const clientError = status >= 400 && status < 500;
  const message = status === 413 ? 'Request body too large' : clientError ? 'Malformed request body' : 'Internal server error';
  sendRejection(res, clientError ? status : 500, [{ message, extensions: { code: clientError ? 'BAD_REQUEST' : ErrorCode.Internal } }]);
};
