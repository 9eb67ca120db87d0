import type { QueryResolvers } from '../__generated__/resolvers-types.js';
import { animalCursor } from '../modules/animal/animal-service.js';

export const Query: QueryResolvers = {
  animal: (_, { id }, { animals }) => animals.byId(id),
  animals: async (_, { first, after, filter }, { animals }) => {
    const page = await animals.list(first, after, filter ?? {});
    const edges = page.rows.map((row) => ({ cursor: animalCursor(row), node: row }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  },
  species: (_, __, { species }) => species.all(),
};
