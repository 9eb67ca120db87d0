import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';

export const Mutation: MutationResolvers = {
  startBreedingSession: (_, { input }, { breeding }) => breeding.start(input),
  recordBreedingEvent: (_, { input }, { breeding }) => breeding.record(input),
};
