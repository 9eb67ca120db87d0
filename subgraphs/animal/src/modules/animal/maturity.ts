import type { AnimalRow } from './animal-row.js';
import type { SpeciesRow } from './species-catalog.js';

export type Maturity = 'HATCHLING' | 'JUVENILE' | 'SUBADULT' | 'ADULT';

const DAY_MS = 86_400_000;

/**
 * The life stage of an animal on `today` (YYYY-MM-DD), by its age in whole days against its
 * species' thresholds (docs/animal-records.md). Null without a hatch date, and for a dead animal,
 * which has no current stage.
 */
export function maturityOf(
  animal: Pick<AnimalRow, 'hatchDate' | 'status'>,
  species: Pick<SpeciesRow, 'juvenileFromDays' | 'subadultFromDays' | 'adultFromDays'>,
  today: string,
): Maturity | null {
  if (!animal.hatchDate || animal.status === 'DECEASED') return null;
  const ageDays = Math.floor((Date.parse(today) - Date.parse(animal.hatchDate)) / DAY_MS);
  if (ageDays >= species.adultFromDays) return 'ADULT';
  if (ageDays >= species.subadultFromDays) return 'SUBADULT';
  if (ageDays >= species.juvenileFromDays) return 'JUVENILE';
  return 'HATCHLING';
}

/** Today's date in UTC, the calendar hatch and death dates are compared in. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}
