import pg from 'pg';
import * as animalSchema from '@studbook/drizzle/animal';
import { TenantDb, type Logger } from '@studbook/platform';
import { recomputeLineageMetrics } from './lineage-engine.js';
import { lockLineage } from './lineage-store.js';

/**
 * Fills in lineage metrics of animals recorded before the metrics existed, tenant by tenant. Runs
 * in the migrate step on the migrating superuser's connection to the animal database: finding such
 * animals means reading every organisation's rows, which the RLS-bound service role must never do.
 */
export async function backfillLineageMetrics(ownerUrl: string, logger?: Logger): Promise<number> {
  const pool = new pg.Pool({ connectionString: ownerUrl, max: 1 });
  try {
    const { rows: missing } = await pool.query<{ tenant_id: string; id: string }>(
      `select a.tenant_id, a.id from animals a
       where (a.sire_id is not null or a.dam_id is not null)
         and not exists (select 1 from lineage_metrics m where m.id = a.id) /* animals_without_lineage_metrics */`,
    );
    const byTenant = new Map<string, string[]>();
    for (const { tenant_id: tenantId, id } of missing) {
      const ids = byTenant.get(tenantId) ?? [];
      ids.push(id);
      byTenant.set(tenantId, ids);
    }
    const db = new TenantDb(pool, animalSchema);
    for (const [tenantId, ids] of byTenant) {
      await db.run({ tenantId, userId: null }, async (tx) => {
        // Under the lineage lock, like every lineage write: a concurrent change cannot be overwritten with older numbers.
        await lockLineage(tx);
        await recomputeLineageMetrics(tx, ids);
      });
    }
    if (missing.length > 0) logger?.info('lineage metrics filled in', { animals: missing.length });
    return missing.length;
  } finally {
    await pool.end();
  }
}
