import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';

export const Query: QueryResolvers = {
  pedigreeCertificate: (_, { animalId, generations }, { certificates }) => certificates.issue(animalId, generations),
  certificateVerification: (_, { id }, { certificates }) => certificates.verify(id),
};
