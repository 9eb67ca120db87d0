import { appendEvent, badInput, ErrorCode, requireWriter, userError, validId, type Identity, type TenantDb, type TenantScope, type Tx } from '@studbook/platform';
import { farmAssignmentRecorded, farmCreated, farmDeleted, farmGroupCreated, farmGroupDeleted, farmGroupUpdated, farmUpdated } from '@studbook/contracts/events';
import { visibleAnimalRef, type AnimalRef, type AnimalSummary } from '@studbook/contracts/animal-directory';
import type DataLoader from 'dataloader';
import { catalogTrait } from '../trait/trait-input.js';
import { validFilter } from '../measurement/measurement-input.js';
import { followAssignment } from '../project/grant-coverage.js';
import type { FarmLoaders } from './farm-loaders.js';
import * as store from './farm-store.js';
import type { AssignmentRow, FarmRow, GroupRow } from './farm-store.js';
import { optionalText, PURPOSE_MAX_LENGTH, validFarm, validFrom, validKm, validLatitude, validLongitude, validName, type FarmInput } from './farm-input.js';

export interface FarmServiceDeps {
  db: TenantDb;
  identity: Identity;
  scope: TenantScope | null;
  loaders: FarmLoaders;
  /** The animal subgraph's view of an animal, as the caller. */
  animalById: DataLoader<string, AnimalSummary | null>;
}

export interface MonthlyMean {
  month: string;
  mean: number;
  count: number;
  unit: string;
}

const notFound = (what: string, field: string) => userError(ErrorCode.NotFound, `${what} not found`, { field });

/** Farms, their groups and where animals are kept, for one request and one caller. */
export class FarmService {
  constructor(private readonly deps: FarmServiceDeps) {}

  async list(): Promise<FarmRow[]> {
    const { scope, db } = this.deps;
    return scope ? db.read(scope, (tx) => store.findFarms(tx)) : [];
  }

  byId(id: string): Promise<FarmRow | null> {
    return this.deps.loaders.farmById.load(id);
  }

  groupById(id: string): Promise<GroupRow | null> {
    return this.deps.loaders.groupById.load(id);
  }

  groupsOf(farm: FarmRow): Promise<GroupRow[]> {
    return this.deps.loaders.groupsByFarmId.load(farm.id);
  }

  async isOwnGroup(groupId: string): Promise<boolean> {
    return (await this.groupById(groupId)) !== null;
  }

  /** Those of these group ids that are the caller's organisation's (batched with every other group read). */
  async ownGroups(groupIds: readonly string[]): Promise<Set<string>> {
    const groups = await this.deps.loaders.groupById.loadMany(groupIds);
    return new Set(groups.flatMap((group) => (group && !(group instanceof Error) ? [group.id] : [])));
  }

  async near(latitude: number, longitude: number, km: number): Promise<{ farm: FarmRow; km: number }[]> {
    const point = { latitude: validLatitude(latitude), longitude: validLongitude(longitude), km: validKm(km) };
    const { scope, db } = this.deps;
    return scope ? db.read(scope, (tx) => store.findFarmsNear(tx, point.latitude, point.longitude, point.km)) : [];
  }

  async create(input: FarmInput): Promise<FarmRow> {
    const fields = validFarm(input);
    return this.write(async (tx) => {
      const row = await store.insertFarm(tx, fields);
      await appendEvent(tx, farmCreated, { aggregateId: row.id, payload: farmPayload(row) });
      return row;
    });
  }

  async update(id: string, input: FarmInput): Promise<FarmRow> {
    const farmId = validId(id, 'id');
    const fields = validFarm(input);
    return this.write(async (tx) => {
      const row = await store.updateFarm(tx, farmId, fields);
      if (!row) throw notFound('Farm', 'id');
      await appendEvent(tx, farmUpdated, { aggregateId: row.id, payload: farmPayload(row) });
      return row;
    });
  }

  async delete(id: string): Promise<string> {
    const farmId = validId(id, 'id');
    return this.write(async (tx) => {
      if (await store.isFarmInUse(tx, farmId)) throw userError(ErrorCode.Conflict, 'Animals have been assigned to this farm; its history is kept', { field: 'id' });
      if (!(await store.deleteFarm(tx, farmId))) throw notFound('Farm', 'id');
      await appendEvent(tx, farmDeleted, { aggregateId: farmId, payload: { id: farmId } });
      return farmId;
    });
  }

