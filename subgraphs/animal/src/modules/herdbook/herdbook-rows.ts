import type { AnimalRow } from '../animal/animal-row.js';
import { externalIdProblem, validHatchDate, validName } from '../animal/animal-input.js';
import { clipText, readCsvHeader, type CsvRecord } from '@studbook/platform';

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
const COLUMNS = { required: REQUIRED, optional: ['name', 'hatchDate'] };

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

  const columns = readCsvHeader(header, COLUMNS, errors);
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
    if (!sex) problems.push(sexCode ? `sex must be M, F or U, not "${clipText(sexCode)}"` : 'sex is missing (M, F or U)');
    const rawName = field('name') || id;
    const name = rawName ? readName(rawName, problems) : rawName;
    const hatchDate = readDate(field('hatchdate'), problems);

    for (const message of problems) errors.push({ line: record.line, message });
    rows.push({ line: record.line, id, sire, dam, sex, name, hatchDate, valid: problems.length === 0 });
  }
  return { rows, errors };
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
    problems.push(`hatchDate must be a date written YYYY-MM-DD, not "${clipText(value)}"`);
    return null;
  }
  try {
    return validHatchDate(value);
  } catch (error) {
    problems.push(lowerFirst((error as Error).message));
    return null;
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
