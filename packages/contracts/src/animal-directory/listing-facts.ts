import { askAnimalSubgraph } from './animal-graphql.js';

/** What a buyer's search matches on, of a public animal: copied onto its listing when listed. */
export interface AnimalListingFacts {
  id: string;
  /** The owning organisation: only it may list the animal. */
  ownerId: string;
  name: string;
  /** Only a PUBLIC animal may be listed; anything else (PRIVATE, LINEAGE) may not. */
  visibility: string;
  sex: 'MALE' | 'FEMALE' | 'UNKNOWN';
  speciesName: string;
  /** Catalog names of genes in one copy (visual dominant or certain het) and in two (visual recessive, super). */
  genesOne: string[];
  genesTwo: string[];
  inbreeding: number | null;
  /** Pedigree completeness over five generations, as the animal subgraph's stored metrics are. */
  completeness: number | null;
  /** YYYY-MM-DD, or null when unknown: with the species' thresholds, what the animal's maturity is on any day. */
  hatchDate: string | null;
  /** The species' ages in days from which an animal is JUVENILE, SUBADULT and ADULT. */
  maturityFromDays: [number, number, number];
}

const FACTS_QUERY = /* GraphQL */ `
  query AnimalListingFacts($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Animal {
        id name visibility owner { id } sex hatchDate species { commonName juvenileFromDays subadultFromDays adultFromDays }
        genotype { visual { gene { name } copies } hets { gene { name } } }
        inbreedingCoefficient
        pedigree(generations: 5) { completeness }
      }
    }
  }
`;

interface FactsEntity {
  id: string;
  name: string;
  visibility: string;
  owner: { id: string } | null;
  sex: AnimalListingFacts['sex'];
  hatchDate: string | null;
  species: { commonName: string; juvenileFromDays: number; subadultFromDays: number; adultFromDays: number };
  genotype: { visual: { gene: { name: string }; copies: number }[]; hets: { gene: { name: string } }[] } | null;
  inbreedingCoefficient: number | null;
  pedigree: { completeness: number } | null;
}

/** The animal's facts as the caller sees it; null when it is absent or hidden from them. */
export async function animalListingFacts(animalSubgraphUrl: string, callerIdentityToken: string, animalId: string): Promise<AnimalListingFacts | null> {
  const data = await askAnimalSubgraph<{ _entities: (FactsEntity | null)[] }>(animalSubgraphUrl, callerIdentityToken, FACTS_QUERY, {
    representations: [{ __typename: 'Animal', id: animalId }],
  });
  const entity = data._entities[0];
  if (!entity) return null;
  const visual = entity.genotype?.visual ?? [];
  return {
    id: entity.id,
    ownerId: entity.owner?.id ?? '',
    name: entity.name,
    visibility: entity.visibility,
    sex: entity.sex,
    speciesName: entity.species.commonName,
    genesOne: [...visual.filter((g) => g.copies === 1).map((g) => g.gene.name), ...(entity.genotype?.hets ?? []).map((h) => h.gene.name)].sort(),
    genesTwo: visual
      .filter((g) => g.copies === 2)
      .map((g) => g.gene.name)
      .sort(),
    inbreeding: entity.inbreedingCoefficient,
    completeness: entity.pedigree?.completeness ?? null,
    hatchDate: entity.hatchDate,
    maturityFromDays: [entity.species.juvenileFromDays, entity.species.subadultFromDays, entity.species.adultFromDays],
  };
}
