import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rejectionOf } from '../../../../../tests/support/rejection.js';
import { TRAITS, traitById } from './trait-catalog.js';
import { acceptedUnit, catalogTrait, measuredValue } from './trait-input.js';

const trait = (id: string) => traitById(id)!;

describe('the trait catalog', () => {
  it("names only species of the animal subgraph's catalog", () => {
    const migration = readFileSync(new URL('../../../../../drizzle/animal/migrations/0001_species-catalog.sql', import.meta.url), 'utf8');
    const species = new Set([...migration.matchAll(/\('([a-z-]+)', '/g)].map((match) => match[1]));
    expect(species.size).toBe(12);
    for (const entry of TRAITS) for (const id of Object.keys(entry.ranges)) expect(species, `${entry.id}: ${id}`).toContain(id);
  });

  it('has ranges with a lower bound below the upper, and a canonical unit of its dimension', () => {
    for (const entry of TRAITS) {
      for (const [min, max] of Object.values(entry.ranges)) expect(min).toBeLessThan(max);
      expect(() => acceptedUnit(entry, entry.canonicalUnit)).not.toThrow();
    }
  });
});

describe('measuredValue', () => {
  it.each([
    ['birth_weight', 'sheep', 4.5, 'kg', 4.5],
    ['birth_weight', 'sheep', 4500, 'g', 4.5],
    ['birth_weight', 'sheep', 10, 'lb', 4.5359237],
    ['birth_weight', 'sheep', 160, 'oz', 4.5359237],
    ['eye_muscle_depth', 'sheep', 3.2, 'cm', 32],
    ['eye_muscle_depth', 'sheep', 1, 'in', 25.4],
    ['snout_vent_length', 'ball-python', 1200, 'mm', 120],
    ['total_length', 'corn-snake', 48, 'in', 121.92],
    ['fibre_diameter', 'sheep', 19.5, 'micron', 19.5],
  ])('converts %s of a %s: %s %s is %s in the canonical unit', (id, species, value, unit, canonical) => {
    const measured = measuredValue(trait(id), species, value, acceptedUnit(trait(id), unit));
    expect(measured.value).toBeCloseTo(canonical, 9);
    expect(measured).toMatchObject({ unit: trait(id).canonicalUnit, enteredValue: value, enteredUnit: unit });
  });

  it('accepts the bounds of a range and refuses just outside, naming the range on the value field', () => {
    expect(measuredValue(trait('birth_weight'), 'sheep', 12, 'kg').value).toBe(12);
    expect(measuredValue(trait('birth_weight'), 'sheep', 0.5, 'kg').value).toBe(0.5);
    expect(rejectionOf(() => measuredValue(trait('birth_weight'), 'sheep', 12.01, 'kg'))).toEqual({ code: 'BAD_USER_INPUT', field: 'value' });
    // Grams typed as kilograms: 4500 kg.
    expect(() => measuredValue(trait('birth_weight'), 'sheep', 4500, 'kg')).toThrow(
      'Birth weight of a sheep must be between 0.5 and 12 kg; 4500 kg is outside that range',
    );
    expect(() => measuredValue(trait('birth_weight'), 'sheep', 30, 'lb')).toThrow('between 0.5 and 12 kg (1.102 to 26.46 lb)');
  });

  it('refuses a trait the species does not have on the trait field', () => {
    expect(rejectionOf(() => measuredValue(trait('greasy_fleece_weight'), 'ball-python', 1, 'kg'))).toEqual({ code: 'BAD_USER_INPUT', field: 'trait' });
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('refuses %s on the value field', (value) => {
    expect(rejectionOf(() => measuredValue(trait('body_weight'), 'sheep', value, 'kg'))).toEqual({ code: 'BAD_USER_INPUT', field: 'value' });
  });
});

describe('catalogTrait and acceptedUnit', () => {
  it('finds a trait by id, trimmed, and refuses any other text on the trait field', () => {
    expect(catalogTrait(' weaning_weight ').id).toBe('weaning_weight');
    for (const text of ['weight', 'Weaning weight', '', 'x'.repeat(500)])
      expect(rejectionOf(() => catalogTrait(text))).toEqual({ code: 'BAD_USER_INPUT', field: 'trait' });
  });

  it('folds spellings of a unit and refuses a unit of another dimension on the unit field', () => {
    expect(acceptedUnit(trait('body_weight'), ' KG ')).toBe('kg');
    expect(acceptedUnit(trait('body_weight'), 'lbs')).toBe('lb');
    expect(acceptedUnit(trait('fibre_diameter'), 'µm')).toBe('micron');
    for (const unit of ['cm', 'stone', '', 'micron'])
      expect(rejectionOf(() => acceptedUnit(trait('body_weight'), unit))).toEqual({ code: 'BAD_USER_INPUT', field: 'unit' });
    expect(() => acceptedUnit(trait('body_weight'), 'cm')).toThrow('Body weight is not measured in "cm"; use kg, g, lb, oz');
  });
});
