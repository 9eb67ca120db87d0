import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { webBuildIsCurrent, webSourceHash } from './web-build.js';

let dir: string;

function webWorkspace(): string {
  dir = mkdtempSync(path.join(tmpdir(), 'studbook-web-'));
  mkdirSync(path.join(dir, 'src'));
  writeFileSync(path.join(dir, 'src', 'main.tsx'), 'export const a = 1;');
  writeFileSync(path.join(dir, 'index.html'), '<div id="root"></div>');
  return dir;
}

function build(web: string): void {
  mkdirSync(path.join(web, 'dist'), { recursive: true });
  writeFileSync(path.join(web, 'dist', 'index.html'), 'built');
  writeFileSync(path.join(web, 'dist', '.source-hash'), webSourceHash(web));
}

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('whether npm start must build the web app', () => {
  it('builds when there is no build, and not again while the sources are unchanged', () => {
    const web = webWorkspace();
    expect(webBuildIsCurrent(web)).toBe(false);
    build(web);
    expect(webBuildIsCurrent(web)).toBe(true);
  });

  it('builds again when a source changes, is added, or index.html changes; a test file does not count', () => {
    const web = webWorkspace();
    build(web);
    writeFileSync(path.join(web, 'src', 'main.test.ts'), 'test');
    expect(webBuildIsCurrent(web)).toBe(true);
    writeFileSync(path.join(web, 'src', 'main.tsx'), 'export const a = 2;');
    expect(webBuildIsCurrent(web)).toBe(false);
    build(web);
    writeFileSync(path.join(web, 'src', 'page.tsx'), 'export {};');
    expect(webBuildIsCurrent(web)).toBe(false);
    build(web);
    writeFileSync(path.join(web, 'index.html'), '<main></main>');
    expect(webBuildIsCurrent(web)).toBe(false);
  });
});
