import { randomUUID } from 'node:crypto';
import { appendEvent, badInput, clipText, importRefused, isUuid, parseCsv, requireWriter, type Identity, type Metrics, type TenantDb } from '@studbook/platform';
import { DIRECTORY_BATCH, type AnimalDirectory, type AnimalSummary } from '@studbook/contracts/animal-directory';
import { measurementImportCompleted } from '@studbook/contracts/events';
import { measuredValue } from '../trait/trait-input.js';
import { readMeasurementFile, type ImportRow, type RowError } from './measurement-import-rows.js';
import { insertMeasurementBatch, type MeasurementBatch } from './measurement-store.js';

/** In UTF-8 bytes: fits the HTTP body limit (16 MiB) after JSON escaping. 100,000 rows are about 6 MB. */
export const MAX_CSV_BYTES = 12 * 1024 * 1024;
export const MAX_ROWS = 200_000;
export const MAX_REPORTED_ERRORS = 1000;
/** Directory calls in flight at once while resolving a file's animals. */
const LOOKUP_CONCURRENCY = 4;

/** Seconds spent per import phase, summed over imports, for /metrics and the measurements benchmark. */
export const MEASUREMENT_IMPORT_SECONDS_METRIC = 'studbook_measurement_import_seconds_total';

export interface ImportMeasurementsResult {
  imported: number;
  errors: RowError[];
}

export interface MeasurementImportServiceDeps {
  db: TenantDb;
  identity: Identity;
  /** The animal subgraph, asked as the caller. */
  animals: AnimalDirectory;
  /** Whether each of these management groups is the caller's organisation's (the farm module answers). */
  ownGroups: (groupIds: readonly string[]) => Promise<Set<string>>;
  metrics: Metrics;
}

/** Bulk import of measurements from CSV, for one request and one caller. */
export class MeasurementImportService {
  constructor(private readonly deps: MeasurementImportServiceDeps) {}

  /**
   * Imports a file all or nothing: every row is read and checked (trait, unit, value, date, and,
   * once the animals are looked up as the caller, the value's range for each animal's species and
   * the group); with any problem nothing is written and every problem is returned by line. Otherwise
   * the rows go in with one statement in one transaction, with one outbox event for the import.
   */
  async importMeasurements(csv: string): Promise<ImportMeasurementsResult> {
    const caller = requireWriter(this.deps.identity);
    if (csv.length > MAX_CSV_BYTES || Buffer.byteLength(csv, 'utf8') > MAX_CSV_BYTES) {
      throw badInput(`The file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MiB; split it into several imports`, 'csv');
    }
    const phase = this.phaseTimer();
    const parsed = parseCsv(csv);
    if (parsed.records.length - 1 > MAX_ROWS)
      throw badInput(`The file has more than ${MAX_ROWS.toLocaleString('en')} measurements; split it into several imports`, 'csv');
    const { rows, errors: rowErrors } = readMeasurementFile(parsed.records);
    const errors = [...parsed.problems, ...rowErrors];
    phase('parse');
    if (rows.length === 0) return failed(errors);

    const [animals, groups] = await Promise.all([
      this.resolveAnimals(rows),
      this.deps.ownGroups([...new Set(rows.flatMap((row) => (row.groupId ? [row.groupId] : [])))]),
    ]);
    phase('lookup');
    const batch = emptyBatch();
    for (const row of rows) {
      const problems = rowProblems(row, animals, groups, batch);
      for (const message of problems) errors.push({ line: row.line, message });
    }
    phase('check');
    if (errors.length > 0) return failed(errors);

    const scope = { tenantId: caller.organizationId, userId: caller.userId };
    const imported = await this.deps.db.run(scope, async (tx) => {
      const count = await insertMeasurementBatch(tx, batch);
      const importId = randomUUID();
      await appendEvent(tx, measurementImportCompleted, { aggregateId: importId, payload: { importId, imported: count } });
      return count;
    });
    phase('insert');
    return { imported, errors: [] };
  }

