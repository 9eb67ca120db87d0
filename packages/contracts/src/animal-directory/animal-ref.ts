import type DataLoader from 'dataloader';
import type { AnimalSummary } from './animal-directory.js';

/**
 * An animal as a subgraph that references animals holds it: only its id. The animal subgraph owns
 * everything else, and the `Animal` fields such a subgraph adds resolve from this.
 */
export interface AnimalRef {
  id: string;
}

/**
 * The reference to show for a stored animal id: null when the caller may not see the animal (any
 * more), whatever they select of it, so a stored id never outlives its owner's choice to hide it.
 */
export async function visibleAnimalRef(animals: DataLoader<string, AnimalSummary | null>, animalId: string): Promise<AnimalRef | null> {
  return (await animals.load(animalId)) ? { id: animalId } : null;
}
