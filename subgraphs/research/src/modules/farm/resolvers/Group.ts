import type { GroupResolvers } from '../../../__generated__/resolvers-types.js';

export const Group: GroupResolvers = {
  farm: async (group, _, { farms }) => (await farms.byId(group.farmId))!,
  monthlyMeans: (group, args, { farms }) => farms.monthlyMeans(group, args),
};
