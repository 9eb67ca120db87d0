import { describe, expect, it } from 'vitest';
import { NO_CHOICES, searchArguments, toggled } from './marketplace-filter';

describe('marketplace search arguments', () => {
  it('sends nothing for no choices and lets the API pick the sort', () => {
    expect(searchArguments(NO_CHOICES)).toEqual({ query: undefined, filter: {}, sort: undefined });
  });

  it('turns percentages into shares, reads decimal commas and skips what is not a number', () => {
    const args = searchArguments({
      ...NO_CHOICES,
      query: ' pastel ',
      species: ['Ball python'],
      sex: ['FEMALE'],
      genes: ['Clown'],
      minPrice: '100',
      maxPrice: 'lots',
      maxInbreedingPercent: '6,25',
      minCompletenessPercent: '50',
      sort: 'PRICE_ASC',
    });
    expect(args).toEqual({
      query: 'pastel',
      filter: { species: ['Ball python'], sex: ['FEMALE'], showsGenes: ['Clown'], minPrice: 100, maxInbreeding: 0.0625, minCompleteness: 0.5 },
      sort: 'PRICE_ASC',
    });
  });

  it('checks and unchecks a facet value once', () => {
    expect(toggled(['a'], 'a', true)).toEqual(['a']);
    expect(toggled(['a', 'b'], 'a', false)).toEqual(['b']);
  });
});
