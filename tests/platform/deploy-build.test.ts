import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compiledManifest, isRuntimeAsset, workspaceFolders } from '../../scripts/build-output.js';
import { repoRoot } from '../support/processes.js';

const readJson = (file: string) => JSON.parse(readFileSync(path.join(repoRoot, file), 'utf8').replace(/^\s*\/\/.*$/gm, ''));
const buildFiles = (readJson('tsconfig.build.json') as { files: string[] }).files;

describe('npm run build', () => {
  it('compiles every module a workspace package exports, which tsc would skip as reached through node_modules', () => {
    for (const folder of workspaceFolders()) {
      const { exports: targets = {} } = readJson(`${folder}/package.json`) as { exports?: Record<string, string> };
      for (const target of Object.values(targets)) expect(buildFiles, folder).toContain(path.posix.join(folder, target));
    }
  });

  it('compiles every entry a workspace starts with', () => {
    for (const folder of workspaceFolders().filter((candidate) => candidate !== 'embedded')) {
      const start = (readJson(`${folder}/package.json`) as { scripts?: { start?: string } }).scripts?.start;
      if (start) expect(buildFiles, folder).toContain(path.posix.join(folder, start.replace(/^tsx /, '')));
    }
  });

  it('writes manifests that name the compiled JavaScript and start it with node', () => {
    expect(compiledManifest({ name: '@studbook/platform', exports: { '.': './src/index.ts' } })).toEqual({
      name: '@studbook/platform',
      exports: { '.': './src/index.js' },
    });
    expect(compiledManifest({ name: '@studbook/gateway', scripts: { start: 'tsx src/index.ts' } })).toEqual({
      name: '@studbook/gateway',
      scripts: { start: 'node src/index.js' },
    });
  });

  it('copies what the code reads beside itself, not sources, docs or manifests', () => {
    for (const asset of ['animal.graphql', '0000_init.sql', '_journal.json', 'studbook-playground.js', 'common-passwords.txt'])
      expect(isRuntimeAsset(asset), asset).toBe(true);
    for (const source of ['server.ts', 'README.md', 'package.json']) expect(isRuntimeAsset(source), source).toBe(false);
  });
});
