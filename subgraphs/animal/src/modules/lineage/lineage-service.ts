import DataLoader from 'dataloader';
import { badInput, validId, type TenantDb, type TenantScope } from '@studbook/platform';
import type { AnimalLoaders } from '../animal/animal-loaders.js';
import type { AnimalRow } from '../animal/animal-row.js';
import type { AnimalService } from '../animal/animal-service.js';
import { validGenerations } from '../pedigree/pedigree-structure.js';
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

/** Parents and offspring for one request and one caller; everything read runs under the caller's RLS. */
export class LineageService {
  private readonly offspringOf: DataLoader<string, AnimalRow[]>;

  constructor(
    private readonly db: TenantDb,
    private readonly scope: TenantScope | null,
    private readonly animals: AnimalService,
    private readonly loaders: AnimalLoaders,
  ) {
    this.offspringOf = new DataLoader(async (parentIds) => {
      if (!this.scope) return parentIds.map(() => []);
      const rows = await this.db.run(this.scope, (tx) => store.findOffspring(tx, parentIds));
      this.prime(rows);
      return parentIds.map((id) => rows.filter((row) => row.sireId === id || row.damId === id));
    });
  }

  /**
   * Both parents at once, with every rule of updateAnimal (which also keeps F and the pedigree cache
   * current). An absent (undefined) parent stays as recorded; null clears it.
   */
  setParents(animalId: string, parents: ParentChanges): Promise<AnimalRow> {
    const changes: ParentChanges = {};
    if (parents.sireId !== undefined) changes.sireId = parents.sireId;
    if (parents.damId !== undefined) changes.damId = parents.damId;
    return this.animals.update(validId(animalId, 'animalId'), changes);
  }

  offspring(animal: AnimalRow): Promise<AnimalRow[]> {
    return this.offspringOf.load(animal.id);
  }

  async descendants(animal: AnimalRow, generations: number | null | undefined): Promise<Descendant[]> {
    const depth = validGenerations(generations, MAX_DESCENDANT_GENERATIONS, DEFAULT_DESCENDANT_GENERATIONS);
    if (!this.scope) return [];
    const found = await this.db.run(this.scope, (tx) => store.findDescendants(tx, animal.id, depth, MAX_DESCENDANTS));
    if (!found) throw badInput(`More than ${MAX_DESCENDANTS} descendants within ${depth} generations; ask for fewer generations`, 'generations');
    this.prime(found.map((d) => d.animal));
    return found;
  }

  private prime(rows: readonly AnimalRow[]): void {
    for (const row of rows) this.loaders.animalById.prime(row.id, row);
  }
}
