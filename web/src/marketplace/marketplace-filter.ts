import type { ListingFilter, ListingSort, Sex } from '../__generated__/graphql';

/** The search page's choices; numbers as typed, so a half-typed field does not send a wrong one. */
export interface MarketChoices {
  query: string;
  species: string[];
  sex: Sex[];
  genes: string[];
  minPrice: string;
  maxPrice: string;
  /** Maximum F as a percentage, as breeders read it. */
  maxInbreedingPercent: string;
  /** Minimum completeness as a percentage. */
  minCompletenessPercent: string;
  sort: 'DEFAULT' | ListingSort;
}

export const NO_CHOICES: MarketChoices = {
  query: '',
  species: [],
  sex: [],
  genes: [],
  minPrice: '',
  maxPrice: '',
  maxInbreedingPercent: '',
  minCompletenessPercent: '',
  sort: 'DEFAULT',
};

function number(text: string): number | undefined {
  const value = Number(text.trim().replace(',', '.'));
  return text.trim() === '' || Number.isNaN(value) ? undefined : value;
}

/** The searchListings arguments: percentages become shares (0 to 1), empty choices are left out, DEFAULT lets the API choose. */
export function searchArguments(choices: MarketChoices): { query?: string; filter: ListingFilter; sort?: ListingSort } {
  const filter: ListingFilter = {};
  if (choices.species.length) filter.species = choices.species;
  if (choices.sex.length) filter.sex = choices.sex;
  if (choices.genes.length) filter.showsGenes = choices.genes;
  const minPrice = number(choices.minPrice);
  const maxPrice = number(choices.maxPrice);
  const maxF = number(choices.maxInbreedingPercent);
  const minCompleteness = number(choices.minCompletenessPercent);
  if (minPrice !== undefined) filter.minPrice = minPrice;
  if (maxPrice !== undefined) filter.maxPrice = maxPrice;
  if (maxF !== undefined) filter.maxInbreeding = maxF / 100;
  if (minCompleteness !== undefined) filter.minCompleteness = minCompleteness / 100;
  const query = choices.query.trim();
  return { query: query || undefined, filter, sort: choices.sort === 'DEFAULT' ? undefined : choices.sort };
}

/** Adds a value to a checked set, or takes it out. */
export function toggled<T>(values: readonly T[], value: T, on: boolean): T[] {
  return on ? [...new Set([...values, value])] : values.filter((v) => v !== value);
}
