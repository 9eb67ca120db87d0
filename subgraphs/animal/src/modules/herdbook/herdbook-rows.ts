import type { AnimalRow } from '../animal/animal-row.js';
import { externalIdProblem, validHatchDate, validName } from '../animal/animal-input.js';
import type { CsvRecord } from '@studbook/platform';

export type Sex = AnimalRow['sex'];

/** One animal of a herdbook file, as read; `valid` is false when one of its own fields is wrong. */
export interface HerdbookRow {
  line: number;
  id: string;
  sire: string | null;
  dam: string | null;
  sex: Sex | null;
  name: string;
  hatchDate: string | null;
  valid: boolean;
}

export interface RowError {
  line: number;
  message: string;
}

const REQUIRED = ['id', 'sire', 'dam', 'sex'] as const;
const OPTIONAL = ['name', 'hatchdate'] as const;
type Column = (typeof REQUIRED)[number] | (typeof OPTIONAL)[number];
const KNOWN: readonly string[] = [...REQUIRED, ...OPTIONAL];

const SEXES: Record<string, Sex> = { M: 'MALE', F: 'FEMALE', U: 'UNKNOWN' };

/**
 * Reads a herdbook's records: the first is the header (required columns id, sire, dam, sex in any
 * order, optional name and hatchDate, case-insensitive), every other one an animal. Each row's own
 * fields are checked here; how rows relate (parents, duplicates, loops) is checked in pedigree-check.
 */
export function readHerdbook(records: readonly CsvRecord[]): { rows: HerdbookRow[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const [header, ...body] = records;
  if (!header) return { rows: [], errors: [{ line: 1, message: `The file is empty; the first line must be a header with the columns ${REQUIRED.join(', ')}` }] };

  const columns = readHeader(header, errors);
  if (!columns) return { rows: [], errors };
  if (body.length === 0) return { rows: [], errors: [{ line: header.line, message: 'The file has a header but no animals' }] };

  const width = header.fields.length;
  const rows: HerdbookRow[] = [];
  for (const record of body) {
    const problems: string[] = [];
    if (record.fields.length !== width) problems.push(`Expected ${width} fields as in the header, found ${record.fields.length}`);
    const field = (column: Column) => (record.fields[columns.get(column) ?? -1] ?? '').trim();

    const id = field('id');
    const idProblem = externalIdProblem(id);
    if (idProblem) problems.push(`id ${idProblem}`);
    const sire = parentRef(field('sire'), 'sire', problems);
    const dam = parentRef(field('dam'), 'dam', problems);
    const sexCode = field('sex');
    const sex = SEXES[sexCode.toUpperCase()] ?? null;
    if (!sex) problems.push(sexCode ? `sex must be M, F or U, not "${clip(sexCode)}"` : 'sex is missing (M, F or U)');
    const rawName = field('name') || id;
    const name = rawName ? readName(rawName, problems) : rawName;
    const hatchDate = readDate(field('hatchdate'), problems);

    for (const message of problems) errors.push({ line: record.line, message });
    rows.push({ line: record.line, id, sire, dam, sex, name, hatchDate, valid: problems.length === 0 });
  }
  return { rows, errors };
}

function readHeader(header: CsvRecord, errors: RowError[]): Map<Column, number> | null {
  const separator = header.fields.length === 1 ? /[;\t|]/.exec(header.fields[0])?.[0] : undefined;
  if (separator) {
    errors.push({ line: header.line, message: `The columns are separated by ${separator === '\t' ? 'tabs' : `"${separator}"`}; save the file as comma-separated CSV` });
    return null;
  }
  const columns = new Map<Column, number>();
  let ok = true;
  header.fields.forEach((raw, index) => {
    const name = raw.trim().toLowerCase();
    if (!KNOWN.includes(name)) {
      errors.push({ line: header.line, message: `Unknown column "${clip(raw.trim())}"; the columns are id, sire, dam, sex, name, hatchDate` });
      ok = false;
    } else if (columns.has(name as Column)) {
      errors.push({ line: header.line, message: `Column "${name}" appears twice` });
      ok = false;
    } else {
      columns.set(name as Column, index);
    }
  });
  const missing = REQUIRED.filter((column) => !columns.has(column));
  if (missing.length > 0) {
    errors.push({ line: header.line, message: `Missing column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')}` });
    ok = false;
  }
  return ok ? columns : null;
}

/** Empty or "0" is an unknown parent. */
function parentRef(value: string, column: 'sire' | 'dam', problems: string[]): string | null {
  if (value === '' || value === '0') return null;
  const problem = externalIdProblem(value);
  if (problem) problems.push(`${column} ${problem}`);
  return value;
}

function readName(name: string, problems: string[]): string {
  try {
    return validName(name);
  } catch (error) {
    problems.push(lowerFirst((error as Error).message));
    return name;
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function readDate(value: string, problems: string[]): string | null {
  if (!value) return null;
  const match = ISO_DATE.exec(value);
  const date = match && new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (!date || date.toISOString().slice(0, 10) !== value) {
    problems.push(`hatchDate must be a date written YYYY-MM-DD, not "${clip(value)}"`);
    return null;
  }
  try {
    return validHatchDate(value);
  } catch (error) {
    problems.push(lowerFirst((error as Error).message));
    return null;
  }
}

/** Quotes at most 40 characters of what the user wrote, so a stray megabyte does not fill the error list. */
export function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
