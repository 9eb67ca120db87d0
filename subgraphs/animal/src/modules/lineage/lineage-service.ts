import { badInput, validId, type TenantDb, type TenantScope } from '@studbook/platform';
import type { AnimalLoaders } from '../animal/animal-loaders.js';
import type { AnimalRow } from '../animal/animal-row.js';
import type { AnimalService } from '../animal/animal-service.js';
import { validGenerations } from './lineage-input.js';
import type { LineageLoaders } from './lineage-loaders.js';
import * as store from './lineage-store.js';

export const MAX_DESCENDANT_GENERATIONS = 10;
export const DEFAULT_DESCENDANT_GENERATIONS = 3;
/** The most descendants one `descendants` field returns; a founder of a large herdbook has far more. */
export const MAX_DESCENDANTS = 10_000;

/** Undefined keeps that parent, null clears it. */
export interface ParentChanges {
  sireId?: string | null;
  damId?: string | null;
}

export interface Descendant {
  generation: number;
  animal: AnimalRow;
}

export interface LineageServiceDeps {
  db: TenantDb;
  scope: TenantScope | null;
  animals: AnimalService;
  animalLoaders: AnimalLoaders;
  loaders: LineageLoaders;
}

/** Parents and offspring for one request and one caller; everything read runs under the caller's RLS. */
export class LineageService {
  constructor(private readonly deps: LineageServiceDeps) {}

  /**
   * Both parents at once, with every rule of updateAnimal (which also keeps F and the pedigree cache
   * current). An absent (undefined) parent stays as recorded; null clears it.
   */
  setParents(animalId: string, parents: ParentChanges): Promise<AnimalRow> {
    const changes: ParentChanges = {};
    if (parents.sireId !== undefined) changes.sireId = parents.sireId;
    if (parents.damId !== undefined) changes.damId = parents.damId;
    return this.deps.animals.update(validId(animalId, 'animalId'), changes);
  }

  offspring(animal: AnimalRow): Promise<AnimalRow[]> {
    return this.deps.loaders.offspringOf.load(animal.id);
  }

  async descendants(animal: AnimalRow, generations: number | null | undefined): Promise<Descendant[]> {
    const depth = validGenerations(generations, MAX_DESCENDANT_GENERATIONS, DEFAULT_DESCENDANT_GENERATIONS);
    if (!this.deps.scope) return [];
    const found = await this.deps.db.read(this.deps.scope, (tx) => store.findDescendants(tx, animal.id, depth, MAX_DESCENDANTS));
    if (!found) throw badInput(`More than ${MAX_DESCENDANTS} descendants within ${depth} generations; ask for fewer generations`, 'generations');
    for (const { animal: row } of found) this.deps.animalLoaders.animalById.prime(row.id, row);
    return found;
  }
}
