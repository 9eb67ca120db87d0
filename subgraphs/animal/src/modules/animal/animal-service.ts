import {
  appendEvent,
  badInput,
  conflict,
  ErrorCode,
  forbidden,
  idempotencyKeyOf,
  isCheckViolation,
  isForeignKeyViolation,
  isUniqueViolation,
  notFound,
  replayed,
  requireWriter,
  userError,
  validPageSize,
  writeOnce,
  type Identity,
  type TenantDb,
  type TenantScope,
  type Tx,
} from '@studbook/platform';
import { animalCreated, animalDeleted, animalUpdated, type PayloadOf } from '@studbook/contracts/events';
import { parseAnimalCursor, type AnimalPosition } from './animal-cursor.js';
import type { AnimalLineage } from './animal-lineage.js';
import type { AnimalLoaders } from './animal-loaders.js';
import type { AnimalRow } from './animal-row.js';
import * as store from './animal-store.js';
import { validDeceasedAt, validDescription, validExternalId, validHatchDate, validName, validParentId, validStatus, type AnimalStatus } from './animal-input.js';
import type { SpeciesCatalog } from './species-catalog.js';
import { logGrantedReads } from '../project-access/grant-reads.js';

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
  externalId?: string | null;
  status?: AnimalStatus | null;
  deceasedAt?: string | null;
  description?: string | null;
  idempotencyKey?: string | null;
}

/** Absent fields stay as they are; a null sireId or damId clears that parent. */
export interface UpdateAnimalInput {
  name?: string | null;
  sex?: Sex | null;
  hatchDate?: string | null;
  visibility?: Visibility | null;
  sireId?: string | null;
  damId?: string | null;
  externalId?: string | null;
  status?: AnimalStatus | null;
  deceasedAt?: string | null;
  description?: string | null;
}

export interface AnimalFilter {
  species?: string | null;
  sex?: Sex | null;
  nameContains?: string | null;
  mine?: boolean | null;
  status?: readonly AnimalStatus[] | null;
  visibility?: readonly AnimalRow['visibility'][] | null;
}

/** The order of a list (the schema's AnimalSort). */
export type AnimalSort = AnimalPosition['sort'];

export interface AnimalPage {
  rows: AnimalRow[];
  hasNextPage: boolean;
}

const PARENT_FIELDS = ['sireId', 'damId'] as const;
type ParentField = (typeof PARENT_FIELDS)[number];
const LINEAGE_FIELDS = [...PARENT_FIELDS, 'sex', 'hatchDate'] as const;
type LineageField = (typeof LINEAGE_FIELDS)[number];

const PARENT_ROLE = {
  sireId: { label: 'Sire', sex: 'MALE', constraint: 'animals_sire_fk' },
  damId: { label: 'Dam', sex: 'FEMALE', constraint: 'animals_dam_fk' },
} as const satisfies Record<ParentField, unknown>;

/** Keyed by the parent's current sex, which tells a sire from a dam; an UNKNOWN animal cannot be recorded as either. */
const RECORDED_PARENT: Record<Sex, string> = {
  MALE: 'This animal is recorded as a sire; it must stay male',
  FEMALE: 'This animal is recorded as a dam; it must stay female',
  UNKNOWN: 'This animal is recorded as a parent; its sex cannot change',
};

type Lineage = Pick<AnimalRow, 'speciesId' | 'hatchDate' | 'sireId' | 'damId'>;

export interface AnimalServiceDeps {
  db: TenantDb;
  identity: Identity;
  scope: TenantScope | null;
  loaders: AnimalLoaders;
  species: SpeciesCatalog;
  lineage: AnimalLineage;
  /** Runs after a visibility is written: breeding statistics show another breeder's genotype only while that animal is public. */
  visibilityWritten?: () => Promise<void>;
}

/** Business rules for animals, for one request and one caller. */
export class AnimalService {
  constructor(private readonly deps: AnimalServiceDeps) {}

  byId(id: string): Promise<AnimalRow | null> {
    return this.deps.loaders.animalById.load(id);
  }

