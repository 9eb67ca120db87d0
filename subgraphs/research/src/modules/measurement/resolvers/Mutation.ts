import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';

export const Mutation: MutationResolvers = {
  recordMeasurement: (_, { input }, { measurements }) => measurements.record(input),
  importMeasurements: (_, { csv }, { measurementImport }) => measurementImport.importMeasurements(csv),
};
