import { clipText, DateScalar, DateTimeScalar, isUuid, readCsvHeader, type CsvRecord } from '@studbook/platform';
import type { CatalogTrait } from '../trait/trait-catalog.js';
import { acceptedUnit, catalogTrait } from '../trait/trait-input.js';
import { validMeasuredAt } from './measurement-input.js';

/** One measurement of an import file, as read; `valid` is false when one of its own fields is wrong. */
export interface ImportRow {
  line: number;
  /** The animal's id or the breeder's external id, as written. */
  animal: string;
  trait: CatalogTrait | null;
  unit: string | null;
  value: number;
  measuredAt: Date | null;
  groupId: string | null;
  valid: boolean;
}

export interface RowError {
  line: number;
  message: string;
}

const REQUIRED = ['animal', 'trait', 'value', 'unit', 'date'] as const;
const OPTIONAL = ['group'] as const;
type Column = (typeof REQUIRED)[number] | (typeof OPTIONAL)[number];
const COLUMNS = { required: REQUIRED, optional: OPTIONAL };
/** A plain decimal number, as spreadsheets write one: no thousands separators, no units. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Reads a measurements file: the first record is the header (animal, trait, value, unit, date in
 * any order, optional group, case-insensitive), every other one a measurement. Each row's own fields
 * are checked here; whether its animal and group exist, and its value's range for the animal's
 * species, are checked once the animals are known.
 */
export function readMeasurementFile(records: readonly CsvRecord[], now = new Date()): { rows: ImportRow[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const [header, ...body] = records;
  if (!header) return { rows: [], errors: [{ line: 1, message: `The file is empty; the first line must be a header with the columns ${REQUIRED.join(', ')}` }] };
  const columns = readCsvHeader(header, COLUMNS, errors);
  if (!columns) return { rows: [], errors };
  if (body.length === 0) return { rows: [], errors: [{ line: header.line, message: 'The file has a header but no measurements' }] };

  const width = header.fields.length;
  const rows: ImportRow[] = [];
  for (const record of body) {
    const problems: string[] = [];
    if (record.fields.length !== width) problems.push(`Expected ${width} fields as in the header, found ${record.fields.length}`);
    const field = (column: Column) => (record.fields[columns.get(column) ?? -1] ?? '').trim();

    const animal = field('animal');
    if (!animal) problems.push('animal is missing (an animal id or your external id)');
    const trait = attempt(() => catalogTrait(field('trait')), problems);
    const unit = trait ? attempt(() => acceptedUnit(trait, field('unit')), problems) : null;
    const value = readValue(field('value'), problems);
    const measuredAt = readDate(field('date'), now, problems);
    const group = field('group');
    if (group && !isUuid(group)) problems.push(`group must be the id of one of your groups, not "${clipText(group)}"`);

    for (const message of problems) errors.push({ line: record.line, message });
    rows.push({ line: record.line, animal, trait, unit, value, measuredAt, groupId: group ? group.toLowerCase() : null, valid: problems.length === 0 });
  }
  return { rows, errors };
}

function readValue(text: string, problems: string[]): number {
  const value = DECIMAL.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(value)) problems.push(text ? `value must be a number such as 4.25, not "${clipText(text)}"` : 'value is missing');
  return value;
}

/** A day (midnight UTC) or an RFC 3339 instant, not in the future and not before 1900. */
function readDate(text: string, now: Date, problems: string[]): Date | null {
  if (!text) {
    problems.push('date is missing (YYYY-MM-DD or an RFC 3339 instant)');
    return null;
  }
  const parsed = attempt(() => (text.length === 10 ? new Date(`${DateScalar.parseValue(text)}T00:00:00Z`) : (DateTimeScalar.parseValue(text) as Date)), []);
  if (!parsed) {
    problems.push(`date must be written YYYY-MM-DD or as an RFC 3339 instant such as 2024-01-15T10:00:00Z, not "${clipText(text)}"`);
    return null;
  }
  return attempt(() => validMeasuredAt(parsed, now, 'date'), problems);
}

/** The value, or null with the refusal's message noted (lowercased first letter, as a row problem). */
function attempt<T>(read: () => T, problems: string[]): T | null {
  try {
    return read();
  } catch (error) {
    const message = (error as Error).message;
    problems.push(message.charAt(0).toLowerCase() + message.slice(1));
    return null;
  }
}