  async list(first: number | null | undefined, after: string | null | undefined, filter: AnimalFilter = {}, sort: AnimalSort = 'NEWEST'): Promise<AnimalPage> {
    const size = validPageSize(first);
    const position = after ? parseAnimalCursor(sort, after) : undefined;
    if (!this.deps.scope) return { rows: [], hasNextPage: false };
    const speciesId = filter.species ? this.speciesByName(filter.species, 'filter.species').id : undefined;
    const scope = this.deps.scope;
    const rows = await this.deps.db.read(scope, (tx) =>
      store.listAnimals(tx, {
        first: size,
        sort,
        after: position,
        speciesId,
        sex: filter.sex ?? undefined,
        nameContains: filter.nameContains?.trim() || undefined,
        tenantId: filter.mine ? scope.tenantId : undefined,
        statuses: filter.status?.length ? [...new Set(filter.status)] : undefined,
        visibilities: filter.visibility?.length ? [...new Set(filter.visibility)] : undefined,
      }),
    );
    // Reads through a project grant are logged for the granting organisation (modules/project-access).
    await logGrantedReads(this.deps.db, scope, rows.slice(0, size));
    const page = rows.slice(0, size);
    for (const row of page) this.deps.loaders.animalById.prime(row.id, row);
    return { rows: page, hasNextPage: rows.length > size };
  }

  async create(input: CreateAnimalInput): Promise<AnimalRow> {
    const caller = requireWriter(this.deps.identity);
    const species = this.speciesByName(input.species, 'species');
    const hatchDate = validHatchDate(input.hatchDate);
    const status = validStatus(input.status ?? 'ACTIVE');
    const animal: store.NewAnimal = {
      name: validName(input.name),
      speciesId: species.id,
      sex: input.sex,
      hatchDate,
      visibility: input.visibility ?? 'PRIVATE',
      sireId: validParentId(input.sireId, 'sireId'),
      damId: validParentId(input.damId, 'damId'),
      externalId: validExternalId(input.externalId),
      status,
      deceasedAt: validDeceasedAt(status, input.deceasedAt, hatchDate),
      description: validDescription(input.description),
    };
    const parents = PARENT_FIELDS.filter((field) => animal[field]);
    const key = idempotencyKeyOf('createAnimal', input);
    const once = await writeOnce(
      this.deps.db,
      this.writeScope(caller.userId),
      key,
      async (tx) => {
        // A new animal has no offspring, so its parents are all there is to check.
        if (parents.length > 0) {
          await this.deps.lineage.lock(tx);
          await this.checkParents(tx, animal, new Set(parents));
        }
        const row = await store.insertAnimal(tx, animal);
        if (parents.length > 0) await this.deps.lineage.recompute(tx, [row.id]);
        await appendEvent(tx, animalCreated, { aggregateId: row.id, payload: eventPayload(row) });
        return row;
      },
      (row) => row.id,
    )
      .catch(externalIdTaken)
      .catch(parentGone);
    return 'replayOf' in once ? replayed(await this.byId(once.replayOf)) : once.written;
  }

  async update(id: string, input: UpdateAnimalInput): Promise<AnimalRow> {
    const caller = requireWriter(this.deps.identity);
    const current = await this.ownAnimal(id);
    const animalId = current.id;
    const changes: store.AnimalChanges = {};
    if (input.name != null) changes.name = validName(input.name);
    if (input.sex != null) changes.sex = input.sex;
    if (input.visibility != null) changes.visibility = input.visibility;
    if (input.hatchDate !== undefined) changes.hatchDate = validHatchDate(input.hatchDate);
    if (input.sireId !== undefined) changes.sireId = validParentId(input.sireId, 'sireId');
    if (input.damId !== undefined) changes.damId = validParentId(input.damId, 'damId');
    if (input.externalId !== undefined) changes.externalId = validExternalId(input.externalId);
    if (input.description !== undefined) changes.description = validDescription(input.description);
    Object.assign(changes, statusChanges(current, input, changes.hatchDate));
    const lineageChanged = LINEAGE_FIELDS.some((field) => changes[field] !== undefined);
    const row = await this.deps.db
      .run(this.writeScope(caller.userId), async (tx) => {
        if (lineageChanged) await this.checkLineageUpdate(tx, animalId, changes);
        const row = await store.updateAnimal(tx, animalId, changes);
        if (!row) throw notFound('Animal');
        // Still under the lineage lock: F of the animal and its descendants, in every organisation.
        if (changes.sireId !== undefined || changes.damId !== undefined) await this.deps.lineage.recompute(tx, [row.id]);
        await appendEvent(tx, animalUpdated, { aggregateId: row.id, payload: { ...eventPayload(row), changed: Object.keys(changes) } });
        return row;
      })
      .catch(externalIdTaken)
      .catch(parentGone)
      .catch(deathBeforeHatch);
    if (lineageChanged) await this.deps.lineage.invalidate([row.id]);
    // On every write of it, not only on a change from the loader's copy, which a concurrent update may have made stale.
    if (changes.visibility !== undefined) await this.deps.visibilityWritten?.();
    return row;
  }

