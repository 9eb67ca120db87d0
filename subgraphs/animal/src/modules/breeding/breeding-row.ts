import type { breedingEvents, breedingSessions, clutches } from '@studbook/drizzle/animal';

/** Rows as stored; resolvers map them to the GraphQL BreedingSession, BreedingEvent and Clutch. */
export type BreedingSessionRow = typeof breedingSessions.$inferSelect;
export type BreedingEventRow = typeof breedingEvents.$inferSelect;
export type ClutchRow = typeof clutches.$inferSelect;

export type BreedingEventType = BreedingEventRow['type'];
export type BreedingSessionStatus = BreedingSessionRow['status'];

/** One line of breedingStats, as the studbook_api_breeding_stats function returns it. */
export interface BreedingStatRow {
  sireMorph: string;
  damMorph: string;
  sessions: number;
  clutches: number;
  eggs: number;
  meanHatchRate: number | null;
  meanOffspringInbreeding: number | null;
}
