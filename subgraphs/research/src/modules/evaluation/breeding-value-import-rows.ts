import { clipText, isUuid, readCsvHeader, type CsvProblem, type CsvRecord } from '@studbook/platform';

/** One breeding value of an import file, its own fields checked. */
export interface BreedingValueImportRow {
  line: number;
  animalId: string;
  ebv: number;
  accuracy: number | null;
}

const COLUMNS = { required: ['id', 'trait', 'ebv'], optional: ['accuracy'] } as const;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
export const MAX_BREEDING_VALUE_ROWS = 1_000_000;

/**
 * Reads a breeding-value file (header id, trait, ebv[, accuracy], any order): every row's own fields, one trait for the
 * whole file, each animal once. Whether the animals exist and are of the species is checked once they are looked up.
 */
export function readBreedingValueFile(records: readonly CsvRecord[]): { trait: string | null; rows: BreedingValueImportRow[]; errors: CsvProblem[] } {
  const errors: CsvProblem[] = [];
  const [header, ...body] = records;
  if (!header) return { trait: null, rows: [], errors: [{ line: 1, message: 'The file is empty; the first line must be the header id,trait,ebv,accuracy' }] };
  const columns = readCsvHeader(header, COLUMNS, errors);
  if (!columns) return { trait: null, rows: [], errors };
  if (body.length === 0) return { trait: null, rows: [], errors: [{ line: header.line, message: 'The file has a header but no breeding values' }] };
  if (body.length > MAX_BREEDING_VALUE_ROWS)
    return { trait: null, rows: [], errors: [{ line: header.line, message: `At most ${MAX_BREEDING_VALUE_ROWS.toLocaleString('en')} rows` }] };
  // The first row names the file's trait; every other row must repeat it.
  const trait = (body[0].fields[columns.get('trait')!] ?? '').trim().toLowerCase();
  const seen = new Map<string, number>();
  const rows: BreedingValueImportRow[] = [];
  for (const record of body) {
    const field = (column: string) => (record.fields[columns.get(column) ?? -1] ?? '').trim();
    const problems: string[] = [];
    if (record.fields.length !== header.fields.length) problems.push(`Expected ${header.fields.length} fields as in the header, found ${record.fields.length}`);
    const id = field('id').toLowerCase();
    if (!isUuid(id)) problems.push(`id must be a Studbook animal id, not "${clipText(field('id'))}"`);
    else if (seen.has(id)) problems.push(`Animal ${id} appears again (first on line ${seen.get(id)})`);
    else seen.set(id, record.line);
    if (field('trait').toLowerCase() !== trait) problems.push(`trait must be ${trait} on every line (one trait per file), not "${clipText(field('trait'))}"`);
    const ebv = DECIMAL.test(field('ebv')) ? Number(field('ebv')) : Number.NaN;
    if (!Number.isFinite(ebv)) problems.push(`ebv must be a number, not "${clipText(field('ebv'))}"`);
    const rawAccuracy = field('accuracy');
    const accuracy = rawAccuracy === '' ? null : DECIMAL.test(rawAccuracy) ? Number(rawAccuracy) : Number.NaN;
    if (accuracy !== null && !(accuracy >= 0 && accuracy <= 1)) problems.push(`accuracy must be between 0 and 1 or empty, not "${clipText(rawAccuracy)}"`);
    if (problems.length > 0) errors.push({ line: record.line, message: problems.join('; ') });
    else rows.push({ line: record.line, animalId: id, ebv, accuracy });
  }
  return { trait, rows, errors };
}
