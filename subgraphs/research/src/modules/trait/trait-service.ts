import { badInput } from '@studbook/platform';
import { type CatalogTrait, traitsOfSpecies, TRAITS } from './trait-catalog.js';

/** The trait catalog as the API shows it; reference data, the same for every caller. */
export class TraitService {
  /** The traits of a species by its catalog id ("sheep", "ball-python"); an id no trait knows is refused. */
  ofSpecies(speciesId: string): CatalogTrait[] {
    const id = speciesId.trim().toLowerCase();
    const traits = traitsOfSpecies(id);
    if (traits.length === 0) {
      const known = [...new Set(TRAITS.flatMap((entry) => Object.keys(entry.ranges)))].sort();
      throw badInput(`No traits are catalogued for the species "${speciesId.slice(0, 40)}"; species ids are ${known.join(', ')}`, 'species');
    }
    return traits;
  }
}
