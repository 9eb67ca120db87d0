import { describe, expect, it } from 'vitest';
import { parseCsv } from '@studbook/platform';
import { readMeasurementFile } from './measurement-import-rows.js';

const now = new Date('2025-06-01T12:00:00Z');
const read = (csv: string) => readMeasurementFile(parseCsv(csv).records, now);

describe('readMeasurementFile', () => {
  it('reads rows in any column order, with catalog units and dates as days or instants', () => {
    const { rows, errors } = read('Date,Unit,Value,Trait,Animal,group\n2024-04-20,LB,9.5,birth_weight,E1,\n2024-04-20T08:00:00+02:00,g,4200,birth_weight, E2 ,');
    expect(errors).toEqual([]);
    expect(rows.map(({ line, animal, unit, value, measuredAt, groupId, valid }) => ({ line, animal, unit, value, measuredAt, groupId, valid }))).toEqual([
      { line: 2, animal: 'E1', unit: 'lb', value: 9.5, measuredAt: new Date('2024-04-20T00:00:00Z'), groupId: null, valid: true },
      { line: 3, animal: 'E2', unit: 'g', value: 4200, measuredAt: new Date('2024-04-20T06:00:00Z'), groupId: null, valid: true },
    ]);
  });

  it.each([
    ['an unknown trait', 'E1,weight,3,kg,2024-01-01', 'unknown trait "weight"'],
    ['a unit the trait is not measured in', 'E1,birth_weight,3,cm,2024-01-01', 'birth weight is not measured in "cm"; use kg, g, lb, oz'],
    ['a value that is no number', 'E1,birth_weight,"3,5",kg,2024-01-01', 'value must be a number such as 4.25, not "3,5"'],
    ['a missing value', 'E1,birth_weight,,kg,2024-01-01', 'value is missing'],
    ['a date that does not exist', 'E1,birth_weight,3,kg,2024-02-30', 'date must be written YYYY-MM-DD'],
    ['a date in the future', 'E1,birth_weight,3,kg,2025-06-03', 'date cannot be in the future'],
    ['a date before 1900', 'E1,birth_weight,3,kg,1899-12-31', 'date cannot be before 1900'],
    ['no animal', ',birth_weight,3,kg,2024-01-01', 'animal is missing'],
    ['too few fields', 'E1,birth_weight,3,kg', 'Expected 5 fields as in the header, found 4'],
  ])('reports %s with its line', (_, row, message) => {
    const { rows, errors } = read(`animal,trait,value,unit,date\nE0,birth_weight,3,kg,2024-01-01\n${row}`);
    expect(errors).toContainEqual({ line: 3, message: expect.stringContaining(message) });
    expect(errors.every((error) => error.line === 3)).toBe(true);
    expect(rows.map((entry) => entry.valid)).toEqual([true, false]);
  });

  it('reports a group that is no id', () => {
    expect(read('animal,trait,value,unit,date,group\nE1,birth_weight,3,kg,2024-01-01,Mob 4').errors).toEqual([
      { line: 2, message: 'group must be the id of one of your groups, not "Mob 4"' },
    ]);
  });

  it.each([
    ['', 'The file is empty'],
    ['animal,trait,value,unit,date', 'The file has a header but no measurements'],
    ['animal,trait,value,date\nE1,birth_weight,3,2024-01-01', 'Missing column "unit"'],
    ['animal,trait,value,unit,date,weight\nE1,birth_weight,3,kg,2024-01-01,1', 'Unknown column "weight"'],
    ['animal;trait;value;unit;date\nE1;birth_weight;3;kg;2024-01-01', 'The columns are separated by ";"'],
  ])('refuses the file %j on line 1', (csv, message) => {
    const { rows, errors } = read(csv);
    expect(rows).toEqual([]);
    expect(errors).toEqual([{ line: 1, message: expect.stringContaining(message) }]);
  });
});
