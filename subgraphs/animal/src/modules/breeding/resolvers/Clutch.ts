import type { ClutchResolvers } from '../../../__generated__/resolvers-types.js';

export const Clutch: ClutchResolvers = {
  __resolveReference: ({ id }, { breeding }) => breeding.clutchById(id),
  session: async (clutch, _, { breeding }) => (await breeding.sessionById(clutch.sessionId))!,
  hatchRate: (clutch) => (clutch.hatchedCount == null ? null : clutch.hatchedCount / clutch.eggCount),
  hatchlings: (clutch, _, { breeding }) => breeding.hatchlingsOf(clutch.id),
};
