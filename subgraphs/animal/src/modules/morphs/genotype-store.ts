import { inArray, sql } from 'drizzle-orm';
import { animalGenotypes } from '@studbook/drizzle/animal';
import type { Tx } from '@studbook/platform';
import type { StoredGene } from './genotype.js';

export interface GenotypeRow {
  animalId: string;
  notation: string;
  genes: StoredGene[];
  updatedAt: Date;
}

const columns = {
  animalId: animalGenotypes.animalId,
  notation: animalGenotypes.notation,
  genes: animalGenotypes.genes,
  updatedAt: animalGenotypes.updatedAt,
};

/** Recorded genotypes of these animals that RLS lets the caller see: their own, and public animals'. */
export async function findGenotypes(tx: Tx, animalIds: readonly string[]): Promise<GenotypeRow[]> {
  const rows = await tx
    .select(columns)
    .from(animalGenotypes)
    .where(inArray(animalGenotypes.animalId, [...animalIds]));
  return rows as GenotypeRow[];
}

/**
 * Records a genotype for one of the caller's own animals; null when the animal is not theirs. The
 * ownership test is part of the statement, so no other organisation's animal can gain a row.
 */
export async function saveGenotype(tx: Tx, animalId: string, notation: string, genes: StoredGene[]): Promise<GenotypeRow | null> {
  const { rows } = await tx.execute<Record<string, unknown>>(sql`
    insert into animal_genotypes (animal_id, notation, genes)
    select id, ${notation}, ${JSON.stringify(genes)}::jsonb from animals
    where id = ${animalId} and tenant_id = studbook_current_tenant()
    on conflict (animal_id) do update
      set notation = excluded.notation, genes = excluded.genes, updated_at = date_trunc('milliseconds', now())
    returning animal_id, notation, genes, updated_at`);
  const [row] = rows;
  if (!row) return null;
  return { animalId: String(row.animal_id), notation: String(row.notation), genes: row.genes as StoredGene[], updatedAt: new Date(String(row.updated_at)) };
}
