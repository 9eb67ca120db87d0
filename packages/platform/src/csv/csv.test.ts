import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.js';

describe('parseCsv', () => {
  it('reads plain records with their line numbers', () => {
    expect(parseCsv('id,sex\nA,M\nB,F\n')).toEqual({
      records: [
        { line: 1, fields: ['id', 'sex'] },
        { line: 2, fields: ['A', 'M'] },
        { line: 3, fields: ['B', 'F'] },
      ],
      problems: [],
    });
  });

  it('accepts CRLF, LF and lone CR line ends and a file without a final line break', () => {
    expect(parseCsv('a\r\nb\nc\rd').records).toEqual([
      { line: 1, fields: ['a'] },
      { line: 2, fields: ['b'] },
      { line: 3, fields: ['c'] },
      { line: 4, fields: ['d'] },
    ]);
  });

  it('skips blank and whitespace-only lines but keeps counting them', () => {
    expect(parseCsv('h\n\n  \r\n\nx\n\n').records).toEqual([
      { line: 1, fields: ['h'] },
      { line: 5, fields: ['x'] },
    ]);
  });

  it('keeps empty fields, including trailing ones', () => {
    expect(parseCsv('a,,b,\n,c').records).toEqual([
      { line: 1, fields: ['a', '', 'b', ''] },
      { line: 2, fields: ['', 'c'] },
    ]);
  });

  it('skips lines of empty fields only, as spreadsheets export empty rows', () => {
    expect(parseCsv('a,b\n,\n ,""\nc,d')).toEqual({
      records: [
        { line: 1, fields: ['a', 'b'] },
        { line: 4, fields: ['c', 'd'] },
      ],
      problems: [],
    });
  });

  it('unquotes quoted fields with commas, doubled quotes and line breaks, and counts those lines', () => {
    const { records, problems } = parseCsv('id,name\n"A1","Smith, ""Big"" Jim"\nA2,"two\r\nline\nname"\nA3,x\n');
    expect(problems).toEqual([]);
    expect(records).toEqual([
      { line: 1, fields: ['id', 'name'] },
      { line: 2, fields: ['A1', 'Smith, "Big" Jim'] },
      { line: 3, fields: ['A2', 'two\r\nline\nname'] },
      { line: 6, fields: ['A3', 'x'] },
    ]);
  });

  it('reads an empty quoted field and a quoted field at the end of the file', () => {
    expect(parseCsv('"",a,""').records).toEqual([{ line: 1, fields: ['', 'a', ''] }]);
  });

  it('drops a byte-order mark', () => {
    expect(parseCsv('\ufeffid,sex\n').records).toEqual([{ line: 1, fields: ['id', 'sex'] }]);
  });

  it('reports a quote inside an unquoted field and goes on with the next line', () => {
    const { records, problems } = parseCsv('a,b\nx,ab"c\ny,z\n');
    expect(problems).toEqual([{ line: 2, message: expect.stringContaining('quote inside an unquoted field') }]);
    expect(records.map((r) => r.line)).toEqual([1, 3]);
  });

  it('reports text after a closing quote', () => {
    const { records, problems } = parseCsv('a,b\n"x"y,1\nz,2');
    expect(problems).toEqual([{ line: 2, message: expect.stringContaining('Text after a closing quote') }]);
    expect(records.map((r) => r.line)).toEqual([1, 3]);
  });

  it('reports a quoted field that is never closed at the line where it opens', () => {
    const { records, problems } = parseCsv('a,b\nc,d\n\ne,"open\nf,g\n');
    expect(problems).toEqual([{ line: 4, message: 'A quoted field is never closed' }]);
    expect(records.map((r) => r.line)).toEqual([1, 2]);
  });

  it('returns nothing for an empty text', () => {
    expect(parseCsv('')).toEqual({ records: [], problems: [] });
  });

  it('parses 100,000 lines in one go', () => {
    const text = ['id,sire,dam,sex', ...Array.from({ length: 100_000 }, (_, i) => `A${i},,,F`)].join('\n');
    const { records } = parseCsv(text);
    expect(records).toHaveLength(100_001);
    expect(records[100_000]).toEqual({ line: 100_001, fields: ['A99999', '', '', 'F'] });
  });
});
