import { toConnection } from '@studbook/platform';
import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';

export const Query: QueryResolvers = {
  animal: (_, { id }, { animals }) => animals.byId(id),
  animals: async (_, { first, after, filter }, { animals }) => toConnection(await animals.list(first, after, filter ?? {})),
  species: (_, __, { species }) => species.all(),
};
