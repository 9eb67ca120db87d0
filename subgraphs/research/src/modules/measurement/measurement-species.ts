import { sql } from 'drizzle-orm';
import type { Tx } from '@studbook/platform';

/**
 * Measurements recorded before they carried their animal's species (migration 0006 added
 * species_id without a value: this database does not know species) are matched by no species grant.
 * These two fill them in, from the animal directory asked as a user of the organisation (who sees
 * all its animals), so a species grant shares the older records too. For other modules (a grant).
 */
export async function animalsMissingSpecies(tx: Tx): Promise<string[]> {
  const result = await tx.execute<{ animal_id: string }>(sql`
    select distinct animal_id from measurements /* measurements missing species */
    where species_id is null and tenant_id = studbook_current_tenant()`);
  return result.rows.map((row) => row.animal_id);
}

/** Writes each animal's species on those of its organisation's measurements that have none: idempotent, a species once set is kept. */
export async function fillMissingSpecies(tx: Tx, speciesByAnimal: ReadonlyMap<string, string>): Promise<number> {
  if (speciesByAnimal.size === 0) return 0;
  const result = await tx.execute(sql`
    update measurements m set species_id = known.species_id /* fill measurement species */
    from unnest(${sql.param([...speciesByAnimal.keys()])}::uuid[], ${sql.param([...speciesByAnimal.values()])}::text[]) as known(animal_id, species_id)
    where m.animal_id = known.animal_id and m.species_id is null and m.tenant_id = studbook_current_tenant()`);
  return result.rowCount ?? 0;
}