  async remove(id: string): Promise<string> {
    const caller = requireWriter(this.deps.identity);
    const current = await this.ownAnimal(id);
    const removed = await this.deps.db
      .run(this.writeScope(caller.userId), async (tx) => {
        if (!(await store.deleteAnimal(tx, current.id))) throw notFound('Animal');
        await appendEvent(tx, animalDeleted, { aggregateId: current.id, payload: eventPayload(current) });
        return current.id;
      })
      .catch(offspringRecorded);
    await this.deps.lineage.invalidate([removed]);
    return removed;
  }

  /** An animal the caller may change: visible and their organisation's. */
  private async ownAnimal(id: string): Promise<AnimalRow> {
    const row = await this.byId(id);
    if (!row) throw notFound('Animal');
    if (row.tenantId !== this.deps.scope?.tenantId) throw forbidden('Only the owning organisation can change an animal');
    return row;
  }

  /**
   * Checks an update of parents, sex or hatch date under the lineage lock, against the animal
   * as it is now: the loader's copy may predate a concurrent lineage write. The row is locked
   * first, so a herdbook import holding it as a parent (FOR SHARE) commits its offspring before
   * these checks read them.
   */
  private async checkLineageUpdate(tx: Tx, id: string, changes: store.AnimalChanges): Promise<void> {
    await this.deps.lineage.lock(tx);
    const current = await store.findAnimalForUpdate(tx, id);
    if (!current || current.tenantId !== this.deps.scope?.tenantId) throw notFound('Animal');
    const next = { ...current, ...changes };
    const changed = new Set(LINEAGE_FIELDS.filter((field) => changes[field] !== undefined && changes[field] !== current[field]));
    if (changed.size === 0) return;
    await this.checkParents(tx, next, changed);
    await this.checkNoCycle(tx, id, next, changed);
    await this.checkOffspring(tx, current, next, changed);
  }

  /**
   * A newly given parent must be visible to the caller, of the right sex and species, and hatched
   * first. A kept parent is only checked for hatch order when the hatch date changes, and only
   * while the caller can see it: its owner may since have made it private.
   */
  private async checkParents(tx: Tx, animal: Lineage, changed: ReadonlySet<LineageField>): Promise<void> {
    const fields = PARENT_FIELDS.filter((field) => animal[field] && (changed.has(field) || changed.has('hatchDate')));
    if (fields.length === 0) return;
    const visible = new Map(
      (
        await store.findAnimalsByIds(
          tx,
          fields.map((field) => animal[field]!),
        )
      ).map((row) => [row.id, row]),
    );
    for (const field of fields) {
      const { label, sex } = PARENT_ROLE[field];
      const parent = visible.get(animal[field]!);
      const isNew = changed.has(field);
      if (isNew) {
        if (!parent) throw userError(ErrorCode.NotFound, `${label} not found`, { field });
        if (parent.sex !== sex) throw badInput(`${label} must be ${sex.toLowerCase()}`, field);
        if (parent.speciesId !== animal.speciesId) throw badInput(`${label} must be of the same species`, field);
      }
      if (parent?.hatchDate && animal.hatchDate && parent.hatchDate >= animal.hatchDate) {
        throw badInput(`${label} must have hatched before its offspring`, isNew ? field : 'hatchDate');
      }
    }
  }

  private async checkNoCycle(tx: Tx, animalId: string, animal: Lineage, changed: ReadonlySet<LineageField>): Promise<void> {
    for (const field of PARENT_FIELDS) {
      const parentId = animal[field];
      if (parentId && changed.has(field) && (await store.wouldCreateCycle(tx, animalId, parentId))) {
        throw badInput('An animal cannot be its own ancestor', field);
      }
    }
  }

