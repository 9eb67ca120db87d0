import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';

export const Query: QueryResolvers = {
  predictOffspring: (_, { sire, dam, species }, { morphs }) => morphs.predict(sire, dam, species ?? 'Ball python'),
  parseGenotype: (_, { genotype, species }, { morphs }) => morphs.parse(genotype, species ?? 'Ball python'),
};
