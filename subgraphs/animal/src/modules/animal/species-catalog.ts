import type pg from 'pg';
import type { species } from '@studbook/drizzle/animal';

export type SpeciesRow = typeof species.$inferSelect;

/**
 * The species catalog is reference data that only migrations change, so it is read once
 * at start and served from memory.
 */
export class SpeciesCatalog {
  private constructor(private readonly rows: SpeciesRow[]) {}

  static async load(pool: pg.Pool): Promise<SpeciesCatalog> {
    const { rows } = await pool.query<SpeciesRow>(`select id, common_name as "commonName", scientific_name as "scientificName",
              juvenile_from_days as "juvenileFromDays", subadult_from_days as "subadultFromDays", adult_from_days as "adultFromDays"
       from species order by common_name`);
    return new SpeciesCatalog(rows);
  }

  all(): SpeciesRow[] {
    return this.rows;
  }

  byId(id: string): SpeciesRow | undefined {
    return this.rows.find((row) => row.id === id);
  }

  /** Finds a species by its common or scientific name, case-insensitively. */
  byName(name: string): SpeciesRow | undefined {
    const wanted = name.trim().toLowerCase();
    return this.rows.find((row) => row.commonName.toLowerCase() === wanted || row.scientificName.toLowerCase() === wanted || row.id === wanted);
  }
}
