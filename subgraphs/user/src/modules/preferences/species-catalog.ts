import { IDENTITY_HEADER } from '@studbook/platform';

export interface CatalogSpecies {
  id: string;
  commonName: string;
  scientificName: string;
}

/** The species a name denotes (common or scientific name, or id, in any case), or null. */
export interface SpeciesCatalog {
  /** `callerToken` is the caller's own gateway-signed identity token: the catalog is asked as them. */
  find(name: string, callerToken: string): Promise<CatalogSpecies | null>;
}

const SPECIES_QUERY = /* GraphQL */ `
  query PreferenceSpecies { species { id commonName scientificName } }
`;

/** The rule of the animal subgraph's own catalog lookup, so both accept the same names. */
export function matchSpecies(rows: readonly CatalogSpecies[], name: string): CatalogSpecies | null {
  const wanted = name.trim().toLowerCase();
  return rows.find((row) => row.commonName.toLowerCase() === wanted || row.scientificName.toLowerCase() === wanted || row.id === wanted) ?? null;
}

/**
 * Asks the animal subgraph, which owns the catalog, forwarding the caller's identity token: the
 * user subgraph holds no signing key and never speaks for anyone but the caller. Asked on every
 * save, which is rare, so a species added by a migration counts at once.
 */
export class AnimalSubgraphSpeciesCatalog implements SpeciesCatalog {
  constructor(private readonly animalSubgraphUrl: string) {}

  async find(name: string, callerToken: string): Promise<CatalogSpecies | null> {
    const response = await fetch(this.animalSubgraphUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: callerToken },
      body: JSON.stringify({ query: SPECIES_QUERY }),
      signal: AbortSignal.timeout(5_000),
    });
    const body = (await response.json().catch(() => ({}))) as { data?: { species?: CatalogSpecies[] } };
    if (!response.ok || !body.data?.species) throw new Error(`species catalog lookup failed with HTTP ${response.status}`);
    return matchSpecies(body.data.species, name);
  }
}

/** Without the animal subgraph's URL no name can be checked, so saving one fails (and is logged) rather than storing it unchecked. */
export const unconfiguredSpeciesCatalog: SpeciesCatalog = {
  async find() {
    throw new Error('ANIMAL_SUBGRAPH_URL is not set: the user subgraph cannot check defaultSpecies against the species catalog');
  },
};
