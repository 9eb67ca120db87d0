import type { RequestHandler } from 'express';

/** Headers every gateway response carries (X-Powered-By is switched off on the app itself). */
export const securityHeaders: RequestHandler = (_req, res, next) => {
  // A JSON error body must never be sniffed into HTML or script by a browser.
  res.setHeader('x-content-type-options', 'nosniff');
  next();
};
