import { batchMutation } from '../../embedded/src/batch-mutations.js';

/**
 * A signed-in organisation's flock for batching tests and benchmarks: 20 parents and `size`
 * public offspring, each with both parents, an active listing and one measurement.
 */
export async function seedFlock(url: string, token: string, size: number): Promise<{ parents: string[]; offspring: string[] }> {
  const parents = await batchMutation(
    url,
    token,
    'createAnimal',
    'CreateAnimalInput',
    Array.from({ length: 20 }, (_, i) => ({ name: `Parent ${i}`, species: 'Sheep', sex: i % 2 ? 'FEMALE' : 'MALE', hatchDate: '2015-03-01' })),
  );
  const offspring: string[] = [];
  for (let start = 0; start < size; start += 50) {
    const inputs = Array.from({ length: Math.min(50, size - start) }, (_, i) => ({
      name: `Lamb ${start + i}`,
      species: 'Sheep',
      sex: i % 2 ? 'FEMALE' : 'MALE',
      hatchDate: '2020-04-01',
      visibility: 'PUBLIC',
      sireId: parents[(i % 10) * 2],
      damId: parents[(i % 10) * 2 + 1],
    }));
    const ids = await batchMutation(url, token, 'createAnimal', 'CreateAnimalInput', inputs);
    await batchMutation(
      url,
      token,
      'createListing',
      'CreateListingInput',
      ids.map((animalId, i) => ({ animalId, price: 100 + i, currency: 'GBP' })),
    );
    await batchMutation(
      url,
      token,
      'recordMeasurement',
      'RecordMeasurementInput',
      ids.map((animalId, i) => ({ animalId, trait: 'weaning_weight', value: 20 + i / 10, unit: 'kg' })),
    );
    offspring.push(...ids);
  }
  return { parents, offspring };
}

/** What flockQuery answers: it is built at run time (its page size), so codegen cannot type it. */
export interface FlockPage {
  animals: {
    edges: {
      node: {
        name: string;
        species: { commonName: string };
        sire: { name: string } | null;
        dam: { name: string } | null;
        owner: { name: string } | null;
        listing: { price: number } | null;
        measurements: { trait: string; value: number }[];
      };
    }[];
  };
}

/** Every federated field of a flock member: sire/dam (animal), owner (user), listing (commerce), measurements (research). */
export const flockQuery = (first: number) => `{ animals(first: ${first}, filter: { mine: true }) { edges { node {
  name species { commonName } sire { name } dam { name } owner { name } listing { price } measurements { trait value }
} } } }`;
