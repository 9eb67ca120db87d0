import { describe, expect, it } from 'vitest';
import { parseCsv } from '@studbook/platform';
import { readHerdbook } from './herdbook-rows.js';
import { checkPedigree, stronglyConnected, type ExistingAnimal } from './pedigree-check.js';

const rowsOf = (lines: string[]) => readHerdbook(parseCsv(['id,sire,dam,sex,hatchDate', ...lines].join('\n')).records).rows;

const existing = (animals: Partial<ExistingAnimal>[]) =>
  new Map(animals.map((a) => [a.externalId!, { id: `uuid-${a.externalId}`, sex: 'MALE', hatchDate: null, speciesId: 'ball-python', ...a } as ExistingAnimal]));

describe('checkPedigree', () => {
  it('accepts parents from anywhere in the file or among the organisation animals', () => {
    const rows = rowsOf(['C,S,D,F,2022-01-01', 'S,OLD,,M,2020-01-01', 'D,,,F,2020-06-01']);
    expect(checkPedigree(rows, existing([{ externalId: 'OLD', hatchDate: '2015-01-01' }]), 'ball-python')).toEqual([]);
  });

  it('reports duplicate ids in the file and ids the organisation already has', () => {
    const rows = rowsOf(['A,,,M,', 'B,,,M,', 'A,,,F,']);
    expect(checkPedigree(rows, existing([{ externalId: 'B' }]), 'ball-python')).toEqual([
      { line: 3, message: 'id "B" is already an animal of your organisation' },
      { line: 4, message: 'Duplicate id "A": line 2 has it too' },
    ]);
  });

  it('reports unknown parents', () => {
    expect(checkPedigree(rowsOf(['A,X,Y,M,']), new Map(), 'ball-python')).toEqual([
      { line: 2, message: 'Sire "X" is neither a row of this file nor an animal of your organisation' },
      { line: 2, message: 'Dam "Y" is neither a row of this file nor an animal of your organisation' },
    ]);
  });

  it('reports a female or unknown-sex sire and a male dam, in the file or existing', () => {
    const rows = rowsOf(['A,F1,M1,U,', 'F1,,,F,', 'M1,,,M,', 'B,U1,EM,F,', 'U1,,,U,']);
    expect(checkPedigree(rows, existing([{ externalId: 'EM', sex: 'MALE' }]), 'ball-python')).toEqual([
      { line: 2, message: 'Sire "F1" is female; a sire must be male' },
      { line: 2, message: 'Dam "M1" is male; a dam must be female' },
      { line: 5, message: 'Sire "U1" is of unknown sex; a sire must be male' },
      { line: 5, message: 'Dam "EM" is male; a dam must be female' },
    ]);
  });

  it('reports an existing parent of another species', () => {
    expect(checkPedigree(rowsOf(['A,S,,M,']), existing([{ externalId: 'S', speciesId: 'corn-snake' }]), 'ball-python')).toEqual([
      { line: 2, message: 'Sire "S" is an animal of another species' },
    ]);
  });

  it('reports a parent hatched on or after its offspring', () => {
    const rows = rowsOf(['A,S,D,M,2020-01-01', 'S,,,M,2020-01-01', 'D,,,F,2021-05-05']);
    expect(checkPedigree(rows, new Map(), 'ball-python')).toEqual([
      { line: 2, message: 'Sire "S" hatched on 2020-01-01, not before this animal (2020-01-01)' },
      { line: 2, message: 'Dam "D" hatched on 2021-05-05, not before this animal (2020-01-01)' },
    ]);
  });

  it('reports every row on a loop, and only those', () => {
    const rows = rowsOf(['A,B,,M,', 'B,C,,M,', 'C,A,,M,', 'D,A,,M,', 'E,E,,M,']);
    expect(checkPedigree(rows, new Map(), 'ball-python')).toEqual([
      { line: 2, message: '"A" would be its own ancestor (loop through lines 3, 4)' },
      { line: 3, message: '"B" would be its own ancestor (loop through lines 2, 4)' },
      { line: 4, message: '"C" would be its own ancestor (loop through lines 2, 3)' },
      { line: 6, message: '"E" would be its own ancestor (it is its own parent)' },
    ]);
  });

  it('does not call an offspring of a row with a bad field an orphan', () => {
    const rows = rowsOf(['A,,,X,', 'B,A,,F,']);
    expect(checkPedigree(rows, new Map(), 'ball-python')).toEqual([]);
  });

  it('checks a 100,000-generation chain without overflowing the stack', () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `A${i},${i > 0 ? `A${i - 1}` : ''},,M,`);
    lines[0] = 'A0,A99999,,M,';
    const errors = checkPedigree(rowsOf(lines), new Map(), 'ball-python');
    expect(errors).toHaveLength(100_000);
    expect(errors[0].message).toBe('"A0" would be its own ancestor (loop through lines 3, 4, 5, 6, 7, 8 and 99993 more)');
  });
});

describe('stronglyConnected', () => {
  it('finds loops and singletons', () => {
    const components = stronglyConnected([
      [1, -1],
      [2, -1],
      [0, -1],
      [0, -1],
    ]).map((c) => [...c].sort());
    expect(components).toContainEqual([0, 1, 2]);
    expect(components).toContainEqual([3]);
  });
});
