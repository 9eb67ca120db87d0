import { describe, expect, it } from 'vitest';
import { collectionQuery, DEFAULT_CHOICES, formatInbreeding } from './collection-view';

describe("the collection's query", () => {
  it('asks by default for the organisation’s current animals, newest first', () => {
    expect(collectionQuery(DEFAULT_CHOICES)).toEqual({ filter: { mine: true, status: ['ACTIVE', 'HOLDBACK'] }, sort: 'NEWEST' });
  });

  it('sends every choice to the server, a trimmed search included, and nothing for "any"', () => {
    expect(
      collectionQuery({ search: '  pied ', species: 'Ball python', sex: 'FEMALE', status: 'DECEASED', visibility: 'PUBLIC', scope: 'all', sort: 'HATCH_DATE' }),
    ).toEqual({ filter: { nameContains: 'pied', species: 'Ball python', sex: 'FEMALE', status: ['DECEASED'], visibility: ['PUBLIC'] }, sort: 'HATCH_DATE' });
    expect(collectionQuery({ ...DEFAULT_CHOICES, search: '   ', status: 'ANY', scope: 'all', sort: 'NAME' })).toEqual({ filter: {}, sort: 'NAME' });
  });
});

describe('F for breeders', () => {
  it('tells zero from a small F and rounds larger ones to a tenth of a percent', () => {
    expect(formatInbreeding(null)).toBe('—');
    expect(formatInbreeding(0)).toBe('0 %');
    expect(formatInbreeding(0.0039)).toBe('0.39 %');
    expect(formatInbreeding(0.25)).toBe('25.0 %');
  });
});
