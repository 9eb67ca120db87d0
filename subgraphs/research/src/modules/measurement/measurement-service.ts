import {
  appendEvent,
  earlierResult,
  ErrorCode,
  idempotencyKeyOf,
  replayed,
  requireWriter,
  userError,
  validId,
  writeOnce,
  type Identity,
  type TenantDb,
} from '@studbook/platform';
import { measurementRecorded, type PayloadOf } from '@studbook/contracts/events';
import { visibleAnimalRef, type AnimalRef } from '@studbook/contracts/animal-directory';
import type { MeasurementLoaders } from './measurement-loaders.js';
import * as store from './measurement-store.js';
import type { MeasurementRow } from './measurement-store.js';
import { validFilter, validMeasuredAt } from './measurement-input.js';
import { traitById, type CatalogTrait } from '../trait/trait-catalog.js';
import { acceptedUnit, catalogTrait, measuredValue } from '../trait/trait-input.js';

export interface RecordMeasurementInput {
  animalId: string;
  trait: string;
  value: number;
  unit: string;
  measuredAt?: Date | string | null;
  groupId?: string | null;
  idempotencyKey?: string | null;
}

export interface MeasurementsArgs {
  trait?: string | null;
  from?: Date | string | null;
  to?: Date | string | null;
}

export interface MeasurementServiceDeps {
  db: TenantDb;
  identity: Identity;
  loaders: MeasurementLoaders;
  /** Whether a management group is the caller's organisation's (the farm module answers). */
  isOwnGroup: (groupId: string) => Promise<boolean>;
}

/** Business rules for measurements, for one request and one caller. */
export class MeasurementService {
  constructor(private readonly deps: MeasurementServiceDeps) {}

  async byId(id: string): Promise<MeasurementRow | null> {
    const row = await this.deps.loaders.measurementById.load(id);
    const { identity } = this.deps;
    // Another organisation's measurement reaches the caller only through a project grant (RLS). It is
    // shown only while its animal is shared with them too; asking for the animal logs the read in the
    // granting organisation's access log (the animal database's project_grant_reads).
    if (row && identity.kind === 'user' && row.tenantId !== identity.organizationId && !(await this.deps.loaders.animalById.load(row.animalId))) return null;
    return row;
  }

  /** The measured animal, or null once the caller may no longer see it (whatever they select of it); the measurement stays theirs. */
  animalOf(measurement: MeasurementRow): Promise<AnimalRef | null> {
    return visibleAnimalRef(this.deps.loaders.animalById, measurement.animalId);
  }

  /** The catalog trait of a measurement; null for a legacy one. */
  catalogTraitOf(measurement: MeasurementRow): CatalogTrait | null {
    return measurement.legacy ? null : (traitById(measurement.trait) ?? null);
  }

  /** An animal's measurements (batched across the animals of a page), optionally of one trait within [from, to). */
  forAnimal(animalId: string, args: MeasurementsArgs = {}): Promise<MeasurementRow[]> {
    return this.deps.loaders.measurementsByAnimalId(validFilter(args)).load(animalId);
  }

  async record(input: RecordMeasurementInput): Promise<MeasurementRow> {
    const caller = requireWriter(this.deps.identity);
    // Lowercase, as PostgreSQL returns ids, so it matches the animal subgraph's answer.
    const animalId = validId(input.animalId, 'animalId');
    const trait = catalogTrait(input.trait);
    const unit = acceptedUnit(trait, input.unit);
    const measuredAt = validMeasuredAt(input.measuredAt);
    const groupId = input.groupId == null ? null : validId(input.groupId, 'groupId');
    const scope = { tenantId: caller.organizationId, userId: caller.userId };
    const key = idempotencyKeyOf('recordMeasurement', input);
    const earlier = await earlierResult(this.deps.db, scope, key);
    if (earlier) return replayed(await this.byId(earlier));
    const animal = await this.deps.loaders.animalById.load(animalId);
    if (!animal) throw userError(ErrorCode.NotFound, 'Animal not found', { field: 'animalId' });
    const { value, enteredValue, enteredUnit } = measuredValue(trait, animal.speciesId, input.value, unit);
    if (groupId && !(await this.deps.isOwnGroup(groupId))) throw userError(ErrorCode.NotFound, 'Group not found', { field: 'groupId' });
    const measurement: store.NewMeasurement = {
      animalId,
      trait: trait.id,
      value,
      unit: trait.canonicalUnit,
      enteredValue,
      enteredUnit,
      groupId,
      speciesId: animal.speciesId,
      measuredAt,
    };
    const once = await writeOnce(
      this.deps.db,
      scope,
      key,
      async (tx) => {
        const row = await store.insertMeasurement(tx, measurement);
        await appendEvent(tx, measurementRecorded, { aggregateId: row.id, payload: eventPayload(row) });
        return row;
      },
      (row) => row.id,
    );
    return 'replayOf' in once ? replayed(await this.byId(once.replayOf)) : once.written;
  }
}

function eventPayload(row: MeasurementRow): PayloadOf<'measurement.recorded'> {
  return { id: row.id, animalId: row.animalId, trait: row.trait, value: row.value, unit: row.unit, measuredAt: row.measuredAt.toISOString() };
}
