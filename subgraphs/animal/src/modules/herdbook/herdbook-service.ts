import { randomUUID } from 'node:crypto';
import {
  appendEvent,
  badInput,
  ErrorCode,
  isForeignKeyViolation,
  importRefused,
  isUniqueViolation,
  parseCsv,
  requireWriter,
  userError,
  type Identity,
  type Metrics,
  type TenantDb,
  type TenantScope,
} from '@studbook/platform';
import { pedigreeImportCompleted } from '@studbook/contracts/events';
import type { AnimalLoaders } from '../animal/animal-loaders.js';
import type { AnimalRow } from '../animal/animal-row.js';
import type { SpeciesCatalog } from '../animal/species-catalog.js';
import type { LineageEngine } from '../lineage/lineage-engine.js';
import { readHerdbook, type HerdbookRow, type RowError } from './herdbook-rows.js';
import {
  findOwnAnimalsByExternalIds,
  findOwnLineageByExternalIds,
  insertAnimalBatch,
  lockImportParents,
  lockOrganisationImports,
  type AnimalBatch,
} from './herdbook-store.js';
import { checkPedigree, type ExistingAnimal } from './pedigree-check.js';

/**
 * In UTF-8 bytes, as the HTTP body limit (16 MiB) counts: a file this size still fits in a request
 * after JSON escaping of its line breaks and quotes (up to a third more). A 200,000-animal herdbook
 * with ids, parents, sex, names and dates is about 10 MB.
 */
export const MAX_CSV_BYTES = 12 * 1024 * 1024;
export const MAX_ROWS = 200_000;
export const MAX_REPORTED_ERRORS = 1000;
export const MAX_EXTERNAL_IDS = 1000;

export interface ImportPedigreeInput {
  species: string;
  csv: string;
  visibility?: AnimalRow['visibility'] | null;
}

export interface ImportPedigreeResult {
  imported: number;
  errors: RowError[];
}

/** Seconds spent per import phase, summed over imports, for /metrics and the import benchmark. */
export const IMPORT_SECONDS_METRIC = 'studbook_herdbook_import_seconds_total';

export interface HerdbookServiceDeps {
  db: TenantDb;
  identity: Identity;
  scope: TenantScope | null;
  animalLoaders: AnimalLoaders;
  species: SpeciesCatalog;
  lineage: Pick<LineageEngine, 'recompute' | 'invalidate'>;
  metrics: Metrics;
}

/** Herdbook import and lookup by the breeder's own ids, for one request and one caller. */
export class HerdbookService {
  constructor(private readonly deps: HerdbookServiceDeps) {}

  /** The caller's own animals with these external ids, in the order asked; null where there is none. */
  async byExternalIds(externalIds: readonly string[]): Promise<(AnimalRow | null)[]> {
    if (externalIds.length > MAX_EXTERNAL_IDS) throw badInput(`At most ${MAX_EXTERNAL_IDS} external ids at a time`, 'externalIds');
    if (!this.deps.scope || externalIds.length === 0) return externalIds.map(() => null);
    const wanted = [...new Set(externalIds.map((id) => id.trim()))];
    const rows = await this.deps.db.read(this.deps.scope, (tx) => findOwnAnimalsByExternalIds(tx, this.deps.scope!.tenantId, wanted));
    const byExternalId = new Map(rows.map((row) => [row.externalId!, row]));
    for (const row of rows) this.deps.animalLoaders.animalById.prime(row.id, row);
    return externalIds.map((id) => byExternalId.get(id.trim()) ?? null);
  }

