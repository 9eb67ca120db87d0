import { badInput, ErrorCode, tenantScopeOf, type InternalRoute, type TenantDb } from '@studbook/platform';
import type { GraphQLError } from 'graphql';
import type { OwnAnimalsByExternalId } from '@studbook/contracts/animal-directory';
import { findOwnAnimalsByExternalIds } from './herdbook-store.js';

/** The internal route's name: `POST /internal/own-animals-by-external-id` on the animal subgraph. */
export const OWN_ANIMALS_BY_EXTERNAL_ID_ROUTE = 'own-animals-by-external-id';

/** As many as a measurement import may name (its 200,000 rows could each name another animal). */
export const MAX_BULK_EXTERNAL_IDS = 200_000;

/**
 * `POST /internal/own-animals-by-external-id` with `{ externalIds }` and the caller's identity token: the caller's own
 * organisation's animals with those external ids, in one statement under RLS, as `{ animals: [[externalId, id, visibility,
 * speciesId], …] }`. The research subgraph's measurement import resolves a whole file's animals with it instead of
 * animalsByExternalId's batches of 1,000 through GraphQL. A bad request is 400 with the GraphQL error shape.
 */
export function ownAnimalsByExternalIdRoute(db: TenantDb): InternalRoute {
  return async ({ identity, body }, response) => {
    const scope = tenantScopeOf(identity);
    if (!scope) {
      response.status(403).json({ errors: [{ message: 'Only a member of an organisation has external ids', extensions: { code: ErrorCode.Forbidden } }] });
      return;
    }
    const externalIds = (typeof body === 'object' && body !== null ? (body as { externalIds?: unknown }).externalIds : undefined) ?? [];
    try {
      if (!Array.isArray(externalIds) || externalIds.length > MAX_BULK_EXTERNAL_IDS || !externalIds.every((id) => typeof id === 'string'))
        throw badInput(`externalIds must be at most ${MAX_BULK_EXTERNAL_IDS.toLocaleString('en')} strings`, 'externalIds');
    } catch (error) {
      const coded = error as GraphQLError;
      response.status(400).json({ errors: [{ message: coded.message, extensions: coded.extensions }] });
      return;
    }
    const wanted = [...new Set((externalIds as string[]).map((id) => id.trim()))];
    const rows = wanted.length > 0 ? await db.read(scope, (tx) => findOwnAnimalsByExternalIds(tx, scope.tenantId, wanted)) : [];
    const answer: OwnAnimalsByExternalId = { ownerId: scope.tenantId, animals: rows.map((row) => [row.externalId!, row.id, row.visibility, row.speciesId]) };
    response.status(200).json(answer);
  };
}
