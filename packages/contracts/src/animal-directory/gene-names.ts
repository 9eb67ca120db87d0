import { askAnimalSubgraph } from './animal-graphql.js';

export type Inheritance = 'RECESSIVE' | 'INCOMPLETE_DOMINANT' | 'DOMINANT';

/** The species catalog and its morph genes, as the animal subgraph publishes them to every signed-in caller. */
export interface SpeciesGenes {
  commonName: string;
  genes: { name: string; aliases: string[]; inheritance: Inheritance }[];
}

const CATALOG_QUERY = /* GraphQL */ `query GeneNames { species { commonName genes { name aliases inheritance } } }`;

/**
 * The catalog is reference data only migrations change, so it is asked once (as the first
 * caller who needs it) and kept for `ttlMs`; a failed ask is not kept.
 */
export class GeneNameCatalog {
  private pending?: { at: number; catalog: Promise<SpeciesGenes[]> };

  constructor(
    private readonly animalSubgraphUrl: string,
    private readonly ttlMs = 5 * 60_000,
  ) {}

  species(callerIdentityToken: string): Promise<SpeciesGenes[]> {
    if (!this.pending || Date.now() - this.pending.at > this.ttlMs) {
      const catalog = askAnimalSubgraph<{ species: SpeciesGenes[] }>(this.animalSubgraphUrl, callerIdentityToken, CATALOG_QUERY, {}).then((data) => data.species);
      const pending = { at: Date.now(), catalog };
      this.pending = pending;
      catalog.catch(() => {
        if (this.pending === pending) this.pending = undefined;
      });
    }
    return this.pending.catalog;
  }
}
