import { animalCursor } from './animal-cursor.js';
import type { AnimalPage, AnimalSort } from './animal-service.js';

/** A page of animals as a connection whose cursors carry the page's sort key, so `after` continues that sort. */
export function animalConnection(page: AnimalPage, sort: AnimalSort) {
  const edges = page.rows.map((node) => ({ cursor: animalCursor(sort, node), node }));
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}
