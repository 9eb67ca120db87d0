// Completes dist/ after `tsc -p tsconfig.build.json`: the files the compiled code reads at run time
// (SDL, SQL migrations and functions, browser assets, word lists) and package.json files whose
// exports and start scripts name the compiled JavaScript, so `npm ci --omit=dev` in dist/ gives a
// runnable tree in which @studbook/* resolve to .js and nothing needs tsx.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');

/** Folders whose non-TypeScript files the compiled code opens beside itself. */
const ASSET_FOLDERS = [
  'schema',
  'drizzle',
  'gateway/src',
  'packages/platform/src',
  'packages/contracts/src',
  'subgraphs/animal/src',
  'subgraphs/commerce/src',
  'subgraphs/research/src',
  'subgraphs/user/src',
];
const NOT_ASSETS = /\.(ts|md)$|^package\.json$/;

export function isRuntimeAsset(name: string): boolean {
  return !NOT_ASSETS.test(name);
}

function copyAssets(folder: string): number {
  let copied = 0;
  for (const entry of readdirSync(path.join(root, folder), { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !isRuntimeAsset(entry.name)) continue;
    const from = path.join(entry.parentPath, entry.name);
    const to = path.join(dist, path.relative(root, from));
    mkdirSync(path.dirname(to), { recursive: true });
    cpSync(from, to);
    copied += 1;
  }
  return copied;
}

/**
 * The web app the gateway serves at / (gateway/src/web/web-paths.ts names the same places): its
 * build, when `npm run build:web` made one (the image's build stage does, before this script), and
 * the trusted documents the gateway holds for it. Without a build the gateway answers / with a 503 that says so.
 */
export const WEB_APP_FILES = ['web/dist', 'web/src/__generated__/persisted-documents.json'];

function copyWebApp(): string[] {
  const copied: string[] = [];
  for (const file of WEB_APP_FILES) {
    if (!existsSync(path.join(root, file))) continue;
    cpSync(path.join(root, file), path.join(dist, file), { recursive: true });
    copied.push(file);
  }
  return copied;
}

/** `./src/index.ts` becomes `./src/index.js`; `tsx src/index.ts` becomes `node src/index.js`. */
export function compiledManifest(manifest: Record<string, unknown>): Record<string, unknown> {
  const toJs = (value: string) => value.replace(/\.ts$/, '.js');
  const exportsField = manifest.exports as Record<string, string> | undefined;
  const scripts = manifest.scripts as Record<string, string> | undefined;
  return {
    ...manifest,
    ...(exportsField ? { exports: Object.fromEntries(Object.entries(exportsField).map(([key, target]) => [key, toJs(target)])) } : {}),
    ...(scripts?.start ? { scripts: { start: scripts.start.replace(/^tsx (\S+)\.ts$/, 'node $1.js') } } : {}),
  };
}

/** The workspace folders the root package.json names, relative to the repository. */
export function workspaceFolders(): string[] {
  const { workspaces } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { workspaces: string[] };
  return workspaces.flatMap((pattern) =>
    pattern.endsWith('/*')
      ? readdirSync(path.join(root, pattern.slice(0, -2)), { withFileTypes: true })
          .filter((entry) => entry.isDirectory() && existsSync(path.join(root, pattern.slice(0, -2), entry.name, 'package.json')))
          .map((entry) => `${pattern.slice(0, -2)}/${entry.name}`)
      : [pattern],
  );
}

function writeManifests(): void {
  for (const folder of ['.', ...workspaceFolders()]) {
    const manifest = JSON.parse(readFileSync(path.join(root, folder, 'package.json'), 'utf8')) as Record<string, unknown>;
    // The root's scripts run TypeScript sources; in dist/ only the deployables' own start scripts mean anything.
    const output = folder === '.' ? { ...manifest, scripts: {} } : compiledManifest(manifest);
    mkdirSync(path.join(dist, folder), { recursive: true });
    writeFileSync(path.join(dist, folder, 'package.json'), `${JSON.stringify(output, null, 2)}\n`);
  }
  cpSync(path.join(root, 'package-lock.json'), path.join(dist, 'package-lock.json'));
}

if (process.argv[1] === import.meta.filename) {
  const copied = ASSET_FOLDERS.reduce((total, folder) => total + copyAssets(folder), 0);
  writeManifests();
  const web = copyWebApp();
  console.log(`dist/: ${copied} runtime files copied beside the compiled JavaScript`);
  console.log(
    web.includes('web/dist') ? 'dist/web/dist: the web app, served by the gateway at /' : 'no web/dist: run `npm run build:web` first for a gateway that serves the app',
  );
}
