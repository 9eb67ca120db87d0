import { graphql } from '../__generated__';

export const FARMS = graphql(`query WebFarms { farms { id name latitude longitude region country groups { id name } } }`);

export const CREATE_FARM = graphql(`mutation WebCreateFarm($input: FarmInput!) { createFarm(input: $input) { id name latitude longitude region country } }`);

export const FARMS_NEAR = graphql(`
  query WebFarmsNear($latitude: Float!, $longitude: Float!, $km: Float!) { farmsNear(latitude: $latitude, longitude: $longitude, km: $km) { km farm { id name region country } } }
`);

export const CREATE_GROUP = graphql(`mutation WebCreateGroup($input: CreateGroupInput!) { createGroup(input: $input) { id name purpose farm { id } } }`);

export const ASSIGN_ANIMAL = graphql(`
  mutation WebAssignAnimal($animalId: ID!, $farmId: ID!, $groupId: ID, $from: Date!) {
    assignAnimal(animalId: $animalId, farmId: $farmId, groupId: $groupId, from: $from) { id from animal { id name } farm { id name } group { id name } }
  }
`);
