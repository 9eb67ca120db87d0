import type { MeasurementResolvers } from '../../../__generated__/resolvers-types.js';

export const Measurement: MeasurementResolvers = {
  __resolveReference: ({ id }, { measurements }) => measurements.byId(id),
  animal: (measurement, _, { measurements }) => measurements.animalOf(measurement),
  catalogTrait: (measurement, _, { measurements }) => measurements.catalogTraitOf(measurement),
};
