import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** Browser builds the playground page loads, served from the installed npm packages (no CDN). */
const ASSETS = {
  'react.js': ['react', 'umd/react.production.min.js', 'text/javascript'],
  'react-dom.js': ['react-dom', 'umd/react-dom.production.min.js', 'text/javascript'],
  'graphiql.js': ['graphiql', 'graphiql.min.js', 'text/javascript'],
  'graphiql.css': ['graphiql', 'graphiql.min.css', 'text/css'],
  'graphql-ws.js': ['graphql-ws', 'umd/graphql-ws.min.js', 'text/javascript'],
} as const;

export type AssetName = keyof typeof ASSETS;

export interface Asset {
  body: Buffer;
  contentType: string;
}

/** Reads every asset once; a missing package fails at start, not on a user's first visit. */
export function loadPlaygroundAssets(): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const [name, [pkg, file, contentType]] of Object.entries(ASSETS)) {
    const root = path.dirname(require.resolve(`${pkg}/package.json`));
    assets.set(name, { body: readFileSync(path.join(root, file)), contentType: `${contentType}; charset=utf-8` });
  }
  return assets;
}
