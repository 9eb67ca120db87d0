import type { FarmResolvers } from '../../../__generated__/resolvers-types.js';

export const Farm: FarmResolvers = {
  groups: (farm, _, { farms }) => farms.groupsOf(farm),
};
