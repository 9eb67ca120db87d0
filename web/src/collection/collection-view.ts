import type { AnimalFilter, AnimalSort, AnimalStatus, Sex, Visibility } from '../__generated__/graphql';

/** What the collection's search box and choices hold; ANY means no filter on that attribute. */
export interface CollectionChoices {
  search: string;
  species: string;
  sex: 'ANY' | Sex;
  status: 'ANY' | 'CURRENT' | AnimalStatus;
  visibility: 'ANY' | Visibility;
  scope: 'mine' | 'all';
  sort: AnimalSort;
}

export const DEFAULT_CHOICES: CollectionChoices = { search: '', species: 'ANY', sex: 'ANY', status: 'CURRENT', visibility: 'ANY', scope: 'mine', sort: 'NEWEST' };

/**
 * The API's filter and sort for the choices: every one is applied by the server, so paging, sorting
 * and filtering agree across pages. "Current" is what a keeper has in hand: active and holdback.
 */
export function collectionQuery(choices: CollectionChoices): { filter: AnimalFilter; sort: AnimalSort } {
  const filter: AnimalFilter = {};
  if (choices.scope === 'mine') filter.mine = true;
  const search = choices.search.trim();
  if (search) filter.nameContains = search;
  if (choices.species !== 'ANY') filter.species = choices.species;
  if (choices.sex !== 'ANY') filter.sex = choices.sex;
  if (choices.status === 'CURRENT') filter.status = ['ACTIVE', 'HOLDBACK'];
  else if (choices.status !== 'ANY') filter.status = [choices.status];
  if (choices.visibility !== 'ANY') filter.visibility = [choices.visibility];
  return { filter, sort: choices.sort };
}

/** F as breeders read it: a percentage with enough digits to tell 0 from 0.1 %. */
export function formatInbreeding(f: number | null): string {
  if (f === null) return '—';
  if (f === 0) return '0 %';
  return `${(f * 100).toFixed(f < 0.01 ? 2 : 1)} %`;
}
