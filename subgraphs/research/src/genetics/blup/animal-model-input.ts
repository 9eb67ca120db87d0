import { badInput } from './blup-input-error.js';
import type { AnimalModelInput, FixedFactor, VarianceModel } from './animal-model.js';

/** σ²e/σ²a. A heritability must lie strictly inside (0, 1); variance components must be positive and finite. */
export function varianceRatio(variance: VarianceModel): number {
  if ('heritability' in variance) {
    const h2 = variance.heritability;
    if (!(h2 > 0 && h2 < 1)) throw badInput('Heritability must be between 0 and 1 (exclusive)', 'heritability');
    return (1 - h2) / h2;
  }
  if (!(variance.additive > 0 && Number.isFinite(variance.additive))) throw badInput('The additive variance must be a positive number', 'variance.additive');
  if (!(variance.residual > 0 && Number.isFinite(variance.residual))) throw badInput('The residual variance must be a positive number', 'variance.residual');
  return variance.residual / variance.additive;
}

/** Checks shapes and ranges (not loops: `parentsFirstOrder` finds those); returns the factors to fit (an overall mean if none). */
export function checkedInput(input: AnimalModelInput): FixedFactor[] {
  const { sire, dam, inbreeding } = input.pedigree;
  const n = sire.length;
  if (n === 0) throw badInput('The pedigree has no animals', 'pedigree');
  if (dam.length !== n) throw badInput(`pedigree.dam has ${dam.length} entries for ${n} animals`, 'pedigree.dam');
  for (let i = 0; i < n; i++) {
    if (sire[i] < 0 || sire[i] > n || sire[i] === i + 1) throw badInput(`Animal ${i + 1} has sire ${sire[i]}, not an id in 1..${n} or 0`, 'pedigree.sire');
    if (dam[i] < 0 || dam[i] > n || dam[i] === i + 1) throw badInput(`Animal ${i + 1} has dam ${dam[i]}, not an id in 1..${n} or 0`, 'pedigree.dam');
    if (sire[i] !== 0 && sire[i] === dam[i]) throw badInput(`Animal ${i + 1} has animal ${sire[i]} as both sire and dam`, 'pedigree.dam');
  }
  if (inbreeding) {
    if (inbreeding.length !== n) throw badInput(`pedigree.inbreeding has ${inbreeding.length} entries for ${n} animals`, 'pedigree.inbreeding');
    for (let i = 0; i < n; i++) {
      if (!(inbreeding[i] >= 0 && inbreeding[i] < 1)) throw badInput(`Animal ${i + 1} has inbreeding ${inbreeding[i]}, outside [0, 1)`, 'pedigree.inbreeding');
    }
  }
  const { animal, value } = input.records;
  const records = animal.length;
  if (records === 0) throw badInput('The trait has no records', 'records');
  if (value.length !== records) throw badInput(`records.value has ${value.length} entries for ${records} records`, 'records.value');
  for (let r = 0; r < records; r++) {
    if (animal[r] < 1 || animal[r] > n) throw badInput(`Record ${r + 1} is of animal ${animal[r]}, not an id in 1..${n}`, 'records.animal');
    if (!Number.isFinite(value[r])) throw badInput(`Record ${r + 1} has value ${value[r]}, not a finite number`, 'records.value');
  }
  const factors = input.fixedEffects.length > 0 ? input.fixedEffects : [{ name: 'mean', levels: 1, levelOfRecord: new Int32Array(records) }];
  factors.forEach((factor, f) => {
    const field = `fixedEffects[${f}]`;
    if (!(Number.isInteger(factor.levels) && factor.levels >= 1)) throw badInput(`Factor ${factor.name} must have at least one level`, `${field}.levels`);
    if (factor.levelOfRecord.length !== records)
      throw badInput(`Factor ${factor.name} has ${factor.levelOfRecord.length} levels for ${records} records`, `${field}.levelOfRecord`);
    for (let r = 0; r < records; r++) {
      const level = factor.levelOfRecord[r];
      if (level < 0 || level >= factor.levels)
        throw badInput(`Record ${r + 1} has level ${level} of ${factor.name}, not in 0..${factor.levels - 1}`, `${field}.levelOfRecord`);
    }
  });
  return factors;
}
