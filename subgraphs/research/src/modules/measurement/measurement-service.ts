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
import { validMeasuredAt, validTrait, validUnit, validValue } from './measurement-input.js';

export interface RecordMeasurementInput {
  animalId: string;
  trait: string;
  value: number;
  unit: string;
  measuredAt?: Date | string | null;
  idempotencyKey?: string | null;
}

export interface MeasurementServiceDeps {
  db: TenantDb;
  identity: Identity;
  loaders: MeasurementLoaders;
}

/** Business rules for measurements, for one request and one caller. */
export class MeasurementService {
  constructor(private readonly deps: MeasurementServiceDeps) {}

  byId(id: string): Promise<MeasurementRow | null> {
    return this.deps.loaders.measurementById.load(id);
  }

  /** The measured animal, or null once the caller may no longer see it (whatever they select of it); the measurement stays theirs. */
  animalOf(measurement: MeasurementRow): Promise<AnimalRef | null> {
    return visibleAnimalRef(this.deps.loaders.animalById, measurement.animalId);
  }

  /** Loads every measurement of the animal (batched across animals) and filters by trait here, so the batch stays one statement. */
  async forAnimal(animalId: string, trait?: string | null): Promise<MeasurementRow[]> {
    const rows = await this.deps.loaders.measurementsByAnimalId.load(animalId);
    const wanted = trait?.trim();
    return wanted ? rows.filter((row) => row.trait === wanted) : rows;
  }

  async record(input: RecordMeasurementInput): Promise<MeasurementRow> {
    const caller = requireWriter(this.deps.identity);
    const measurement: store.NewMeasurement = {
      // Lowercase, as PostgreSQL returns ids, so it matches the animal subgraph's answer.
      animalId: validId(input.animalId, 'animalId'),
      trait: validTrait(input.trait),
      value: validValue(input.value),
      unit: validUnit(input.unit),
      measuredAt: validMeasuredAt(input.measuredAt),
    };
    const scope = { tenantId: caller.organizationId, userId: caller.userId };
    const key = idempotencyKeyOf('recordMeasurement', input);
    const earlier = await earlierResult(this.deps.db, scope, key);
    if (earlier) return replayed(await this.byId(earlier));
    if (!(await this.deps.loaders.animalById.load(measurement.animalId))) throw userError(ErrorCode.NotFound, 'Animal not found', { field: 'animalId' });
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
