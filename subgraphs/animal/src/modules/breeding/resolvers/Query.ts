import { toConnection } from '@studbook/platform';
import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';

export const Query: QueryResolvers = {
  breedingSession: (_, { id }, { breeding }) => breeding.sessionById(id),
  breedingSessions: async (_, { first, after, status }, { breeding }) => toConnection(await breeding.list(first, after, status)),
  breedingEvent: (_, { id }, { breeding }) => breeding.eventById(id),
  breedingStats: (_, { species }, { breeding }) => breeding.statsFor(species),
};
