/** What a unit measures; a value converts only between units of one dimension. */
export type Dimension = 'MASS' | 'LENGTH' | 'FIBRE_DIAMETER';

interface UnitDefinition {
  dimension: Dimension;
  /** How many of the dimension's base unit (g, mm, micron) one of this unit is. */
  base: number;
}

// Exact factors: the international avoirdupois pound is 453.59237 g (1959), the inch 25.4 mm.
const UNITS: Record<string, UnitDefinition> = {
  g: { dimension: 'MASS', base: 1 },
  kg: { dimension: 'MASS', base: 1000 },
  lb: { dimension: 'MASS', base: 453.59237 },
  oz: { dimension: 'MASS', base: 453.59237 / 16 },
  mm: { dimension: 'LENGTH', base: 1 },
  cm: { dimension: 'LENGTH', base: 10 },
  m: { dimension: 'LENGTH', base: 1000 },
  in: { dimension: 'LENGTH', base: 25.4 },
  micron: { dimension: 'FIBRE_DIAMETER', base: 1 },
};

/** Spellings users write for the same unit, folded to the catalog's. */
const ALIASES: Record<string, string> = { lbs: 'lb', µm: 'micron', um: 'micron', μm: 'micron', microns: 'micron', mic: 'micron', inch: 'in', inches: 'in' };

/** The catalog spelling of a unit as entered (case-insensitive, trimmed), or null if unknown. */
export function unitOf(entered: string): string | null {
  const key = entered.trim().toLowerCase();
  const unit = ALIASES[key] ?? key;
  return unit in UNITS ? unit : null;
}

export function unitsOf(dimension: Dimension): string[] {
  return Object.keys(UNITS).filter((unit) => UNITS[unit].dimension === dimension);
}

export function dimensionOf(unit: string): Dimension {
  return UNITS[unit].dimension;
}

/** Converts between two catalog units of one dimension. */
export function convert(value: number, from: string, to: string): number {
  if (from === to) return value;
  return (value * UNITS[from].base) / UNITS[to].base;
}