  /** A parent's sex and hatch date are fixed by its offspring, including other organisations' that the caller cannot see. */
  private async checkOffspring(tx: Tx, current: AnimalRow, next: AnimalRow, changed: ReadonlySet<LineageField>): Promise<void> {
    const sex = changed.has('sex') ? next.sex : null;
    const hatchDate = changed.has('hatchDate') ? next.hatchDate : null;
    if (!sex && !hatchDate) return;
    const reason = await store.findOffspringConflict(tx, current.id, sex, hatchDate);
    if (reason === 'sex') throw badInput(RECORDED_PARENT[current.sex], 'sex');
    if (reason === 'hatchDate') throw badInput('Offspring hatched on or before this date', 'hatchDate');
  }

  private speciesByName(name: string, field: string) {
    const species = this.deps.species.byName(name);
    if (!species) throw badInput(`Unknown species "${name.slice(0, 80)}"`, field);
    return species;
  }

  private writeScope(userId: string): TenantScope {
    return { tenantId: this.deps.scope!.tenantId, userId };
  }
}

function eventPayload(row: AnimalRow): PayloadOf<'animal.deleted'> {
  return {
    id: row.id,
    externalId: row.externalId,
    name: row.name,
    speciesId: row.speciesId,
    sex: row.sex,
    visibility: row.visibility,
    status: row.status,
    sireId: row.sireId,
    damId: row.damId,
  };
}

/**
 * Status and date of death as an update leaves them: DECEASED needs a date, any other status
 * clears it, and a new hatch date must not pass a recorded death. Checked against the loader's
 * copy; the table's CHECK constraints settle a concurrent update (deathBeforeHatch).
 */
function statusChanges(current: AnimalRow, input: UpdateAnimalInput, hatchDate: string | null | undefined): Pick<store.AnimalChanges, 'status' | 'deceasedAt'> {
  if (input.status == null && input.deceasedAt === undefined) {
    if (hatchDate && current.deceasedAt && current.deceasedAt < hatchDate) throw badInput('Hatch date cannot be after the date of death', 'hatchDate');
    return {};
  }
  const status = input.status != null ? validStatus(input.status) : current.status;
  const deceasedAt = input.deceasedAt !== undefined ? input.deceasedAt : status === 'DECEASED' ? current.deceasedAt : null;
  return { status, deceasedAt: validDeceasedAt(status, deceasedAt, hatchDate !== undefined ? hatchDate : current.hatchDate) };
}

/** A hatch date and a date of death written by two concurrent updates that each passed its own check. */
function deathBeforeHatch(error: unknown): never {
  if (isCheckViolation(error, 'animals_deceased_after_hatch')) throw badInput('Date of death cannot be before the hatch date', 'deceasedAt');
  if (isCheckViolation(error, 'animals_deceased_at')) throw badInput('A DECEASED animal needs its date of death', 'deceasedAt');
  throw error;
}

/** A parent deleted between the check and the write (deletes do not take the lineage lock). */
function parentGone(error: unknown): never {
  for (const field of PARENT_FIELDS) {
    const { label, constraint } = PARENT_ROLE[field];
    if (isForeignKeyViolation(error, constraint)) throw userError(ErrorCode.NotFound, `${label} not found`, { field });
  }
  throw error;
}

/** External ids are unique per organisation (the unique index also settles two concurrent writes). */
function externalIdTaken(error: unknown): never {
  if (isUniqueViolation(error, 'animals_tenant_external_id')) {
    throw userError(ErrorCode.Conflict, 'Another animal of your organisation already has this external id', { field: 'externalId' });
  }
  throw error;
}

/** The parent foreign keys restrict deletes: cascading would rewrite other organisations' rows past RLS. */
function offspringRecorded(error: unknown): never {
  if (PARENT_FIELDS.some((field) => isForeignKeyViolation(error, PARENT_ROLE[field].constraint))) {
    throw conflict('This animal has recorded offspring and cannot be deleted');
  }
  // Breeding sessions keep their pair for the record, whichever organisation started them.
  if (isForeignKeyViolation(error, 'breeding_sessions_sire_fk') || isForeignKeyViolation(error, 'breeding_sessions_dam_fk')) {
    throw conflict('This animal is paired in a breeding session and cannot be deleted');
  }
  throw error;
}
