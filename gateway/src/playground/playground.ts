import { readFileSync } from 'node:fs';
import express, { type RequestHandler } from 'express';
import type { Logger } from '@studbook/platform';
import { loadPlaygroundAssets, type Asset } from './playground-assets.js';
import { playgroundHtml } from './playground-page.js';

const ASSET_PATH = '/-/playground';
const DEFAULT_HEADERS = JSON.stringify({ Authorization: 'Bearer <token from signIn>' }, null, 2);

/**
 * A browser's `GET /graphql` (it asks for text/html and sends no query) gets a self-hosted
 * GraphiQL; its scripts come from this gateway, so it works with no internet access. Every other
 * request falls through to the GraphQL endpoint unchanged. Mounted at the GraphQL path.
 */
export function servePlayground(options: { logger: Logger }): RequestHandler {
  const assets = loadPlaygroundAssets();
  const own: Asset = { body: readFileSync(new URL('./studbook-playground.js', import.meta.url)), contentType: 'text/javascript; charset=utf-8' };
  assets.set('studbook-playground.js', own);
  const router = express.Router();
  router.get(`${ASSET_PATH}/:name`, (req, res, next) => {
    const asset = assets.get(req.params.name);
    if (!asset) return next();
    res.set('cache-control', 'public, max-age=3600').type(asset.contentType).send(asset.body);
  });
  router.get('/', (req, res, next) => {
    if (req.query.query !== undefined || req.accepts(['application/json', 'text/html']) !== 'text/html') return next();
    const graphqlPath = req.baseUrl || '/graphql';
    res
      .set('content-security-policy', "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; font-src 'self' data:; style-src 'self' 'unsafe-inline'")
      .type('html')
      .send(playgroundHtml({ graphqlPath, assetBase: `${graphqlPath}${ASSET_PATH}`, headers: DEFAULT_HEADERS }));
  });
  options.logger.info('playground served at GET /graphql (browsers)', { assets: assets.size });
  return router;
}
