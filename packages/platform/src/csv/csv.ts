/** One record of a CSV file and the file's line where it starts (1-based). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export interface CsvProblem {
  line: number;
  message: string;
}

export interface ParsedCsv {
  records: CsvRecord[];
  problems: CsvProblem[];
}

const QUOTE = 34; // "
const COMMA = 44; // ,
const CR = 13;
const LF = 10;

/**
 * Parses RFC 4180 CSV: comma-separated fields, double-quoted fields that may hold commas, line
 * breaks and doubled quotes; CRLF, LF or CR line ends; a leading byte-order mark is dropped.
 * Blank lines are skipped, and so are lines of empty fields only (",,,", as spreadsheets export empty rows). A malformed record is reported with the line it starts on and left out,
 * and parsing goes on with the next line, so one stray quote does not hide the rest of the file's problems.
 */
export function parseCsv(text: string): ParsedCsv {
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  const end = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;

  while (i < end) {
    const recordLine = line;
    const fields: string[] = [];
    let problem: string | null = null;

    for (;;) {
      let field: string;
      if (text.charCodeAt(i) === QUOTE) {
        const openedOn = line;
        let value = '';
        let from = i + 1;
        for (;;) {
          const close = text.indexOf('"', from);
          if (close < 0) {
            problems.push({ line: openedOn, message: 'A quoted field is never closed' });
            return { records, problems };
          }
          line += countLineBreaks(text, from, close);
          value += text.slice(from, close);
          if (text.charCodeAt(close + 1) === QUOTE) {
            value += '"';
            from = close + 2;
            continue;
          }
          i = close + 1;
          break;
        }
        field = value;
        const next = text.charCodeAt(i);
        if (i < end && next !== COMMA && next !== CR && next !== LF) problem = 'Text after a closing quote; double a quote inside a quoted field ("")';
      } else {
        const start = i;
        while (i < end) {
          const c = text.charCodeAt(i);
          if (c === COMMA || c === CR || c === LF) break;
          if (c === QUOTE) problem ??= 'A quote inside an unquoted field; enclose the field in quotes and double the quote ("")';
          i++;
        }
        field = text.slice(start, i);
      }
      if (problem) break;
      fields.push(field);
      if (text.charCodeAt(i) === COMMA) {
        i++;
        continue;
      }
      break;
    }

    if (problem) {
      problems.push({ line: recordLine, message: problem });
      while (i < end && text.charCodeAt(i) !== CR && text.charCodeAt(i) !== LF) i++;
    } else if (!fields.every((field) => field.trim() === '')) {
      records.push({ line: recordLine, fields });
    }
    // The record's line break; CRLF is one.
    if (text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF) i += 2;
    else if (i < end) i++;
    line++;
  }
  return { records, problems };
}

/** Line breaks in text[from, to): CRLF, LF and lone CR each count once. */
function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) count++;
    else if (c === CR && text.charCodeAt(i + 1) !== LF) count++;
  }
  return count;
}
