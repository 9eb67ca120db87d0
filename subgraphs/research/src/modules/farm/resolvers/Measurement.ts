import type { MeasurementResolvers } from '../../../__generated__/resolvers-types.js';

export const Measurement: MeasurementResolvers = {
  group: (measurement, _, { farms }) => (measurement.groupId ? farms.groupById(measurement.groupId) : null),
};
