import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';

export const Mutation: MutationResolvers = {
  requestMediaUpload: (_, { input }, { media }) => media.requestUpload(input),
  completeMediaUpload: (_, { id }, { media }) => media.completeUpload(id),
  updateMedia: (_, { id, input }, { media }) => media.update(id, input),
  setCoverPhoto: (_, { id }, { media }) => media.setCover(id),
  deleteMedia: (_, { id }, { media }) => media.delete(id),
};
