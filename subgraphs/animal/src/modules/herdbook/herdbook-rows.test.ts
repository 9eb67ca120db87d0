import { describe, expect, it } from 'vitest';
import { parseCsv } from '@studbook/platform';
import { readHerdbook } from './herdbook-rows.js';

const read = (text: string) => readHerdbook(parseCsv(text).records);

describe('readHerdbook', () => {
  it('reads the columns in any order and any case, with defaults for the optional ones', () => {
    const { rows, errors } = read('SEX,Dam,id,Sire,hatchdate,NAME\nM,0,A1,,2020-02-29,Apollo\nf,A1x,B2,0,,\n');
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { line: 2, id: 'A1', sire: null, dam: null, sex: 'MALE', name: 'Apollo', hatchDate: '2020-02-29', valid: true },
      { line: 3, id: 'B2', sire: null, dam: 'A1x', sex: 'FEMALE', name: 'B2', hatchDate: null, valid: true },
    ]);
  });

  it('trims fields and takes the id as the name when there is no name column', () => {
    const { rows } = read('id,sire,dam,sex\n  X 1 , S ,D,U\n');
    expect(rows[0]).toMatchObject({ id: 'X 1', sire: 'S', dam: 'D', sex: 'UNKNOWN', name: 'X 1' });
  });

  it('names every missing required column on the header line', () => {
    expect(read('\n\nid,name,sex\nA,B,M\n').errors).toEqual([{ line: 3, message: 'Missing columns "sire", "dam"' }]);
  });

  it('refuses unknown and repeated columns', () => {
    expect(read('id,sire,dam,sex,hatch_date,ID\n').errors).toEqual([
      { line: 1, message: expect.stringContaining('Unknown column "hatch_date"') },
      { line: 1, message: 'Column "id" appears twice' },
    ]);
  });

  it('says so when the file is separated by semicolons or tabs instead of commas', () => {
    expect(read('id;sire;dam;sex\nA;;;M\n').errors).toEqual([{ line: 1, message: 'The columns are separated by ";"; save the file as comma-separated CSV' }]);
    expect(read('id\tsire\tdam\tsex\n').errors).toEqual([{ line: 1, message: 'The columns are separated by tabs; save the file as comma-separated CSV' }]);
  });

  it('refuses an empty file and a file with only a header', () => {
    expect(read('').errors).toEqual([{ line: 1, message: expect.stringContaining('The file is empty') }]);
    expect(read('id,sire,dam,sex\n\n').errors).toEqual([{ line: 1, message: 'The file has a header but no animals' }]);
  });

  it('reports each bad field on its line', () => {
    const text = [
      'id,sire,dam,sex,hatchDate,name',
      'A,,,X,,', // 2: sex
      'B,,,M,2021-02-30,', // 3: date
      'C,,,M,21-01-01,', // 4: date
      ',,,F,,', // 5: id
      'D,,,F', // 6: count
      'E,,,F,2999-01-01,', // 7: future
      `F,,,F,,${'n'.repeat(121)}`, // 8: name
      'G,,,,,', // 9: sex missing
    ].join('\n');
    const { errors, rows } = read(text);
    expect(errors).toEqual([
      { line: 2, message: 'sex must be M, F or U, not "X"' },
      { line: 3, message: 'hatchDate must be a date written YYYY-MM-DD, not "2021-02-30"' },
      { line: 4, message: 'hatchDate must be a date written YYYY-MM-DD, not "21-01-01"' },
      { line: 5, message: 'id must not be empty' },
      { line: 6, message: 'Expected 6 fields as in the header, found 4' },
      { line: 7, message: 'hatch date cannot be in the future' },
      { line: 8, message: 'name must be at most 120 characters' },
      { line: 9, message: 'sex is missing (M, F or U)' },
    ]);
    expect(rows.map((row) => row.valid)).toEqual([false, false, false, false, false, false, false, false]);
  });

  it('keeps a row with too few fields as a known id, so its offspring are not reported as orphans', () => {
    const { rows } = read('id,sire,dam,sex\nA,,\n');
    expect(rows[0]).toMatchObject({ id: 'A', valid: false });
  });
});
