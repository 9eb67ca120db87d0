import { graphql } from '../__generated__';

export const ANIMAL_PAGE = graphql(`
  query WebAnimalPage($id: ID!, $generations: Int!) {
    animal(id: $id) {
      id name sex hatchDate visibility externalId inbreedingCoefficient status deceasedAt description maturity
      species { id commonName scientificName }
      owner { id name }
      sire { id name }
      dam { id name }
      genotype { notation phenotype }
      offspring { id name sex hatchDate }
      ownershipHistory { from to saleId organization { id name } }
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

export const DESCENDANTS = graphql(`
  query WebAnimalDescendants($id: ID!, $generations: Int!) {
    animal(id: $id) { id descendants(generations: $generations) { generation animal { id name sex hatchDate owner { id name } } } }
  }
`);

export const ANIMAL_MEDIA = graphql(`
  query WebAnimalMedia($id: ID!) {
    animal(id: $id) { id media { id kind status failureReason isCover position caption fileName contentType width height url thumbnailUrl webUrl } }
  }
`);

export const REQUEST_MEDIA_UPLOAD = graphql(`
  mutation WebRequestMediaUpload($input: RequestMediaUploadInput!) {
    requestMediaUpload(input: $input) { url expiresAt headers { name value } media { id } }
  }
`);

export const COMPLETE_MEDIA_UPLOAD = graphql(`mutation WebCompleteMediaUpload($id: ID!) { completeMediaUpload(id: $id) { id status failureReason } }`);

export const SET_COVER_PHOTO = graphql(`mutation WebSetCoverPhoto($id: ID!) { setCoverPhoto(id: $id) { id isCover } }`);

export const ANIMAL_LISTING = graphql(`
  query WebAnimalListing($id: ID!) {
    animal(id: $id) { id listing { id title description price currency status shipsTo pickup publishedAt expiresAt sellerLocation { country region } } }
  }
`);

export const CREATE_LISTING = graphql(`
  mutation WebCreateListing($input: CreateListingInput!) { createListing(input: $input) { id title price currency status } }
`);

export const PUBLISH_LISTING = graphql(`mutation WebPublishListing($id: ID!) { publishListing(id: $id) { id status publishedAt } }`);

export const WITHDRAW_LISTING = graphql(`mutation WebWithdrawListing($id: ID!) { withdrawListing(id: $id) { id status } }`);
