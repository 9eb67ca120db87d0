import { readFileSync } from 'node:fs';

/** The composed supergraph committed in schema/ (npm run compose); production never composes at run time. */
export function loadSupergraph(path?: string): string {
  return readFileSync(path ?? new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8');
}
