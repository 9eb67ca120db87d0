import { graphql } from '../__generated__';

export const ANIMAL_PAGE = graphql(`
  query WebAnimalPage($id: ID!, $generations: Int!) {
    animal(id: $id) {
      id name sex hatchDate visibility externalId inbreedingCoefficient
      species { id commonName scientificName }
      owner { id name }
      sire { id name }
      dam { id name }
      genotype { notation phenotype }
      offspring { id name sex hatchDate }
      pedigree(generations: $generations) { generations completeness nodes { position generation animal { id name } } }
    }
  }
`);

export const PARSE_GENOTYPE = graphql(`
  query WebParseGenotype($genotype: String!, $species: String!) {
    parseGenotype(genotype: $genotype, species: $species) { notation phenotype hets { label gene { name } } possibleHets { label gene { name } } }
  }
`);

export const SET_GENOTYPE = graphql(
  `mutation WebSetGenotype($animalId: ID!, $genotype: String!) { setGenotype(animalId: $animalId, genotype: $genotype) { id genotype { notation phenotype } } }`,
);

export const SET_PARENTS = graphql(`
  mutation WebSetParents($animalId: ID!, $sireId: ID, $damId: ID) {
    setParents(animalId: $animalId, sireId: $sireId, damId: $damId) { id inbreedingCoefficient sire { id name } dam { id name } }
  }
`);

export const SET_VISIBILITY = graphql(
  `mutation WebSetVisibility($id: ID!, $visibility: Visibility!) { updateAnimal(id: $id, input: { visibility: $visibility }) { id visibility } }`,
);
