import { badInput, IDENTITY_HEADER, requestContextHeaders } from '@studbook/platform';
import type { AnimalSummary } from './animal-directory.js';

/** The animal subgraph's answer on `POST /internal/own-animals-by-external-id`. */
export interface OwnAnimalsByExternalId {
  /** The caller's organisation: the owner of every animal listed. */
  ownerId: string;
  /** [externalId, id, visibility, speciesId] of each of the organisation's animals with one of the asked-for external ids. */
  animals: [string, string, AnimalSummary['visibility'], string][];
}

/**
 * The caller's own organisation's animals with these external ids, by external id, in one call to the animal subgraph
 * (`POST /internal/own-animals-by-external-id`, one statement under RLS) however many there are, up to 200,000; another
 * organisation's ids never match. `graphqlUrl` is the subgraph's `/graphql` endpoint; the route sits beside it.
 */
export async function fetchOwnAnimalsByExternalId(graphqlUrl: string, callerIdentityToken: string, externalIds: readonly string[]): Promise<Map<string, AnimalSummary>> {
  const found = new Map<string, AnimalSummary>();
  if (externalIds.length === 0) return found;
  const response = await fetch(new URL('/internal/own-animals-by-external-id', graphqlUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: callerIdentityToken, ...requestContextHeaders() },
    body: JSON.stringify({ externalIds }),
    signal: AbortSignal.timeout(60_000),
  });
  if (response.status === 400) {
    const body = (await response.json()) as { errors: { message: string; extensions?: { field?: string } }[] };
    throw badInput(body.errors[0].message, body.errors[0].extensions?.field);
  }
  if (!response.ok) throw new Error(`animal subgraph external id lookup failed with HTTP ${response.status}`);
  const { ownerId, animals } = (await response.json()) as OwnAnimalsByExternalId;
  for (const [externalId, id, visibility, speciesId] of animals) found.set(externalId, { id, ownerId, visibility, speciesId });
  return found;
}
