import { toConnection } from '@studbook/platform';
import type { MutationResolvers, QueryResolvers } from '../__generated__/resolvers-types.js';

/** The breeding fields of Query and Mutation, merged into those types in index.ts. */
export const BreedingQuery: QueryResolvers = {
  breedingSession: (_, { id }, { breeding }) => breeding.sessionById(id),
  breedingSessions: async (_, { first, after, status }, { breeding }) => toConnection(await breeding.list(first, after, status)),
  breedingEvent: (_, { id }, { breeding }) => breeding.eventById(id),
  breedingStats: (_, { species }, { breeding }) => breeding.statsFor(species),
};

export const BreedingMutation: MutationResolvers = {
  startBreedingSession: (_, { input }, { breeding }) => breeding.start(input),
  recordBreedingEvent: (_, { input }, { breeding }) => breeding.record(input),
};
