import { badInput } from '@studbook/platform';
import type { SpeciesGenes } from '@studbook/contracts/animal-directory';
import { validCountry, validPrice } from '../listing/listing-input.js';

export const QUERY_MAX = 500;
export const SEARCH_FIRST_MAX = 100;
export const SEARCH_FIRST_DEFAULT = 20;
export const SORTS = ['RELEVANCE', 'NEWEST', 'PRICE_ASC', 'PRICE_DESC', 'INBREEDING_ASC'] as const;
export type ListingSort = (typeof SORTS)[number];

export interface ListingFilterInput {
  species?: readonly string[] | null;
  sex?: readonly string[] | null;
  showsGenes?: readonly string[] | null;
  carriesGenes?: readonly string[] | null;
  excludesGenes?: readonly string[] | null;
  minPrice?: number | null;
  maxPrice?: number | null;
  currency?: string | null;
  seller?: string | null;
  sellerCountry?: string | null;
  shipsTo?: string | null;
  maxInbreeding?: number | null;
  minCompleteness?: number | null;
  maturity?: readonly string[] | null;
}

export const MATURITIES = ['HATCHLING', 'JUVENILE', 'SUBADULT', 'ADULT'] as const;

/** A gene the filter names, with the species where it shows only in two copies (recessive) and the others. */
export interface GeneCondition {
  name: string;
  recessiveIn: string[];
  dominantIn: string[];
}

/** The filter checked and in catalog names: what the SQL runs and what the cache key is made of. */
export interface NormalisedFilter {
  species: string[];
  sex: string[];
  shows: GeneCondition[];
  carries: GeneCondition[];
  excludes: GeneCondition[];
  minPrice: number | null;
  maxPrice: number | null;
  currency: string | null;
  seller: string | null;
  sellerCountry: string | null;
  shipsTo: string | null;
  maxInbreeding: number | null;
  minCompleteness: number | null;
  maturity: string[];
}

/** Lowercase, accents kept (the SQL unaccents), single spaces; null when nothing is left. */
export function normalisedQuery(query: string | null | undefined): string | null {
  if (query == null) return null;
  if ([...query].length > QUERY_MAX) throw badInput(`query must be at most ${QUERY_MAX} characters`, 'query');
  const text = query.toLowerCase().replace(/\s+/g, ' ').trim();
  return text.length > 0 ? text : null;
}

export function validSearchFirst(first: number | null | undefined): number {
  const size = first ?? SEARCH_FIRST_DEFAULT;
  if (!Number.isInteger(size) || size < 1 || size > SEARCH_FIRST_MAX) throw badInput(`first must be between 1 and ${SEARCH_FIRST_MAX}`, 'first');
  return size;
}

/** `after` is the offset the previous page ended at, as an opaque string. */
export function offsetCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

export function parseOffsetCursor(after: string | null | undefined): number {
  if (!after) return 0;
  const match = /^offset:(\d{1,7})$/.exec(Buffer.from(after, 'base64url').toString());
  if (!match) throw badInput('after is not a cursor of this search', 'after');
  return Number(match[1]);
}

const unitInterval = (value: number | null | undefined, field: string) => {
  if (value == null) return null;
  if (!Number.isFinite(value) || value < 0 || value > 1) throw badInput(`${field} must be between 0 and 1`, field);
  return value;
};

/** Checks every field against the catalog; unknown species and genes are refused, naming them. */
export function normaliseFilter(filter: ListingFilterInput | null | undefined, catalog: readonly SpeciesGenes[]): NormalisedFilter {
  const f = filter ?? {};
  const speciesByName = new Map(catalog.map((species) => [species.commonName.toLowerCase(), species]));
  const species = (f.species ?? []).map((name, i) => {
    const found = speciesByName.get(name.trim().toLowerCase());
    if (!found) throw badInput(`Unknown species: ${name}`, `filter.species[${i}]`);
    return found.commonName;
  });
  const inScope = species.length > 0 ? catalog.filter((s) => species.includes(s.commonName)) : catalog;
  const genes = (field: 'showsGenes' | 'carriesGenes' | 'excludesGenes') => {
    const given = f[field] ?? [];
    const unknown = given.filter((name) => !geneCondition(name, inScope));
    if (unknown.length > 0) throw badInput(`Unknown gene${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`, `filter.${field}`);
    return dedupe(given.map((name) => geneCondition(name, inScope)!));
  };
  const minPrice = f.minPrice == null ? null : validPrice(f.minPrice, 'filter.minPrice');
  const maxPrice = f.maxPrice == null ? null : validPrice(f.maxPrice, 'filter.maxPrice');
  if (minPrice != null && maxPrice != null && minPrice > maxPrice) throw badInput('minPrice must not exceed maxPrice', 'filter.minPrice');
  return {
    species: [...new Set(species)].sort(),
    sex: [...new Set(f.sex ?? [])].sort(),
    shows: genes('showsGenes'),
    carries: genes('carriesGenes'),
    excludes: genes('excludesGenes'),
    minPrice,
    maxPrice,
    currency: f.currency ? f.currency.trim().toUpperCase() : null,
    seller: f.seller ? f.seller.toLowerCase() : null,
    sellerCountry: f.sellerCountry ? validCountry(f.sellerCountry, 'filter.sellerCountry') : null,
    shipsTo: f.shipsTo ? validCountry(f.shipsTo, 'filter.shipsTo') : null,
    maxInbreeding: unitInterval(f.maxInbreeding, 'filter.maxInbreeding'),
    minCompleteness: unitInterval(f.minCompleteness, 'filter.minCompleteness'),
    maturity: [...new Set(f.maturity ?? [])].sort(),
  };
}

/** A species by common name, any case, or a BAD_USER_INPUT naming it at `field`. */
export function catalogSpecies(name: string, catalog: readonly SpeciesGenes[], field: string): SpeciesGenes {
  const found = catalog.find((species) => species.commonName.toLowerCase() === name.trim().toLowerCase());
  if (!found) throw badInput(`Unknown species: ${name}`, field);
  return found;
}

/**
 * The catalog names of genes as breeders write them (name or alias, any case) in these species,
 * distinct and sorted, the filter's own resolution; the unknown ones are refused together, named.
 */
export function catalogGeneNames(given: readonly string[], inScope: readonly SpeciesGenes[], field: string): string[] {
  const unknown = given.filter((name) => !geneCondition(name, inScope));
  if (unknown.length > 0) throw badInput(`Unknown gene${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`, field);
  return dedupe(given.map((name) => geneCondition(name, inScope)!)).map((condition) => condition.name);
}

/** The gene a name or alias means, in the species searched; breeders write "Ghost" for Hypo. */
function geneCondition(written: string, catalog: readonly SpeciesGenes[]): GeneCondition | null {
  const key = written
    .trim()
    .toLowerCase()
    .replace(/[-_\s]+/g, ' ');
  let name: string | null = null;
  const recessiveIn: string[] = [];
  const dominantIn: string[] = [];
  for (const species of catalog) {
    const gene = species.genes.find((g) => [g.name, ...g.aliases].some((n) => n.toLowerCase().replace(/[-_\s]+/g, ' ') === key));
    if (!gene) continue;
    name ??= gene.name;
    (gene.inheritance === 'RECESSIVE' ? recessiveIn : dominantIn).push(species.commonName);
  }
  return name ? { name, recessiveIn, dominantIn } : null;
}

function dedupe(conditions: GeneCondition[]): GeneCondition[] {
  return [...new Map(conditions.map((c) => [c.name, c])).values()].sort((a, b) => a.name.localeCompare(b.name));
}
