import { describe, expect, it } from 'vitest';
import { newOrganization } from '../support/gateway-client.js';
import { asAdmin, asServiceRole } from '../support/postgres.js';
import { animal, year } from './lineage-fixtures.js';

/** Runs one statement as the service role with this tenant set; returns the error message, if any. */
async function asServiceOf(tenantId: string, text: string, values: unknown[]): Promise<string | null> {
  const client = await asServiceRole('animal');
  try {
    await client.query(`select set_config('app.current_tenant_id', $1, false)`, [tenantId]);
    await client.query(text, values);
    return null;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.end();
  }
}

describe('lineage metrics functions the service role may call', () => {
  it("cannot store an F on another organisation's animal, whatever ids are passed", async () => {
    const [victim, attacker] = await Promise.all([newOrganization('Metrics victim'), newOrganization('Metrics attacker')]);
    const sire = await animal(victim, 'Victim sire', { sex: 'MALE', hatchDate: year(1) });
    const foal = await animal(victim, 'Victim foal', { sex: 'MALE', hatchDate: year(3), sireId: sire });
    const mine = await animal(attacker, 'Attacker animal', { sex: 'MALE', hatchDate: year(1) });
    const before = await asAdmin('animal', 'select id, inbreeding, completeness5 from lineage_metrics where id = $1', [foal]);
    expect(before).toEqual([{ id: foal, inbreeding: 0, completeness5: 0 }]);
    // Every signature the function has had: the attacker's own animal as the changed one, the victim's foal written.
    await asServiceOf(attacker.organizationId, 'select studbook_api_store_lineage_metrics($1::uuid[], $2::float8[], $3::float8[])', [[foal], [0.9], [0.9]]);
    await asServiceOf(attacker.organizationId, 'select studbook_api_store_lineage_metrics($1::uuid[], $2::uuid[], $3::float8[], $4::float8[])', [
      [mine],
      [foal],
      [0.9],
      [0.9],
    ]);
    await asServiceOf(attacker.organizationId, 'select studbook_api_store_lineage_metrics($1::uuid[], $2::uuid[], $3::float8[], $4::float8[])', [
      [foal],
      [foal],
      [0.9],
      [0.9],
    ]);
    expect(await asAdmin('animal', 'select id, inbreeding, completeness5 from lineage_metrics where id = $1', [foal])).toEqual(before);
  });

  it('lists no animals of any organisation to the service role (the backfill runs as the owner)', async () => {
    const callable = await asAdmin(
      'animal',
      `select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname = 'public' and p.proname like '%without_lineage_metrics%' and has_function_privilege('studbook_app', p.oid, 'EXECUTE')`,
    );
    expect(callable).toEqual([]);
  });
});
