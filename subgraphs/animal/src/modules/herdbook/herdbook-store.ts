import { and, eq, sql } from 'drizzle-orm';
import { animals } from '@studbook/drizzle/animal';
import type { Tx } from '@studbook/platform';
import type { AnimalRow } from '../animal/animal-row.js';
import type { ExistingAnimal } from './pedigree-check.js';

/** The organisation's own animals with these external ids (never another tenant's, public or not), in no particular order. */
export function findOwnAnimalsByExternalIds(tx: Tx, tenantId: string, externalIds: readonly string[]): Promise<AnimalRow[]> {
  return tx
    .select()
    .from(animals)
    .where(and(eq(animals.tenantId, tenantId), sql`${animals.externalId} = any(${sql.param([...externalIds])}::text[])`));
}

/**
 * What an import needs to know of the organisation's animals it names: enough to check them as
 * parents or duplicates. Locked FOR SHARE until the import ends, so what was checked stays true.
 */
export async function findOwnLineageByExternalIds(tx: Tx, tenantId: string, externalIds: readonly string[]): Promise<ExistingAnimal[]> {
  return tx
    .select({ id: animals.id, externalId: sql<string>`${animals.externalId}`, sex: animals.sex, hatchDate: animals.hatchDate, speciesId: animals.speciesId })
    .from(animals)
    .where(and(eq(animals.tenantId, tenantId), sql`${animals.externalId} = any(${sql.param([...externalIds])}::text[])`))
    .for('share');
}

/** Any constant apart from the migrations' 7707 and the lineage lock's 7708. */
const IMPORT_LOCK_KEY = 7709;

/**
 * Serialises imports into one organisation (only): a second import of the same ids then reports
 * them row by row as taken, instead of failing on the unique index. Other organisations' writes never wait.
 */
export async function lockOrganisationImports(tx: Tx, tenantId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK_KEY}, hashtext(${tenantId}))`);
}

/** Locks these animals of the caller's and all their ancestors (any organisation) FOR SHARE until the transaction ends. */
export async function lockImportParents(tx: Tx, animalIds: readonly string[]): Promise<void> {
  if (animalIds.length === 0) return;
  await tx.execute(sql`select studbook_api_lock_import_parents(${sql.param([...animalIds])}::uuid[]) /* lock_import_parents */`);
}

/** Column arrays of the animals to insert, index i being one animal; ids are chosen by the caller so parents can point at rows of the same batch. */
export interface AnimalBatch {
  ids: string[];
  externalIds: string[];
  names: string[];
  sexes: AnimalRow['sex'][];
  hatchDates: (string | null)[];
  sireIds: (string | null)[];
  damIds: (string | null)[];
}

/**
 * Inserts a whole herdbook in one statement. Parents may be rows of the same statement: the
 * parent foreign keys are checked at the end of the statement, once every row is in.
 */
export async function insertAnimalBatch(tx: Tx, batch: AnimalBatch, speciesId: string, visibility: AnimalRow['visibility']): Promise<number> {
  const result = await tx.execute(sql`
    insert into animals (id, external_id, name, species_id, sex, hatch_date, visibility, sire_id, dam_id) /* herdbook import */
    select id, external_id, name, ${speciesId}, sex, hatch_date, ${visibility}::visibility, sire_id, dam_id
    from unnest(${sql.param(batch.ids)}::uuid[], ${sql.param(batch.externalIds)}::text[], ${sql.param(batch.names)}::text[],
                ${sql.param(batch.sexes)}::sex[], ${sql.param(batch.hatchDates)}::date[],
                ${sql.param(batch.sireIds)}::uuid[], ${sql.param(batch.damIds)}::uuid[])
      as t(id, external_id, name, sex, hatch_date, sire_id, dam_id)`);
  return result.rowCount ?? 0;
}
