import type { animalMedia } from '@studbook/drizzle/animal';

/** A media item as stored; resolvers map it to the GraphQL MediaItem. */
export type MediaRow = typeof animalMedia.$inferSelect;
