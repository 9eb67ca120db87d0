import type DataLoader from 'dataloader';
import { measuredLoader } from '@studbook/platform';
import { askAnimalSubgraph } from './animal-graphql.js';
import { animalListingFacts, type AnimalListingFacts } from './listing-facts.js';
import { fetchOwnAnimalsByExternalId } from './own-animals.js';

export interface AnimalSummary {
  id: string;
  ownerId: string;
  /** LINEAGE never reaches a directory of another organisation: such an animal is absent to it. */
  visibility: 'PRIVATE' | 'LINEAGE' | 'PUBLIC';
  /** The species catalog id, e.g. "sheep": research checks a measurement against that species' plausible range. */
  speciesId: string;
}

const ENTITIES_QUERY = /* GraphQL */ `
  query AnimalDirectory($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Animal { id visibility owner { id } species { id } }
    }
  }
`;

/** How many ids one directory call (`lookup`) asks about. */
export const DIRECTORY_BATCH = 1000;

type DirectoryEntity = { id: string; visibility: AnimalSummary['visibility']; owner: { id: string } | null; species: { id: string } };

/**
 * Asks the animal subgraph, as the caller, which animals exist and who owns them. Commerce and
 * research check references this way before writing and whenever they show one, so RLS in the
 * animal database decides what the caller may see: a private animal of another organisation is
 * simply absent.
 * Built per request around the caller's own gateway token (valid for its 60 s), which is
 * forwarded as is: subgraphs hold only the public key and cannot mint one.
 */
export class AnimalDirectory {
  constructor(
    private readonly animalSubgraphUrl: string,
    private readonly callerIdentityToken: string,
  ) {}

  async lookup(ids: readonly string[]): Promise<Map<string, AnimalSummary>> {
    const found = new Map<string, AnimalSummary>();
    if (ids.length === 0) return found;
    const data = await this.ask<{ _entities: (DirectoryEntity | null)[] }>(ENTITIES_QUERY, { representations: ids.map((id) => ({ __typename: 'Animal', id })) });
    for (const entity of data._entities) if (entity) found.set(entity.id, summaryOf(entity));
    return found;
  }

  /**
   * The caller's own organisation's animals with these external ids (the breeder's ring or tag numbers), by external id,
   * however many (up to 200,000): one call to the animal subgraph's bulk route. Another organisation's ids never match.
   */
  allByExternalIds(externalIds: readonly string[]): Promise<Map<string, AnimalSummary>> {
    return fetchOwnAnimalsByExternalId(this.animalSubgraphUrl, this.callerIdentityToken, externalIds);
  }

  /** The ids of the animal subgraph's species catalog (e.g. "sheep", "ball-python"). */
  async speciesIds(): Promise<Set<string>> {
    const data = await this.ask<{ species: { id: string }[] }>('query AnimalDirectorySpecies { species { id } }', {});
    return new Set(data.species.map((species) => species.id));
  }

  /** What search indexes of the animal, as the caller sees it; null when hidden from them. */
  listingFacts(animalId: string): Promise<AnimalListingFacts | null> {
    return animalListingFacts(this.animalSubgraphUrl, this.callerIdentityToken, animalId);
  }

  /** The caller's token, for a long-lived catalog asked on this request's behalf. */
  get identityToken(): string {
    return this.callerIdentityToken;
  }

  private ask<Data>(query: string, variables: Record<string, unknown>): Promise<Data> {
    return askAnimalSubgraph<Data>(this.animalSubgraphUrl, this.callerIdentityToken, query, variables);
  }
}

function summaryOf(entity: DirectoryEntity): AnimalSummary {
  return { id: entity.id, ownerId: entity.owner?.id ?? '', visibility: entity.visibility, speciesId: entity.species.id };
}

/**
 * The caller's view of each animal for one request, null when it is absent or hidden from them.
 * Commerce and research resolve every Animal reference through it: they store only an id, which
 * must not outlive the owner's choice to make the animal private. Batched, so the references of a
 * whole page cost one directory call, not one per row.
 */
export function createAnimalSummaryLoader(directory: AnimalDirectory): DataLoader<string, AnimalSummary | null> {
  return measuredLoader('contracts.animalDirectory', async (ids) => {
    const found = await directory.lookup(ids);
    // The animal subgraph answers with PostgreSQL's lowercase ids.
    return ids.map((id) => found.get(id.toLowerCase()) ?? null);
  });
}