  /** Records the seconds since the previous call under the given phase. */
  private phaseTimer(): (name: 'parse' | 'lookup' | 'check' | 'insert') => void {
    let last = performance.now();
    return (name) => {
      const now = performance.now();
      this.deps.metrics.increment(MEASUREMENT_IMPORT_SECONDS_METRIC, 'Seconds spent importing measurement files, by phase', { phase: name }, (now - last) / 1000);
      last = now;
    };
  }

  /** The animals the file names, by what it wrote: an id the caller may see, else one of their own external ids. */
  private async resolveAnimals(rows: readonly ImportRow[]): Promise<Map<string, AnimalSummary>> {
    const refs = [...new Set(rows.map((row) => row.animal).filter(Boolean))];
    const found = new Map<string, AnimalSummary>();
    const byId = await inBatches(
      refs.filter(isUuid).map((ref) => ref.toLowerCase()),
      (ids) => this.deps.animals.lookup(ids),
    );
    for (const ref of refs) {
      const animal = isUuid(ref) ? byId.get(ref.toLowerCase()) : undefined;
      if (animal) found.set(ref, animal);
    }
    // One call for the whole file: a 100,000-row import names some 20,000 external ids.
    const byExternalId = await this.deps.animals.allByExternalIds(refs.filter((ref) => !found.has(ref)));
    for (const [ref, animal] of byExternalId) found.set(ref, animal);
    return found;
  }
}

/** Checks what needs the animal and group, and adds a sound row to the batch; the row's problems. */
function rowProblems(row: ImportRow, animals: ReadonlyMap<string, AnimalSummary>, groups: ReadonlySet<string>, batch: MeasurementBatch): string[] {
  const problems: string[] = [];
  const animal = row.animal ? animals.get(row.animal) : undefined;
  if (row.animal && !animal) problems.push(`animal "${clipText(row.animal)}" is neither an animal you can see nor one of your external ids`);
  if (row.groupId && !groups.has(row.groupId)) problems.push(`group "${row.groupId}" is not one of your groups`);
  if (!row.valid || !animal || problems.length > 0) return problems;
  try {
    const measured = measuredValue(row.trait!, animal.speciesId, row.value, row.unit!);
    batch.animalIds.push(animal.id);
    batch.traits.push(measured.trait.id);
    batch.values.push(measured.value);
    batch.units.push(measured.unit);
    batch.enteredValues.push(measured.enteredValue);
    batch.enteredUnits.push(measured.enteredUnit);
    batch.groupIds.push(row.groupId);
    batch.speciesIds.push(animal.speciesId);
    batch.measuredAts.push(row.measuredAt!);
  } catch (error) {
    const message = (error as Error).message;
    problems.push(message.charAt(0).toLowerCase() + message.slice(1));
  }
  return problems;
}

function emptyBatch(): MeasurementBatch {
  return { animalIds: [], traits: [], values: [], units: [], enteredValues: [], enteredUnits: [], groupIds: [], speciesIds: [], measuredAts: [] };
}

/** Looks ids up DIRECTORY_BATCH at a time, a few calls in flight, into one map. */
async function inBatches(ids: readonly string[], lookup: (ids: string[]) => Promise<Map<string, AnimalSummary>>): Promise<Map<string, AnimalSummary>> {
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += DIRECTORY_BATCH) chunks.push(ids.slice(i, i + DIRECTORY_BATCH));
  const found = new Map<string, AnimalSummary>();
  for (let i = 0; i < chunks.length; i += LOOKUP_CONCURRENCY) {
    for (const part of await Promise.all(chunks.slice(i, i + LOOKUP_CONCURRENCY).map(lookup))) for (const [key, animal] of part) found.set(key, animal);
  }
  return found;
}

/** Errors by line, at most MAX_REPORTED_ERRORS of them, the last then counting the rest. */
function failed(errors: readonly RowError[]): ImportMeasurementsResult {
  return importRefused(errors, MAX_REPORTED_ERRORS);
}
