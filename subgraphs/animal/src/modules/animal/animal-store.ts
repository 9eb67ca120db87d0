import { and, asc, desc, eq, gt, ilike, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { animals } from '@studbook/drizzle/animal';
import type { Tx } from '@studbook/platform';
import { arrayLiteral } from '../../array-literal.js';
import type { AnimalPosition } from './animal-cursor.js';
import type { AnimalRow } from './animal-row.js';

export type NewAnimal = Pick<AnimalRow, 'name' | 'speciesId' | 'sex' | 'hatchDate' | 'visibility' | 'sireId' | 'damId'> &
  Partial<Pick<AnimalRow, 'externalId' | 'status' | 'deceasedAt' | 'description'>>;
export type AnimalChanges = Partial<NewAnimal>;

export interface AnimalListParams {
  first: number;
  sort: AnimalPosition['sort'];
  after?: AnimalPosition;
  speciesId?: string;
  sex?: AnimalRow['sex'];
  nameContains?: string;
  tenantId?: string;
  statuses?: AnimalRow['status'][];
  visibilities?: AnimalRow['visibility'][];
}

/** Animals with these ids that RLS lets the caller see (own tenant's or public), in no particular order. */
export function findAnimalsByIds(tx: Tx, ids: readonly string[]): Promise<AnimalRow[]> {
  return tx
    .select()
    .from(animals)
    .where(inArray(animals.id, [...ids]));
}

/** What a lineage-only animal of another organisation shows where it is named. */
export type NamedAncestorRow = Pick<AnimalRow, 'id' | 'name' | 'sex' | 'speciesId' | 'sireId' | 'damId'>;

/** Other organisations' LINEAGE animals among `ids` that are named in the lineage of these visible animals (studbook_api_lineage_named). */
export async function findNamedAncestors(tx: Tx, descendants: readonly string[], ids: readonly string[]): Promise<NamedAncestorRow[]> {
  const result = await tx.execute<{ id: string; name: string; sex: AnimalRow['sex']; species_id: string; sire_id: string | null; dam_id: string | null }>(
    sql`select id, name, sex, species_id, sire_id, dam_id from studbook_api_lineage_named(${arrayLiteral(descendants)}::uuid[], ${arrayLiteral(ids)}::uuid[])`,
  );
  return result.rows.map((row) => ({ id: row.id, name: row.name, sex: row.sex, speciesId: row.species_id, sireId: row.sire_id, damId: row.dam_id }));
}

/** One of the caller's visible animals, locked FOR UPDATE until the transaction ends (waits for an import holding it). */
export async function findAnimalForUpdate(tx: Tx, id: string): Promise<AnimalRow | undefined> {
  const [row] = await tx.select().from(animals).where(eq(animals.id, id)).for('update');
  return row;
}

/** One page, newest first, fetching one extra row to tell whether another page follows. */
export function listAnimals(tx: Tx, params: AnimalListParams): Promise<AnimalRow[]> {
  const conditions: SQL[] = [];
  if (params.after) conditions.push(after(params.after));
  if (params.speciesId) conditions.push(eq(animals.speciesId, params.speciesId));
  if (params.sex) conditions.push(eq(animals.sex, params.sex));
  if (params.nameContains) conditions.push(ilike(animals.name, `%${escapeLike(params.nameContains)}%`));
  if (params.tenantId) conditions.push(eq(animals.tenantId, params.tenantId));
  if (params.statuses) conditions.push(inArray(animals.status, params.statuses));
  if (params.visibilities) conditions.push(inArray(animals.visibility, params.visibilities));
  return tx
    .select()
    .from(animals)
    .where(and(...conditions))
    .orderBy(...ORDER[params.sort])
    .limit(params.first + 1);
}

/** Each sort's order, with the id last so ties page stably (indexes animals_tenant_name, animals_tenant_hatch). */
const ORDER = {
  NEWEST: [desc(animals.createdAt), desc(animals.id)],
  NAME: [asc(animals.name), asc(animals.id)],
  HATCH_DATE: [sql`${animals.hatchDate} asc nulls last`, asc(animals.id)],
} satisfies Record<AnimalPosition['sort'], SQL[]>;

/** The rows after a position, in its sort's order (keyset paging: no offset to skip or repeat rows as others are added). */
function after(position: AnimalPosition): SQL {
  switch (position.sort) {
    case 'NEWEST':
      return or(lt(animals.createdAt, position.createdAt), and(eq(animals.createdAt, position.createdAt), lt(animals.id, position.id)))!;
    case 'NAME':
      return or(gt(animals.name, position.name), and(eq(animals.name, position.name), gt(animals.id, position.id)))!;
    case 'HATCH_DATE':
      // Unknown hatch dates come last: after a dated row, every later date and every undated row.
      if (position.hatchDate === null) return and(isNull(animals.hatchDate), gt(animals.id, position.id))!;
      return or(gt(animals.hatchDate, position.hatchDate), and(eq(animals.hatchDate, position.hatchDate), gt(animals.id, position.id)), isNull(animals.hatchDate))!;
  }
}

export async function insertAnimal(tx: Tx, animal: NewAnimal): Promise<AnimalRow> {
  const [row] = await tx.insert(animals).values(animal).returning();
  return row;
}

/** Updates one of the caller's own animals; RLS turns another tenant's row into "no row". */
export async function updateAnimal(tx: Tx, id: string, changes: AnimalChanges): Promise<AnimalRow | undefined> {
  const [row] = await tx
    .update(animals)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(animals.id, id))
    .returning();
  return row;
}

export async function deleteAnimal(tx: Tx, id: string): Promise<boolean> {
  const deleted = await tx.delete(animals).where(eq(animals.id, id)).returning({ id: animals.id });
  return deleted.length > 0;
}

/** True when parentId is animalId itself or one of its descendants (in any organisation); false for another tenant's animal. */
export async function wouldCreateCycle(tx: Tx, animalId: string, parentId: string): Promise<boolean> {
  const result = await tx.execute<{ cycle: boolean }>(sql`select studbook_api_creates_cycle(${animalId}, ${parentId}) as cycle`);
  return result.rows[0].cycle;
}

export type OffspringConflict = 'sex' | 'hatchDate';

/**
 * Whether giving one of the caller's animals this sex or hatch date would contradict its recorded
 * offspring in any organisation; null leaves that attribute unchecked.
 */
export async function findOffspringConflict(tx: Tx, animalId: string, sex: AnimalRow['sex'] | null, hatchDate: string | null): Promise<OffspringConflict | null> {
  const result = await tx.execute<{ conflict: OffspringConflict | null }>(sql`select studbook_api_offspring_conflict(${animalId}, ${sex}, ${hatchDate}) as conflict`);
  return result.rows[0].conflict;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
