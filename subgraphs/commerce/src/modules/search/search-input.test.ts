import { describe, expect, it } from 'vitest';
import type { SpeciesGenes } from '@studbook/contracts/animal-directory';
import { rejectionOf } from '../../../../../tests/support/rejection.js';
import { normalisedQuery, normaliseFilter, offsetCursor, parseOffsetCursor, validSearchFirst } from './search-input.js';

const CATALOG: SpeciesGenes[] = [
  {
    commonName: 'Ball python',
    genes: [
      { name: 'Clown', aliases: [], inheritance: 'RECESSIVE' },
      { name: 'Hypo', aliases: ['Ghost'], inheritance: 'RECESSIVE' },
      { name: 'Pastel', aliases: [], inheritance: 'INCOMPLETE_DOMINANT' },
    ],
  },
  { commonName: 'Corn snake', genes: [{ name: 'Hypomelanistic', aliases: ['Hypo'], inheritance: 'RECESSIVE' }] },
];

describe('normaliseFilter', () => {
  it('reads genes by name or alias, whatever the case, into catalog names with how they show per species', () => {
    const filter = normaliseFilter({ showsGenes: ['pastel', 'GHOST'], carriesGenes: ['clown'] }, CATALOG);
    expect(filter.shows).toEqual([
      { name: 'Hypo', recessiveIn: ['Ball python'], dominantIn: [] },
      { name: 'Pastel', recessiveIn: [], dominantIn: ['Ball python'] },
    ]);
    expect(filter.carries).toEqual([{ name: 'Clown', recessiveIn: ['Ball python'], dominantIn: [] }]);
  });

  it('reads an alias in the species searched only', () => {
    expect(normaliseFilter({ species: ['corn snake'], showsGenes: ['Hypo'] }, CATALOG).shows).toEqual([
      { name: 'Hypomelanistic', recessiveIn: ['Corn snake'], dominantIn: [] },
    ]);
  });

  it('refuses unknown genes, naming every one', () => {
    const error = (() => {
      try {
        normaliseFilter({ excludesGenes: ['Banana', 'Clown', 'Pied'] }, CATALOG);
      } catch (e) {
        return e as Error & { extensions: Record<string, unknown> };
      }
    })();
    expect(error?.message).toBe('Unknown genes: Banana, Pied');
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.excludesGenes' });
  });

  it.each([
    [{ species: ['Dragon'] }, 'filter.species[0]'],
    [{ minPrice: 0 }, 'filter.minPrice'],
    [{ maxPrice: Number.NaN }, 'filter.maxPrice'],
    [{ minPrice: 500, maxPrice: 100 }, 'filter.minPrice'],
    [{ maxInbreeding: -0.1 }, 'filter.maxInbreeding'],
    [{ minCompleteness: 1.5 }, 'filter.minCompleteness'],
    [{ shipsTo: 'XX' }, 'filter.shipsTo'],
  ])('refuses %j on its field', (filter, field) => {
    expect(rejectionOf(() => normaliseFilter(filter, CATALOG))).toEqual({ code: 'BAD_USER_INPUT', field });
  });
});

describe('the query, first and after', () => {
  it('normalises case and spaces, and reads an empty query as none', () => {
    expect(normalisedQuery('  Pastel   CLOWN ')).toBe('pastel clown');
    expect(normalisedQuery('   ')).toBeNull();
  });

  it('refuses a query over 500 characters and first outside 1 to 100', () => {
    expect(normalisedQuery('a'.repeat(500))).toHaveLength(500);
    expect(rejectionOf(() => normalisedQuery('a'.repeat(501)))).toEqual({ code: 'BAD_USER_INPUT', field: 'query' });
    expect(rejectionOf(() => validSearchFirst(101))).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(rejectionOf(() => validSearchFirst(0))).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('reads back its own cursors and refuses others', () => {
    expect(parseOffsetCursor(offsetCursor(40))).toBe(40);
    expect(rejectionOf(() => parseOffsetCursor('bm9wZQ'))).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
