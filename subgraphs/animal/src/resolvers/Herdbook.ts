import type { MutationResolvers, QueryResolvers } from '../__generated__/resolvers-types.js';

/** Herdbook fields of Query and Mutation (schema/animal/herdbook.graphql), merged into the root types in index.ts. */
export const HerdbookQuery: Pick<QueryResolvers, 'animalsByExternalId'> = {
  animalsByExternalId: (_, { externalIds }, { herdbook }) => herdbook.byExternalIds(externalIds),
};

export const HerdbookMutation: Pick<MutationResolvers, 'importPedigree'> = {
  importPedigree: (_, { input }, { herdbook }) => herdbook.importPedigree(input),
};
