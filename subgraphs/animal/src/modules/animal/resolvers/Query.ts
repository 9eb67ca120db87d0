import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';
import { animalConnection } from '../animal-connection.js';

export const Query: QueryResolvers = {
  animal: (_, { id }, { animals }) => animals.byId(id),
  animals: async (_, { first, after, filter, sort }, { animals }) => {
    const order = sort ?? 'NEWEST';
    return animalConnection(await animals.list(first, after, filter ?? {}, order), order);
  },
  species: (_, __, { species }) => species.all(),
};
