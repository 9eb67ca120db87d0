import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** What the build is made from; the stamp in dist/ records their hash. */
const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json', 'tsconfig.json'];
const STAMP = '.source-hash';

function filesUnder(entry: string): string[] {
  if (!existsSync(entry)) return [];
  if (!statSync(entry).isDirectory()) return [entry];
  return readdirSync(entry)
    .sort()
    .flatMap((name) => filesUnder(path.join(entry, name)));
}

/** A hash of every source file of the app, by path and content. */
export function webSourceHash(webDir: string): string {
  const hash = createHash('sha256');
  for (const file of SOURCES.flatMap((source) => filesUnder(path.join(webDir, source)))) {
    if (file.endsWith('.test.ts')) continue;
    hash.update(path.relative(webDir, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** Whether dist/ was built from the sources as they are now. */
export function webBuildIsCurrent(webDir: string, distDir = path.join(webDir, 'dist')): boolean {
  const stamp = path.join(distDir, STAMP);
  return existsSync(path.join(distDir, 'index.html')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === webSourceHash(webDir);
}

/**
 * Builds the app with Vite when its build is missing or older than its sources (`npm start`, the
 * browser tests), then stamps it. Returns whether it built.
 */
export function ensureWebBuild(webDir: string, log: (message: string) => void = () => {}): boolean {
  const distDir = path.join(webDir, 'dist');
  if (webBuildIsCurrent(webDir, distDir)) return false;
  log('building the web app (its sources changed since the last build)');
  const viteBin = path.join(path.dirname(createRequire(path.join(webDir, 'package.json')).resolve('vite/package.json')), 'bin', 'vite.js');
  const hash = webSourceHash(webDir);
  // A production build whatever the caller runs under (vitest sets NODE_ENV=test, which would bundle React's development build).
  const env = { ...process.env, NODE_ENV: 'production' };
  const build = spawnSync(process.execPath, [viteBin, 'build', '--logLevel', 'warn'], { cwd: webDir, stdio: 'inherit', env });
  if (build.status !== 0) throw new Error(`the web app's build failed (exit ${build.status}): run npm run build -w web to see why`);
  writeFileSync(path.join(distDir, STAMP), hash);
  return true;
}
