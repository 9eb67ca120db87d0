import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { assertRlsBoundRole } from './rls-bound-role.js';

async function withPool(url: string, work: (pool: pg.Pool) => Promise<void>) {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await work(pool);
  } finally {
    await pool.end();
  }
}

describe('assertRlsBoundRole', () => {
  it('accepts the service role', async () => {
    await withPool(inject('serviceDatabaseUrls').animal, (pool) => expect(assertRlsBoundRole(pool)).resolves.toBeUndefined());
  });

  it('refuses a superuser, which row-level security would not bind', async () => {
    await withPool(inject('postgresAdminUrl'), (pool) => expect(assertRlsBoundRole(pool)).rejects.toThrow(/bypasses row-level security/));
  });
});
