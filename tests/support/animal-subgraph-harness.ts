import { expect } from 'vitest';
import type { ServiceDatabase } from '@studbook/drizzle/migrate';
import type { RunningServer, UserIdentity } from '@studbook/platform';
import { startAnimalSubgraph } from '@studbook/animal/src/server.js';
import { testObjectStore } from './object-store.js';
import { startSqlSubgraphHarness, type SqlSubgraphDeps, type SqlSubgraphHarness } from './sql-subgraph-harness.js';

export type Visibility = 'PUBLIC' | 'PRIVATE';

/** A subgraph that references animals, and the real animal subgraph it asks, both trusting one gateway. */
export interface ReferencingSubgraphHarness {
  subgraph: SqlSubgraphHarness;
  animals: SqlSubgraphHarness;
  stop(): Promise<void>;
}

/**
 * Starts the real animal subgraph on a fresh database of its own, then the subgraph under test
 * pointed at it: the reference checks (visible? whose? public?) run as in production, with no
 * double of either side. Tokens the test signs reach the animal subgraph forwarded, as the caller.
 */
export async function startWithAnimalSubgraph(
  service: Exclude<ServiceDatabase, 'animal'>,
  start: (deps: SqlSubgraphDeps & { animalSubgraphUrl: string }, listen: { port: number; host: string }) => Promise<RunningServer>,
): Promise<ReferencingSubgraphHarness> {
  const animals = await startSqlSubgraphHarness('animal', (deps, listen) => startAnimalSubgraph({ ...deps, objects: testObjectStore() }, listen));
  const subgraph = await startSqlSubgraphHarness(service, (deps, listen) => start({ ...deps, animalSubgraphUrl: animals.url }, listen), {
    identityKeys: animals.identityKeys,
  }).catch(async (error) => {
    await animals.stop();
    throw error;
  });
  return {
    subgraph,
    animals,
    async stop() {
      await subgraph.stop();
      await animals.stop();
    },
  };
}

const CREATE_ANIMAL = /* GraphQL */ `
  mutation CreateAnimal($input: CreateAnimalInput!) { createAnimal(input: $input) { id } }
`;

const SET_VISIBILITY = /* GraphQL */ `
  mutation SetVisibility($id: ID!, $visibility: Visibility!) { updateAnimal(id: $id, input: { visibility: $visibility }) { id visibility } }
`;

/** An animal of `owner`'s organisation, created through the animal subgraph; its id. */
export async function createAnimal(animals: SqlSubgraphHarness, owner: UserIdentity, visibility: Visibility): Promise<string> {
  const response = await animals.request<{ createAnimal: { id: string } }>(
    CREATE_ANIMAL,
    { input: { name: 'Monty', species: 'Ball python', sex: 'MALE', visibility } },
    owner,
  );
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!.createAnimal.id;
}

/** The owner makes the animal public or private, as they would through the gateway. */
export async function setVisibility(animals: SqlSubgraphHarness, owner: UserIdentity, animalId: string, visibility: Visibility): Promise<void> {
  const response = await animals.request(SET_VISIBILITY, { id: animalId, visibility }, owner);
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
}
