import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createAnimal, gql, newOrganization } from '../support/gateway-client.js';
import { asAdmin } from '../support/postgres.js';
import { graphql } from '../__generated__/index.js';

const IMPORT = graphql(`mutation ImportLockingImport($input: ImportPedigreeInput!) { importPedigree(input: $input) { imported errors { line message } } }`);
const SET_PARENTS = graphql(`mutation ImportLockingSetParents($a: ID!, $s: ID) { setParents(animalId: $a, sireId: $s) { sire { id } } }`);

/** A superuser session on the animal database, to hold a row lock the way a slow concurrent writer would. */
async function adminClient(): Promise<pg.Client> {
  const url = new URL(inject('postgresAdminUrl'));
  url.pathname = new URL(inject('serviceDatabaseUrls').animal).pathname;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return client;
}

const within = <T>(work: Promise<T>, ms: number) =>
  Promise.race([work.then((value) => ({ done: true as const, value })), new Promise<{ done: false }>((resolve) => setTimeout(() => resolve({ done: false }), ms))]);

describe('a herdbook import in flight', () => {
  it("does not hold up another organisation's setParents (no global lineage lock), and still completes", async () => {
    const [farm, other] = await Promise.all([newOrganization('Slow import'), newOrganization('Meanwhile')]);
    const ram = await createAnimal(farm, { name: 'Stud ram', species: 'Sheep', sex: 'MALE', externalId: 'RAM1', hatchDate: '2010-01-01' });
    const [sire, lamb] = [
      await createAnimal(other, { name: 'Other sire', species: 'Sheep', sex: 'MALE', hatchDate: '2010-01-01' }),
      await createAnimal(other, { name: 'Other lamb', species: 'Sheep', sex: 'FEMALE', hatchDate: '2015-01-01' }),
    ];
    // Hold the import open: a concurrent writer keeps the parent it names locked.
    const holder = await adminClient();
    try {
      await holder.query('begin');
      await holder.query('select 1 from animals where id = $1 for update', [ram.id]);
      const csv = ['id,sire,dam,sex', ...Array.from({ length: 500 }, (_, i) => `L${i},RAM1,,F`)].join('\n');
      const importing = gql(IMPORT, { input: { species: 'Sheep', csv } }, farm.token);
      for (let i = 0; i < 100; i++) {
        const [{ waiting }] = await asAdmin(
          'animal',
          `select count(*)::int as waiting from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`,
        );
        if (waiting > 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const meanwhile = await within(gql(SET_PARENTS, { a: lamb.id, s: sire.id }, other.token), 10_000);
      expect(meanwhile.done).toBe(true);
      if (meanwhile.done) expect(meanwhile.value.data?.setParents).toEqual({ sire: { id: sire.id } });
      expect((await within(importing, 300)).done).toBe(false); // still waiting for the parent
      await holder.query('commit');
      const imported = await importing;
      expect(imported.data?.importPedigree).toEqual({ imported: 500, errors: [] });
    } finally {
      await holder.query('rollback').catch(() => undefined);
      await holder.end();
    }
  });

  it("holds its named parents' sex still until it commits", async () => {
    const farm = await newOrganization('Parent held');
    const ram = await createAnimal(farm, { name: 'Held ram', species: 'Sheep', sex: 'MALE', externalId: 'HELD', hatchDate: '2010-01-01' });
    const holder = await adminClient();
    try {
      // The import is held after it locked its parents: the lamb's id is taken by the holder's open insert.
      await holder.query('begin');
      await holder.query(
        `insert into animals (tenant_id, external_id, name, species_id, sex) select tenant_id, 'LAMB', 'Blocker', species_id, 'FEMALE' from animals where id = $1`,
        [ram.id],
      );
      const importing = gql(IMPORT, { input: { species: 'Sheep', csv: 'id,sire,dam,sex\nLAMB,HELD,,F' } }, farm.token);
      for (let i = 0; i < 100; i++) {
        const [{ waiting }] = await asAdmin(
          'animal',
          `select count(*)::int as waiting from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`,
        );
        if (waiting > 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      // Making the ram female now must wait for the import (its FOR SHARE lock), then see the lamb.
      const change = gql(graphql(`mutation ImportLockingUpdateAnimal($id: ID!) { updateAnimal(id: $id, input: { sex: FEMALE }) { sex } }`), { id: ram.id }, farm.token);
      expect((await within(change, 500)).done).toBe(false);
      await holder.query('rollback'); // the blocker goes: the import inserts and commits
      expect((await importing).data?.importPedigree).toEqual({ imported: 1, errors: [] });
      const refused = await change;
      expect(refused.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'sex' });
    } finally {
      await holder.query('rollback').catch(() => undefined);
      await holder.end();
    }
  });
});
