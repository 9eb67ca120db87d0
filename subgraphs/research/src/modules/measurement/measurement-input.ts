import { badInput } from '@studbook/platform';
import type { MeasurementFilter } from './measurement-store.js';
import { catalogTrait } from '../trait/trait-input.js';

// Clocks of field devices drift; a few minutes ahead is still "now".
export const FUTURE_TOLERANCE_MS = 5 * 60_000;
export const EARLIEST_MEASUREMENT = new Date('1900-01-01T00:00:00Z');

/** Defaults to now; refuses instants in the future (beyond clock drift) or before 1900. */
export function validMeasuredAt(measuredAt: Date | string | null | undefined, now = new Date(), field = 'measuredAt'): Date {
  if (measuredAt == null) return now;
  const date = new Date(measuredAt);
  if (Number.isNaN(date.getTime())) throw badInput(`${field} must be an ISO 8601 timestamp`, field);
  if (date.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) throw badInput(`${field} cannot be in the future`, field);
  if (date < EARLIEST_MEASUREMENT) throw badInput(`${field} cannot be before 1900`, field);
  return date;
}

interface FilterArgs {
  trait?: string | null;
  from?: Date | string | null;
  to?: Date | string | null;
}

/** A catalog trait (or none) and a time window whose end is not before its start. */
export function validFilter({ trait, from, to }: FilterArgs): MeasurementFilter {
  const filter: MeasurementFilter = {
    trait: trait == null ? null : catalogTrait(trait).id,
    from: from == null ? null : new Date(from),
    to: to == null ? null : new Date(to),
  };
  if (filter.from && filter.to && filter.to < filter.from) throw badInput('to must not be before from', 'to');
  return filter;
}
