import { sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Tx } from '@studbook/platform';
import type { BreedingStatRow } from './breeding-row.js';

/**
 * The caller's tenant's lines of the breeding_stats materialized view for one species. A
 * materialized view has no RLS, so the service role may read it only through this function,
 * which filters by the transaction's tenant.
 */
export async function findBreedingStats(tx: Tx, speciesId: string): Promise<BreedingStatRow[]> {
  const result = await tx.execute<Record<string, unknown>>(sql`
    select sire_morph, dam_morph, sessions, clutches, eggs, mean_hatch_rate, mean_offspring_inbreeding
    from studbook_api_breeding_stats(${speciesId})`);
  return result.rows.map((row) => ({
    sireMorph: String(row.sire_morph),
    damMorph: String(row.dam_morph),
    sessions: Number(row.sessions),
    clutches: Number(row.clutches),
    eggs: Number(row.eggs),
    meanHatchRate: row.mean_hatch_rate == null ? null : Number(row.mean_hatch_rate),
    meanOffspringInbreeding: row.mean_offspring_inbreeding == null ? null : Number(row.mean_offspring_inbreeding),
  }));
}

/** Recomputes breeding_stats for every organisation (the function runs as the view's owner). */
export async function refreshBreedingStats(pool: pg.Pool): Promise<void> {
  await pool.query('select studbook_api_refresh_breeding_stats() /* refresh breeding stats */');
}
