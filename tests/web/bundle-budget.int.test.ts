import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { WEB_DIST_DIR } from '@studbook/gateway/src/web/web-paths.js';

/** Gzipped JavaScript a first visit downloads before the app can draw: the entry and what it imports statically. */
const INITIAL_JS_BUDGET = 250 * 1024;

const STATIC_IMPORT = /\bfrom\s*"\.\/([\w.-]+\.js)"|\bimport\s*"\.\/([\w.-]+\.js)"/g;

function initialChunks(): string[] {
  const html = readFileSync(path.join(WEB_DIST_DIR, 'index.html'), 'utf8');
  const entries = [...html.matchAll(/<script type="module"[^>]*src="\/assets\/([^"]+)"/g), ...html.matchAll(/rel="modulepreload"[^>]*href="\/assets\/([^"]+)"/g)].map(
    (m) => m[1],
  );
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const match of readFileSync(path.join(WEB_DIST_DIR, 'assets', file), 'utf8').matchAll(STATIC_IMPORT)) visit(match[1] ?? match[2]);
  };
  for (const entry of entries) visit(entry);
  return [...seen];
}

describe("the web app's bundle", () => {
  it('loads at most 250 kB of gzipped JavaScript first; each page comes in its own chunk', () => {
    const chunks = initialChunks();
    expect(chunks.length).toBeGreaterThan(0);
    const bytes = chunks.reduce((sum, file) => sum + gzipSync(readFileSync(path.join(WEB_DIST_DIR, 'assets', file))).length, 0);
    console.info(`initial JavaScript: ${(bytes / 1024).toFixed(1)} kB gzipped in ${chunks.length} chunk(s)`);
    expect(bytes).toBeLessThanOrEqual(INITIAL_JS_BUDGET);
    for (const page of ['AnimalPage', 'PairingPlannerPage', 'SessionPage', 'CollectionPage', 'HerdbookImportPage', 'ProjectPage', 'EvaluationsPage', 'TimeChart']) {
      expect(
        chunks.some((file) => file.startsWith(page)),
        `${page} is not in the first download`,
      ).toBe(false);
    }
  });

  it('keeps the chart library in the chart chunk, which no first download and no page chunk carries', () => {
    const assets = readdirSync(path.join(WEB_DIST_DIR, 'assets')).filter((file) => file.endsWith('.js'));
    // uPlot's DOM class names (u-over, its cursor overlay) survive minification: they mark its code.
    const withUplot = assets.filter((file) => readFileSync(path.join(WEB_DIST_DIR, 'assets', file), 'utf8').includes('u-over'));
    expect(withUplot.length).toBe(1);
    expect(withUplot[0]).toMatch(/^TimeChart-/);
    expect(initialChunks()).not.toContain(withUplot[0]);
  });
});
