import {
  appendEvent,
  badInput,
  ErrorCode,
  forbidden,
  isUuid,
  notFound,
  parseCreatedAtCursor,
  requireWriter,
  userError,
  validPageSize,
  type Identity,
  type TenantDb,
  type TenantScope,
  type Tx,
} from '@studbook/platform';
import type { SpeciesCatalog } from '../species/species-store.js';
import type { AnimalLoaders } from './animal-loaders.js';
import type { AnimalRow } from './animal-row.js';
import * as store from './animal-store.js';
import { validHatchDate, validName } from './animal-input.js';

type Sex = AnimalRow['sex'];
type Visibility = AnimalRow['visibility'];

export interface CreateAnimalInput {
  name: string;
  species: string;
  sex: Sex;
  hatchDate?: string | null;
  visibility?: Visibility | null;
  sireId?: string | null;
  damId?: string | null;
}

/** Absent fields stay as they are; a null sireId or damId clears that parent. */
export interface UpdateAnimalInput {
  name?: string | null;
  sex?: Sex | null;
  hatchDate?: string | null;
  visibility?: Visibility | null;
  sireId?: string | null;
  damId?: string | null;
}

export interface AnimalFilter {
  species?: string | null;
  sex?: Sex | null;
  nameContains?: string | null;
  mine?: boolean | null;
}

export interface AnimalPage {
  rows: AnimalRow[];
  hasNextPage: boolean;
}

const PARENT_ROLE = {
  sireId: { label: 'Sire', sex: 'MALE' },
  damId: { label: 'Dam', sex: 'FEMALE' },
} as const;

/** Business rules for animals, for one request and one caller. */
export class AnimalService {
  constructor(
    private readonly db: TenantDb,
    private readonly identity: Identity,
    private readonly scope: TenantScope | null,
    private readonly loaders: AnimalLoaders,
    private readonly species: SpeciesCatalog,
  ) {}

  byId(id: string): Promise<AnimalRow | null> {
    return this.loaders.animalById.load(id);
  }

  async list(first: number | null | undefined, after: string | null | undefined, filter: AnimalFilter = {}): Promise<AnimalPage> {
    const size = validPageSize(first);
    if (!this.scope) return { rows: [], hasNextPage: false };
    const speciesId = filter.species ? this.speciesByName(filter.species, 'filter.species').id : undefined;
    const rows = await this.db.run(this.scope, (tx) =>
      store.listAnimals(tx, {
        first: size,
        after: after ? parseCreatedAtCursor(after) : undefined,
        speciesId,
        sex: filter.sex ?? undefined,
        nameContains: filter.nameContains?.trim() || undefined,
        tenantId: filter.mine ? this.scope!.tenantId : undefined,
      }),
    );
    const page = rows.slice(0, size);
    for (const row of page) this.loaders.animalById.prime(row.id, row);
    return { rows: page, hasNextPage: rows.length > size };
  }

  async create(input: CreateAnimalInput): Promise<AnimalRow> {
    const caller = requireWriter(this.identity);
    const species = this.speciesByName(input.species, 'species');
    const animal: store.NewAnimal = {
      name: validName(input.name),
      speciesId: species.id,
      sex: input.sex,
      hatchDate: validHatchDate(input.hatchDate),
      visibility: input.visibility ?? 'PRIVATE',
      sireId: input.sireId ?? null,
      damId: input.damId ?? null,
    };
    await this.checkParents(animal);
    return this.db.run(this.writeScope(caller.userId), async (tx) => {
      const row = await store.insertAnimal(tx, animal);
      await appendEvent(tx, { aggregateType: 'animal', aggregateId: row.id, type: 'animal.created', payload: eventPayload(row) });
      return row;
    });
  }

  async update(id: string, input: UpdateAnimalInput): Promise<AnimalRow> {
    const caller = requireWriter(this.identity);
    const current = await this.ownAnimal(id);
    const changes: store.AnimalChanges = {};
    if (input.name != null) changes.name = validName(input.name);
    if (input.sex != null) changes.sex = input.sex;
    if (input.visibility != null) changes.visibility = input.visibility;
    if (input.hatchDate !== undefined) changes.hatchDate = validHatchDate(input.hatchDate);
    if (input.sireId !== undefined) changes.sireId = input.sireId;
    if (input.damId !== undefined) changes.damId = input.damId;
    const next = { ...current, ...changes };
    await this.checkParents(next);
    return this.db.run(this.writeScope(caller.userId), async (tx) => {
      await this.checkNoCycle(tx, id, changes);
      const row = await store.updateAnimal(tx, id, changes);
      if (!row) throw notFound('Animal');
      await appendEvent(tx, { aggregateType: 'animal', aggregateId: id, type: 'animal.updated', payload: { ...eventPayload(row), changed: Object.keys(changes) } });
      return row;
    });
  }

  async remove(id: string): Promise<string> {
    const caller = requireWriter(this.identity);
    const current = await this.ownAnimal(id);
    return this.db.run(this.writeScope(caller.userId), async (tx) => {
      if (!(await store.deleteAnimal(tx, id))) throw notFound('Animal');
      await appendEvent(tx, { aggregateType: 'animal', aggregateId: id, type: 'animal.deleted', payload: eventPayload(current) });
      return id;
    });
  }

  /** An animal the caller may change: visible and their organisation's. */
  private async ownAnimal(id: string): Promise<AnimalRow> {
    const row = await this.byId(id);
    if (!row) throw notFound('Animal');
    if (row.tenantId !== this.scope?.tenantId) throw forbidden("Only the owning organisation can change an animal");
    return row;
  }

  /** Parents must be visible to the caller, of the right sex and species, and hatched first. */
  private async checkParents(animal: Pick<AnimalRow, 'speciesId' | 'hatchDate' | 'sireId' | 'damId'>): Promise<void> {
    for (const field of ['sireId', 'damId'] as const) {
      const parentId = animal[field];
      if (!parentId) continue;
      const { label, sex } = PARENT_ROLE[field];
      const parent = isUuid(parentId) ? await this.byId(parentId) : null;
      if (!parent) throw userError(ErrorCode.NotFound, `${label} not found`, { field });
      if (parent.sex !== sex) throw badInput(`${label} must be ${sex.toLowerCase()}`, field);
      if (parent.speciesId !== animal.speciesId) throw badInput(`${label} must be of the same species`, field);
      if (parent.hatchDate && animal.hatchDate && parent.hatchDate >= animal.hatchDate) {
        throw badInput(`${label} must have hatched before its offspring`, field);
      }
    }
  }

  private async checkNoCycle(tx: Tx, animalId: string, changes: store.AnimalChanges): Promise<void> {
    for (const field of ['sireId', 'damId'] as const) {
      const parentId = changes[field];
      if (parentId && (await store.wouldCreateCycle(tx, animalId, parentId))) {
        throw badInput('An animal cannot be its own ancestor', field);
      }
    }
  }

  private speciesByName(name: string, field: string) {
    const species = this.species.byName(name);
    if (!species) throw badInput(`Unknown species "${name.slice(0, 80)}"`, field);
    return species;
  }

  private writeScope(userId: string): TenantScope {
    return { tenantId: this.scope!.tenantId, userId };
  }
}

function eventPayload(row: AnimalRow): Record<string, unknown> {
  return { id: row.id, name: row.name, speciesId: row.speciesId, sex: row.sex, visibility: row.visibility, sireId: row.sireId, damId: row.damId };
}
