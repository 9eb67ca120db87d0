import { batchMutation } from '../../embedded/src/batch-mutations.js';

/**
 * A closed herd bred for `generations` generations after its founders: every generation has `size`
 * animals (half male), each out of a sire and a dam of the generation before, chosen by a fixed
 * pseudo-random sequence, so ancestors recur the way they do in real pedigrees. Returns the ids per
 * generation, founders first. For the statement-count tests and the pedigree benchmark.
 */
export async function seedClosedHerd(url: string, token: string, generations: number, size: number, label = 'Herd'): Promise<string[][]> {
  let seed = 20240611;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const sexOf = (i: number) => (i % 2 ? 'FEMALE' : 'MALE');
  const herd: string[][] = [];
  for (let g = 0; g <= generations; g++) {
    const previous = herd[g - 1];
    const pick = (sex: 'MALE' | 'FEMALE') => {
      const candidates = previous.filter((_, i) => sexOf(i) === sex);
      return candidates[Math.floor(next() * candidates.length)];
    };
    const inputs = Array.from({ length: size }, (_, i) => ({
      name: `${label} g${g} #${i}`,
      species: 'Sheep',
      sex: sexOf(i),
      hatchDate: `${1990 + g}-04-01`,
      visibility: 'PUBLIC',
      ...(previous ? { sireId: pick('MALE'), damId: pick('FEMALE') } : {}),
    }));
    const ids: string[] = [];
    for (let start = 0; start < inputs.length; start += 50) {
      ids.push(...(await batchMutation(url, token, 'createAnimal', 'CreateAnimalInput', inputs.slice(start, start + 50))));
    }
    herd.push(ids);
  }
  return herd;
}
