import { graphql } from '../__generated__';

export const SPECIES = graphql(`query WebSpecies { species { id commonName scientificName } }`);

export const COLLECTION = graphql(`
  query WebCollection($first: Int!, $after: String, $filter: AnimalFilter, $sort: AnimalSort) {
    animals(first: $first, after: $after, filter: $filter, sort: $sort) {
      edges { cursor node { id name sex hatchDate visibility status externalId inbreedingCoefficient species { id commonName } owner { id name } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const CREATE_ANIMAL = graphql(`mutation WebCreateAnimal($input: CreateAnimalInput!) { createAnimal(input: $input) { id name } }`);

export const UPDATE_ANIMAL = graphql(`
  mutation WebUpdateAnimal($id: ID!, $input: UpdateAnimalInput!) { updateAnimal(id: $id, input: $input) { id name sex hatchDate visibility externalId } }
`);

export const IMPORT_PEDIGREE = graphql(`mutation WebImportPedigree($input: ImportPedigreeInput!) { importPedigree(input: $input) { imported errors { line message } } }`);