  /**
   * Imports a herdbook all or nothing. The file is read and checked in memory; the organisation's
   * animals it names are read and locked FOR SHARE with all their ancestors (so no concurrent
   * lineage write can invalidate the checks or the F computed here), and then every animal is
   * inserted by one statement in the same transaction, with one outbox event for the whole import
   * and F recomputed before commit. The global lineage lock is not needed: the new rows have fresh
   * ids nothing outside the file names, so they cannot close a loop with existing animals, and
   * lineage writes elsewhere (another organisation's setParents) go on while a large import runs.
   */
  async importPedigree(input: ImportPedigreeInput): Promise<ImportPedigreeResult> {
    const caller = requireWriter(this.deps.identity);
    const species = this.deps.species.byName(input.species);
    if (!species) throw badInput(`Unknown species "${input.species.slice(0, 80)}"`, 'species');
    // Characters can be 1 to 4 bytes each: a file of few characters can still be too many bytes.
    if (input.csv.length > MAX_CSV_BYTES || Buffer.byteLength(input.csv, 'utf8') > MAX_CSV_BYTES) {
      throw badInput(`The file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MiB; split it into several imports (parents may be animals imported before)`, 'csv');
    }

    const phase = this.phaseTimer();
    const parsed = parseCsv(input.csv);
    if (parsed.records.length - 1 > MAX_ROWS) throw badInput(`The file has more than ${MAX_ROWS.toLocaleString('en')} animals; split it into several imports`, 'csv');
    const { rows, errors: rowErrors } = readHerdbook(parsed.records);
    const fileErrors = [...parsed.problems, ...rowErrors];
    phase('parse');
    if (rows.length === 0) return failed(fileErrors);

    const scope: TenantScope = { tenantId: caller.organizationId, userId: caller.userId };
    const visibility = input.visibility ?? 'PRIVATE';
    const result = await this.deps.db
      .run(scope, async (tx) => {
        if (fileErrors.length === 0) await lockOrganisationImports(tx, scope.tenantId);
        const existing = await findOwnLineageByExternalIds(tx, scope.tenantId, namedIds(rows));
        // A file already known to be wrong is only checked further, never written: its parents' ancestry needs no lock.
        if (fileErrors.length === 0)
          await lockImportParents(
            tx,
            existing.map((animal) => animal.id),
          );
        const existingById = new Map(existing.map((animal) => [animal.externalId, animal]));
        const errors = [...fileErrors, ...checkPedigree(rows, existingById, species.id)];
        phase('check');
        if (errors.length > 0) return failed(errors);

        const batch = toBatch(rows, existingById);
        const imported = await insertAnimalBatch(tx, batch, species.id, visibility);
        const importId = randomUUID();
        await appendEvent(tx, pedigreeImportCompleted, {
          aggregateId: importId,
          payload: { importId, speciesId: species.id, visibility, imported },
        });
        phase('insert');
        await this.deps.lineage.recompute(tx, batch.ids);
        phase('lineage');
        return { imported, errors: [], ids: batch.ids };
      })
      .catch(importRaced);
    if ('ids' in result) {
      await this.deps.lineage.invalidate(result.ids);
      return { imported: result.imported, errors: [] };
    }
    return result;
  }

  /** Records the seconds since the previous call under the given phase. */
  private phaseTimer(): (name: string) => void {
    let last = performance.now();
    return (name) => {
      const now = performance.now();
      this.deps.metrics.increment(IMPORT_SECONDS_METRIC, 'Seconds spent importing herdbooks, by phase', { phase: name }, (now - last) / 1000);
      last = now;
    };
  }
}

/** Every external id the file names, as an animal or as a parent. */
function namedIds(rows: readonly HerdbookRow[]): string[] {
  const ids = new Set<string>();
  for (const row of rows) {
    if (row.id) ids.add(row.id);
    if (row.sire) ids.add(row.sire);
    if (row.dam) ids.add(row.dam);
  }
  return [...ids];
}

/** Gives every row a new id and points each parent at its row's new id or at the existing animal. */
function toBatch(rows: readonly HerdbookRow[], existing: ReadonlyMap<string, ExistingAnimal>): AnimalBatch {
  const newIds = new Map(rows.map((row) => [row.id, randomUUID()]));
  const idOf = (ref: string | null) => (ref ? (newIds.get(ref) ?? existing.get(ref)!.id) : null);
  return {
    ids: rows.map((row) => newIds.get(row.id)!),
    externalIds: rows.map((row) => row.id),
    names: rows.map((row) => row.name),
    sexes: rows.map((row) => row.sex!),
    hatchDates: rows.map((row) => row.hatchDate),
    sireIds: rows.map((row) => idOf(row.sire)),
    damIds: rows.map((row) => idOf(row.dam)),
  };
}

/** Errors by line, at most MAX_REPORTED_ERRORS of them, the last then counting the rest. */
export function failed(errors: readonly RowError[]): ImportPedigreeResult {
  return importRefused(errors, MAX_REPORTED_ERRORS);
}

/** Another write took an id or removed a parent between the checks and the insert; the import rolled back whole. */
function importRaced(error: unknown): never {
  if (isUniqueViolation(error, 'animals_tenant_external_id')) {
    throw userError(ErrorCode.Conflict, 'Another animal of your organisation took one of these ids during the import; nothing was imported, try again', { field: 'csv' });
  }
  if (isForeignKeyViolation(error, 'animals_sire_fk') || isForeignKeyViolation(error, 'animals_dam_fk')) {
    throw userError(ErrorCode.Conflict, 'A parent was deleted during the import; nothing was imported, try again', { field: 'csv' });
  }
  throw error;
}
