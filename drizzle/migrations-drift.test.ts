import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SERVICE_DATABASES } from './migrate.js';

const root = path.resolve(import.meta.dirname, '..');
// The package exports no bin path; bin.cjs sits beside its main file.
const drizzleKit = path.join(path.dirname(createRequire(import.meta.url).resolve('drizzle-kit')), 'bin.cjs');

/**
 * A schema.ts edited without `npm run db:generate` would reach no database: the migrations are
 * what migrate applies. drizzle-kit generate runs here on a copy of each migrations folder, so a
 * drifted schema shows as a new file there and the real folders are never touched.
 */
describe('the Drizzle schemas', () => {
  it.each(SERVICE_DATABASES)('of the %s database match its migrations', async (service) => {
    const scratch = await mkdtemp(path.join(os.tmpdir(), `studbook-drift-${service}-`));
    try {
      const migrations = path.join(root, 'drizzle', service, 'migrations');
      await cp(migrations, scratch, { recursive: true });
      // drizzle-kit reads --out relative to the working directory, even when it is absolute.
      const out = path.relative(root, scratch);
      await promisify(execFile)(process.execPath, [drizzleKit, 'generate', '--dialect', 'postgresql', '--schema', `drizzle/${service}/schema.ts`, '--out', out], {
        cwd: root,
        timeout: 30_000,
      });
      const generated = (await readdir(scratch, { recursive: true })).sort();
      expect(generated).toEqual((await readdir(migrations, { recursive: true })).sort());
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });
});
