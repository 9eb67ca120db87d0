import type { CsvProblem, CsvRecord } from './csv.js';

/** The columns an import file has, by their names as documented ("hatchDate"); matched case-insensitively. */
export interface CsvColumns {
  required: readonly string[];
  optional: readonly string[];
}

/**
 * Reads an import file's header: each column's position by its lowercased name, or null with every
 * problem of the header (a file saved with another separator, unknown, repeated or missing columns).
 */
export function readCsvHeader(header: CsvRecord, { required, optional }: CsvColumns, problems: CsvProblem[]): Map<string, number> | null {
  const separator = header.fields.length === 1 ? /[;\t|]/.exec(header.fields[0])?.[0] : undefined;
  if (separator) {
    problems.push({ line: header.line, message: `The columns are separated by ${separator === '\t' ? 'tabs' : `"${separator}"`}; save the file as comma-separated CSV` });
    return null;
  }
  const known = [...required, ...optional];
  const columns = new Map<string, number>();
  let ok = true;
  header.fields.forEach((raw, index) => {
    const name = raw.trim().toLowerCase();
    if (!known.some((column) => column.toLowerCase() === name)) {
      problems.push({ line: header.line, message: `Unknown column "${clipText(raw.trim())}"; the columns are ${known.join(', ')}` });
      ok = false;
    } else if (columns.has(name)) {
      problems.push({ line: header.line, message: `Column "${name}" appears twice` });
      ok = false;
    } else {
      columns.set(name, index);
    }
  });
  const missing = required.filter((column) => !columns.has(column.toLowerCase()));
  if (missing.length > 0) {
    problems.push({ line: header.line, message: `Missing column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')}` });
    ok = false;
  }
  return ok ? columns : null;
}

/** What an import answers when any row is wrong: nothing imported, the problems by line, at most `max`, the last then counting the rest. */
export function importRefused(problems: readonly CsvProblem[], max = 1000): { imported: 0; errors: CsvProblem[] } {
  const sorted = [...problems].sort((a, b) => a.line - b.line);
  if (sorted.length <= max) return { imported: 0, errors: sorted };
  const shown = sorted.slice(0, max - 1);
  const rest = sorted.length - shown.length;
  return { imported: 0, errors: [...shown, { line: sorted[shown.length].line, message: `${rest.toLocaleString('en')} more errors from this line on are not listed` }] };
}

/** At most 40 characters of what the user wrote, so a stray megabyte does not fill the error list. */
export function clipText(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
