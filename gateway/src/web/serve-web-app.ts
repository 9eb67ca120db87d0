import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type RequestHandler } from 'express';

/**
 * The app's CSP: the playground's, plus no framing, plugins or foreign form targets. Scripts come
 * only from this gateway (the build has no inline script), styles from it and the inline style
 * attributes React Aria sets, connections to this origin over HTTP and WebSocket.
 */
export const WEB_APP_CSP =
  "default-src 'self'; script-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; font-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/** Paths the app's history fallback never answers: the API, the playground and the operational endpoints. */
const NOT_APP = /^\/(graphql|health|ready|metrics)(\/|$)/;

/**
 * Serves the built app at `/`: hashed assets for a year, index.html (never cached) for any other
 * page a browser asks for, so a deep link such as /animals/<id> loads the app, which routes it.
 */
export function serveWebApp(distDir: string): RequestHandler {
  const router = express.Router();
  const index = path.join(distDir, 'index.html');
  router.use('/assets', express.static(path.join(distDir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }));
  router.use(express.static(distDir, { index: false, maxAge: '1h' }));
  router.get(/.*/, (req, res, next) => {
    if (NOT_APP.test(req.path) || req.accepts(['text/html', 'application/json']) !== 'text/html') return next();
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send('The web app is not built yet: `npm start` builds it, or run `npm run build -w web`.\n');
      return;
    }
    res.set({ 'content-security-policy': WEB_APP_CSP, 'cache-control': 'no-cache' }).sendFile(index);
  });
  return router;
}
