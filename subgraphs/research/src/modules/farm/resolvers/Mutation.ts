import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';

export const Mutation: MutationResolvers = {
  createFarm: (_, { input }, { farms }) => farms.create(input),
  updateFarm: (_, { id, input }, { farms }) => farms.update(id, input),
  deleteFarm: (_, { id }, { farms }) => farms.delete(id),
  createGroup: (_, { input }, { farms }) => farms.createGroup(input),
  updateGroup: (_, { id, input }, { farms }) => farms.updateGroup(id, input),
  deleteGroup: (_, { id }, { farms }) => farms.deleteGroup(id),
  assignAnimal: (_, args, { farms }) => farms.assign(args),
};
