import { badInput } from '@studbook/platform';
import { acceptedUnits, type CatalogTrait, traitById } from './trait-catalog.js';
import { convert, dimensionOf, unitOf } from './units.js';

/** A value as entered and as stored (in the trait's canonical unit). */
export interface MeasuredValue {
  trait: CatalogTrait;
  value: number;
  unit: string;
  enteredValue: number;
  enteredUnit: string;
}

const clip = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

/** A trait of the catalog by id ("weaning_weight"), trimmed; anything else is refused on the trait field. */
export function catalogTrait(id: string): CatalogTrait {
  const found = traitById(id.trim());
  if (!found) throw badInput(`Unknown trait "${clip(id.trim())}"; the query traits(species) lists the catalog`, 'trait');
  return found;
}

/** The catalog spelling of a unit the trait accepts ("KG" → "kg", "µm" → "micron"). */
export function acceptedUnit(trait: CatalogTrait, entered: string): string {
  const unit = unitOf(entered);
  if (!unit || dimensionOf(unit) !== trait.dimension) {
    throw badInput(`${trait.name} is not measured in "${clip(entered.trim())}"; use ${acceptedUnits(trait).join(', ')}`, 'unit');
  }
  return unit;
}

/**
 * Converts a value to the trait's canonical unit and checks it against the species' plausible
 * range; the message names the range in the unit the user entered as well as the canonical one.
 */
export function measuredValue(trait: CatalogTrait, speciesId: string, enteredValue: number, enteredUnit: string): MeasuredValue {
  if (!Number.isFinite(enteredValue)) throw badInput('Value must be a finite number', 'value');
  const range = trait.ranges[speciesId];
  if (!range) throw badInput(`${trait.name} is not a trait of the species ${speciesId}; the query traits(species) lists its traits`, 'trait');
  const value = convert(enteredValue, enteredUnit, trait.canonicalUnit);
  const [min, max] = range;
  if (value < min || value > max) {
    const inEntered =
      enteredUnit === trait.canonicalUnit
        ? ''
        : ` (${round(convert(min, trait.canonicalUnit, enteredUnit))} to ${round(convert(max, trait.canonicalUnit, enteredUnit))} ${enteredUnit})`;
    throw badInput(
      `${trait.name} of a ${speciesId} must be between ${min} and ${max} ${trait.canonicalUnit}${inEntered}; ${enteredValue} ${enteredUnit} is outside that range`,
      'value',
    );
  }
  return { trait, value, unit: trait.canonicalUnit, enteredValue, enteredUnit };
}

const round = (value: number) => Number(value.toPrecision(4));
