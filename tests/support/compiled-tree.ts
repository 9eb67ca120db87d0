import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { workspaceFolders } from '../../scripts/build-output.js';
import { repoRoot } from './processes.js';

export const distRoot = path.join(repoRoot, 'dist');

/** Runs `npm run build:web && npm run build` as the image's build stage does; throws with the output of the one that fails. */
export function buildDeployables(): void {
  for (const script of ['build:web', 'build']) {
    const result = spawnSync('npm', ['run', script], { cwd: repoRoot, encoding: 'utf8', env: process.env });
    if (result.status !== 0) throw new Error(`npm run ${script} failed:\n${result.stdout}\n${result.stderr}`);
  }
}

/** The top-level packages `npm ci --omit=dev` installs (the workspaces aside), as node_modules/<name>. */
export function productionPackages(): string[] {
  const listing = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const topLevel = /^node_modules\/(?:@[^/]+\/)?[^/@]+$/;
  return [...new Set(listing.split('\n').map((line) => path.relative(repoRoot, line)))].filter(
    (line) => topLevel.test(line) && !line.startsWith('node_modules/@studbook/'),
  );
}

/**
 * Lays out dist/node_modules as the runtime image has it without installing again: links to the
 * production packages only (no tsx, no dev tools) and the workspaces pointing at their compiled
 * folders in dist/, as npm's workspace links do there.
 */
export function linkProductionNodeModules(): void {
  const modules = path.join(distRoot, 'node_modules');
  rmSync(modules, { recursive: true, force: true });
  for (const entry of productionPackages()) {
    mkdirSync(path.dirname(path.join(distRoot, entry)), { recursive: true });
    symlinkSync(path.join(repoRoot, entry), path.join(distRoot, entry));
  }
  mkdirSync(path.join(modules, '@studbook'), { recursive: true });
  for (const folder of workspaceFolders()) {
    const { name } = JSON.parse(readFileSync(path.join(distRoot, folder, 'package.json'), 'utf8')) as { name: string };
    symlinkSync(path.join(distRoot, folder), path.join(modules, name));
  }
}

/** Every file under a dist/ folder whose name passes `keep`, as paths relative to dist/. */
export function distFiles(folder: string, keep: (name: string) => boolean): string[] {
  return readdirSync(path.join(distRoot, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && keep(entry.name))
    .map((entry) => path.relative(distRoot, path.join(entry.parentPath, entry.name)));
}
