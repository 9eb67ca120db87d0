import type { GeneNameCatalog } from '@studbook/contracts/animal-directory';
import { badInput, type TenantDb, type TenantScope } from '@studbook/platform';
import { catalogGeneNames, catalogSpecies } from '../search/search-input.js';
import { findMarketMonths, type MarketMonthRow } from './market-stats-store.js';

export const MONTHS_MAX = 120;
export const MONTHS_DEFAULT = 24;

export interface MarketStatsArgs {
  species: string;
  genes?: readonly string[] | null;
  months?: number | null;
}

export interface MarketStatsServiceDeps {
  db: TenantDb;
  /** The caller's tenant; null (anonymous or a service) sees no statistics. */
  scope: TenantScope | null;
  catalog: GeneNameCatalog;
  /** The caller's own gateway token: the catalog is asked as them. */
  identityToken: string;
}

/** Market statistics per gene combination, for one request. */
export class MarketStatsService {
  constructor(private readonly deps: MarketStatsServiceDeps) {}

  async months(args: MarketStatsArgs, now = new Date()): Promise<MarketMonthRow[]> {
    const months = args.months ?? MONTHS_DEFAULT;
    if (!Number.isInteger(months) || months < 1 || months > MONTHS_MAX) throw badInput(`months must be between 1 and ${MONTHS_MAX}`, 'months');
    if (!this.deps.scope) return [];
    const catalog = await this.deps.catalog.species(this.deps.identityToken);
    const species = catalogSpecies(args.species, catalog, 'species');
    const genes = catalogGeneNames(args.genes ?? [], [species], 'genes');
    const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1), 1)).toISOString().slice(0, 10);
    return this.deps.db.read(this.deps.scope, (tx) => findMarketMonths(tx, species.commonName, genes, since));
  }
}
