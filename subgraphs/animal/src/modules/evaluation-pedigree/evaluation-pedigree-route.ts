import { once } from 'node:events';
import { ErrorCode, tenantScopeOf, type InternalRoute } from '@studbook/platform';
import { GraphQLError } from 'graphql';
import type { EvaluationPedigree } from '@studbook/contracts/animal-directory';
import type { EvaluationPedigreeService } from './evaluation-pedigree-service.js';

/** The internal route's name: `POST /internal/evaluation-pedigree` on the animal subgraph. */
export const EVALUATION_PEDIGREE_ROUTE = 'evaluation-pedigree';

const ROWS_PER_WRITE = 5_000;

/**
 * `POST /internal/evaluation-pedigree` with `{ species, subjects }` and the caller's identity token: newline-delimited JSON,
 * first `{ animals, unknownSubjects }`, then one `[id, sire, dam, sex, birthDate, F]` array per animal, written in chunks
 * that wait for the socket to drain, so a million-animal pedigree never sits in the socket's buffer at once.
 * A bad request is 400 with the GraphQL error shape (`extensions.code`, `extensions.field`).
 */
export function evaluationPedigreeRoute(service: EvaluationPedigreeService): InternalRoute {
  return async ({ identity, body }, response) => {
    const scope = tenantScopeOf(identity);
    if (!scope) {
      response.status(403).json({ errors: [{ message: 'Only a member of an organisation may export a pedigree', extensions: { code: ErrorCode.Forbidden } }] });
      return;
    }
    const input = (typeof body === 'object' && body !== null ? body : {}) as { species?: unknown; subjects?: unknown };
    let pedigree: EvaluationPedigree;
    try {
      pedigree = await service.export(scope, { species: input.species, subjects: input.subjects });
    } catch (error) {
      if (error instanceof GraphQLError) {
        response.status(400).json({ errors: [{ message: error.message, extensions: error.extensions }] });
        return;
      }
      throw error;
    }
    response.status(200).type('application/x-ndjson');
    response.write(`${JSON.stringify({ animals: pedigree.animals.length, unknownSubjects: pedigree.unknownSubjects })}\n`);
    for (let start = 0; start < pedigree.animals.length; start += ROWS_PER_WRITE) {
      const chunk = pedigree.animals
        .slice(start, start + ROWS_PER_WRITE)
        .map((a) => `${JSON.stringify([a.id, a.sire, a.dam, a.sex, a.birthDate, a.inbreeding])}\n`)
        .join('');
      if (!response.write(chunk)) await once(response, 'drain');
    }
    response.end();
  };
}