  async createGroup(input: { farmId: string; name: string; purpose?: string | null }): Promise<GroupRow> {
    const group = { farmId: validId(input.farmId, 'farmId'), name: validName(input.name), purpose: optionalText(input.purpose, 'purpose', PURPOSE_MAX_LENGTH) };
    if (!(await this.byId(group.farmId))) throw notFound('Farm', 'farmId');
    return this.write(async (tx) => {
      const row = await store.insertGroup(tx, group);
      await appendEvent(tx, farmGroupCreated, { aggregateId: row.id, payload: groupPayload(row) });
      return row;
    });
  }

  async updateGroup(id: string, input: { name: string; purpose?: string | null }): Promise<GroupRow> {
    const groupId = validId(id, 'id');
    const fields = { name: validName(input.name), purpose: optionalText(input.purpose, 'purpose', PURPOSE_MAX_LENGTH) };
    return this.write(async (tx) => {
      const row = await store.updateGroup(tx, groupId, fields);
      if (!row) throw notFound('Group', 'id');
      await appendEvent(tx, farmGroupUpdated, { aggregateId: row.id, payload: groupPayload(row) });
      return row;
    });
  }

  async deleteGroup(id: string): Promise<string> {
    const groupId = validId(id, 'id');
    return this.write(async (tx) => {
      if (await store.isGroupInUse(tx, groupId)) throw userError(ErrorCode.Conflict, 'Assignments or measurements name this group; its history is kept', { field: 'id' });
      if (!(await store.deleteGroup(tx, groupId))) throw notFound('Group', 'id');
      await appendEvent(tx, farmGroupDeleted, { aggregateId: groupId, payload: { id: groupId } });
      return groupId;
    });
  }

  async assign(input: { animalId: string; farmId: string; groupId?: string | null; from: string }): Promise<AssignmentRow> {
    const assignment = {
      animalId: validId(input.animalId, 'animalId'),
      farmId: validId(input.farmId, 'farmId'),
      groupId: input.groupId == null ? null : validId(input.groupId, 'groupId'),
      from: validFrom(input.from),
    };
    requireWriter(this.deps.identity);
    if (!(await this.deps.animalById.load(assignment.animalId))) throw notFound('Animal', 'animalId');
    if (!(await this.byId(assignment.farmId))) throw notFound('Farm', 'farmId');
    if (assignment.groupId) {
      const group = await this.groupById(assignment.groupId);
      if (!group) throw notFound('Group', 'groupId');
      if (group.farmId !== assignment.farmId) throw badInput('The group belongs to another farm', 'groupId');
    }
    const row = await this.write(async (tx) => {
      const inserted = await store.insertAssignment(tx, assignment);
      await appendEvent(tx, farmAssignmentRecorded, { aggregateId: inserted.id, payload: { ...assignment, id: inserted.id } });
      // The farm and group grants that share this farm's (or the previous one's) animals follow it at once.
      await followAssignment(tx, assignment.animalId);
      return inserted;
    });
    this.deps.loaders.assignmentsByAnimalId.clear(assignment.animalId);
    const history = await this.history(assignment.animalId);
    return history.find((entry) => entry.id === row.id)!;
  }

  history(animalId: string): Promise<AssignmentRow[]> {
    return this.deps.loaders.assignmentsByAnimalId.load(animalId);
  }

  /** The latest assignment that has started (by UTC day). */
  async current(animalId: string, now = new Date()): Promise<AssignmentRow | null> {
    const today = now.toISOString().slice(0, 10);
    return (await this.history(animalId)).find((entry) => entry.from <= today) ?? null;
  }

  animalOf(assignment: AssignmentRow): Promise<AnimalRef | null> {
    return visibleAnimalRef(this.deps.animalById, assignment.animalId);
  }

  async monthlyMeans(group: GroupRow, args: { trait: string; from: Date | string; to: Date | string }): Promise<MonthlyMean[]> {
    const trait = catalogTrait(args.trait);
    const { from, to } = validFilter({ from: args.from, to: args.to });
    const rows = await this.deps.loaders.monthlyMeansByGroupId(trait.id, from!, to!).load(group.id);
    return rows.map(({ month, mean, count }) => ({ month, mean, count, unit: trait.canonicalUnit }));
  }

  private write<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const caller = requireWriter(this.deps.identity);
    return this.deps.db.run({ tenantId: caller.organizationId, userId: caller.userId }, work);
  }
}

function farmPayload(row: FarmRow) {
  return { id: row.id, name: row.name, latitude: row.latitude, longitude: row.longitude, region: row.region, country: row.country };
}

function groupPayload(row: GroupRow) {
  return { id: row.id, farmId: row.farmId, name: row.name, purpose: row.purpose };
}
