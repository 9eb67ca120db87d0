import type { BreedingEventResolvers } from '../../../__generated__/resolvers-types.js';

export const BreedingEvent: BreedingEventResolvers = {
  __resolveReference: ({ id }, { breeding }) => breeding.eventById(id),
  cursor: (event, _, { breeding }) => breeding.cursorOf(event),
  // An event and its session share a tenant, so a visible event's session is visible too.
  session: async (event, _, { breeding }) => (await breeding.sessionById(event.sessionId))!,
};
