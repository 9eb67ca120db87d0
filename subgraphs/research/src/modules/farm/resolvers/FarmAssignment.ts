import type { FarmAssignmentResolvers } from '../../../__generated__/resolvers-types.js';

export const FarmAssignment: FarmAssignmentResolvers = {
  animal: (assignment, _, { farms }) => farms.animalOf(assignment),
  farm: async (assignment, _, { farms }) => (await farms.byId(assignment.farmId))!,
  group: (assignment, _, { farms }) => (assignment.groupId ? farms.groupById(assignment.groupId) : null),
};
