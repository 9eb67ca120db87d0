import { describe, expect, it } from 'vitest';
import { rejectionOf } from '../../../../../tests/support/rejection.js';
import { matchCursor, parseMatchCursor, storedFilter, validName } from './saved-search-input.js';

describe('saved search input', () => {
  it('round-trips a match cursor and refuses anything else', () => {
    expect(parseMatchCursor(matchCursor(42))).toBe(42);
    expect(parseMatchCursor(null)).toBe(0);
    expect(rejectionOf(() => parseMatchCursor(Buffer.from('offset:3').toString('base64url')))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('needs a name of 1 to 100 characters, trimmed', () => {
    expect(validName('  Pieds under 1000  ')).toBe('Pieds under 1000');
    expect(rejectionOf(() => validName('   '))).toMatchObject({ field: 'name' });
    expect(rejectionOf(() => validName('x'.repeat(101)))).toMatchObject({ field: 'name' });
  });

  it('stores the filter as written, without the nulls of fields left out', () => {
    expect(storedFilter({ species: ['Ball python'], maxPrice: null, showsGenes: ['pied'] })).toEqual({ species: ['Ball python'], showsGenes: ['pied'] });
    expect(storedFilter(null)).toEqual({});
  });
});
