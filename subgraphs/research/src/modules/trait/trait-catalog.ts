import { type Dimension, unitsOf } from './units.js';

/** A plausible range in the trait's canonical unit, inclusive. */
export type Range = readonly [min: number, max: number];

export interface CatalogTrait {
  /** Stable id stored with every measurement, e.g. "weaning_weight". */
  id: string;
  name: string;
  description: string;
  dimension: Dimension;
  /** Values are stored in this unit. */
  canonicalUnit: string;
  /** The species (ids of the animal subgraph's species catalog) the trait applies to, with their plausible ranges. */
  ranges: Readonly<Record<string, Range>>;
}

/**
 * The trait catalog, in code like the animal subgraph's species list: it changes with a release,
 * not at run time. Ranges are deliberately wide (they refuse typing and unit mistakes, such as
 * grams entered as kilograms, not unusual animals), from breed society and extension-service figures.
 */
export const TRAITS: readonly CatalogTrait[] = [
  trait('birth_weight', 'Birth weight', 'Live weight within 24 hours of birth', 'MASS', 'kg', {
    sheep: [0.5, 12],
    goat: [0.5, 8],
    cattle: [10, 80],
    pig: [0.4, 3],
    horse: [15, 90],
    dog: [0.05, 1.2],
  }),
  trait('weaning_weight', 'Weaning weight', 'Live weight at weaning (about 100 days in sheep, 200 in cattle)', 'MASS', 'kg', {
    sheep: [5, 70],
    goat: [4, 50],
    cattle: [60, 450],
    pig: [3, 15],
    horse: [80, 400],
  }),
  trait('yearling_weight', 'Yearling weight', 'Live weight at about one year', 'MASS', 'kg', { sheep: [15, 120], goat: [12, 90], cattle: [120, 700], horse: [150, 550] }),
  trait('greasy_fleece_weight', 'Greasy fleece weight', 'Weight of the shorn fleece before scouring', 'MASS', 'kg', { sheep: [0.3, 25], goat: [0.1, 8] }),
  trait('fibre_diameter', 'Fibre diameter', 'Mean fibre diameter of a mid-side sample', 'FIBRE_DIAMETER', 'micron', { sheep: [10, 45], goat: [10, 45] }),
  trait('eye_muscle_depth', 'Eye muscle depth', 'Ultrasound depth of the loin muscle (C site in sheep, 12th–13th rib in cattle)', 'LENGTH', 'mm', {
    sheep: [10, 50],
    goat: [8, 40],
    cattle: [30, 150],
    pig: [30, 90],
  }),
  trait('fat_depth', 'Fat depth', 'Ultrasound depth of fat over the loin (C site in sheep, P8 rump in cattle)', 'LENGTH', 'mm', {
    sheep: [0.5, 20],
    goat: [0.5, 15],
    cattle: [0.5, 40],
    pig: [3, 40],
  }),
  trait('scrotal_circumference', 'Scrotal circumference', 'Circumference at the widest point', 'LENGTH', 'cm', { sheep: [15, 45], goat: [15, 35], cattle: [20, 50] }),
  trait('wither_height', 'Wither height', 'Height at the withers, standing square', 'LENGTH', 'cm', {
    sheep: [30, 100],
    goat: [30, 100],
    cattle: [60, 180],
    horse: [60, 200],
    dog: [10, 100],
  }),
  trait('snout_vent_length', 'Snout–vent length', 'From the tip of the snout to the cloaca, straightened', 'LENGTH', 'cm', {
    'ball-python': [15, 200],
    'corn-snake': [15, 180],
    'boa-constrictor': [30, 400],
    'leopard-gecko': [2, 15],
    'crested-gecko': [2, 13],
    'bearded-dragon': [3, 30],
  }),
  trait('total_length', 'Total length', 'From the tip of the snout to the tip of the tail, straightened', 'LENGTH', 'cm', {
    'ball-python': [20, 230],
    'corn-snake': [20, 200],
    'boa-constrictor': [35, 450],
    'leopard-gecko': [4, 30],
    'crested-gecko': [4, 25],
    'bearded-dragon': [8, 65],
  }),
  trait('body_weight', 'Body weight', 'Live weight at any age', 'MASS', 'kg', {
    'ball-python': [0.005, 7],
    'corn-snake': [0.003, 1.5],
    'boa-constrictor': [0.02, 30],
    'leopard-gecko': [0.001, 0.15],
    'crested-gecko': [0.001, 0.1],
    'bearded-dragon': [0.002, 0.8],
    sheep: [0.5, 200],
    goat: [0.5, 150],
    cattle: [10, 1500],
    pig: [0.4, 400],
    horse: [15, 1200],
    dog: [0.05, 110],
  }),
];

function trait(id: string, name: string, description: string, dimension: Dimension, canonicalUnit: string, ranges: Record<string, Range>): CatalogTrait {
  return { id, name, description, dimension, canonicalUnit, ranges };
}

const BY_ID = new Map(TRAITS.map((entry) => [entry.id, entry]));

export function traitById(id: string): CatalogTrait | undefined {
  return BY_ID.get(id);
}

/** The traits recorded for a species, in catalog order. */
export function traitsOfSpecies(speciesId: string): CatalogTrait[] {
  return TRAITS.filter((entry) => speciesId in entry.ranges);
}

/** The units a value of this trait may be entered in, its canonical unit first. */
export function acceptedUnits(entry: CatalogTrait): string[] {
  return [entry.canonicalUnit, ...unitsOf(entry.dimension).filter((unit) => unit !== entry.canonicalUnit)];
}
