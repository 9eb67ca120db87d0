import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type RequestHandler } from 'express';

/**
 * The app's CSP: the playground's, plus no framing, plugins or foreign form targets. Scripts come
 * only from this gateway (the build has no inline script), styles from it and the inline style
 * attributes React Aria sets, connections to this origin over HTTP and WebSocket. Media go straight
 * between the browser and object storage (a presigned PUT, signed GET URLs for photos), so the
 * configured media origins are allowed for connections and images, each by name: no wildcard.
 */
export function webAppCsp(mediaOrigins: readonly string[] = []): string {
  const media = mediaOrigins.map((origin) => ` ${origin}`).join('');
  return `default-src 'self'; script-src 'self'; connect-src 'self' ws: wss:${media}; img-src 'self' data:${media}; font-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'`;
}

/** Paths the app's history fallback never answers: the API, the playground and the operational endpoints. */
const NOT_APP = /^\/(graphql|health|ready|metrics)(\/|$)/;

/**
 * Serves the built app at `/`: hashed assets for a year, index.html (never cached) for any other
 * page a browser asks for, so a deep link such as /animals/<id> loads the app, which routes it.
 */
export function serveWebApp(distDir: string, mediaOrigins: readonly string[] = []): RequestHandler {
  const csp = webAppCsp(mediaOrigins);
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
    res.set({ 'content-security-policy': csp, 'cache-control': 'no-cache' }).sendFile(index);
  });
  return router;
}
