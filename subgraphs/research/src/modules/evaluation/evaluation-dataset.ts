import type { EvaluationPedigreeAnimal } from '@studbook/contracts/animal-directory';
import type { AnimalModelInput, AnimalModelResult, VarianceModel } from '../../genetics/blup/index.js';

export type FixedEffectName = 'SEX' | 'CONTEMPORARY_GROUP' | 'BIRTH_YEAR' | 'FARM';

/** One measurement of the evaluated trait, in its canonical unit. */
export interface EvaluationRecord {
  animalId: string;
  value: number;
  groupId: string | null;
  farmId: string | null;
}

/** The engine's input with what maps it back: Studbook id of animal k at index k − 1, level names per factor. */
export interface EvaluationDataset {
  input: AnimalModelInput;
  /** Studbook id (or an export's pseudonym `~n` for an ancestor the caller may not see) of animal k at index k − 1. */
  ids: string[];
  birthYears: (number | null)[];
  levels: { effect: FixedEffectName; names: string[] }[];
  /** Records of animals that are not in the pedigree (deleted, or hidden from the caller since): left out. */
  droppedRecords: number;
}

const NONE = 'none';

/**
 * Renumbers a pedigree export and the records into the engine's form, BLUPF90's convention: animals 1..n in the export's
 * order, 0 for an unknown parent; each fixed effect's levels sorted by name, so the same data gives the same equations.
 */
export function evaluationDataset(
  pedigree: readonly EvaluationPedigreeAnimal[],
  records: readonly EvaluationRecord[],
  fixedEffects: readonly FixedEffectName[],
  variance: VarianceModel,
): EvaluationDataset {
  const n = pedigree.length;
  const number = new Map(pedigree.map((animal, i) => [animal.id, i + 1]));
  const sire = new Int32Array(n);
  const dam = new Int32Array(n);
  const inbreeding = new Float64Array(n);
  pedigree.forEach((animal, i) => {
    sire[i] = animal.sire ? (number.get(animal.sire) ?? 0) : 0;
    dam[i] = animal.dam ? (number.get(animal.dam) ?? 0) : 0;
    inbreeding[i] = animal.inbreeding;
  });
  const kept = records.filter((record) => number.has(record.animalId));
  const animal = Int32Array.from(kept, (record) => number.get(record.animalId)!);
  const value = Float64Array.from(kept, (record) => record.value);
  const birthYears = pedigree.map((a) => (a.birthDate ? Number(a.birthDate.slice(0, 4)) : null));
  const levelName = (effect: FixedEffectName, record: EvaluationRecord): string => {
    const subject = pedigree[number.get(record.animalId)! - 1];
    if (effect === 'SEX') return subject.sex ?? 'UNKNOWN';
    if (effect === 'BIRTH_YEAR') return subject.birthDate?.slice(0, 4) ?? NONE;
    if (effect === 'CONTEMPORARY_GROUP') return record.groupId ?? NONE;
    return record.farmId ?? NONE;
  };
  const levels: EvaluationDataset['levels'] = [];
  const factors = fixedEffects.map((effect) => {
    const perRecord = kept.map((record) => levelName(effect, record));
    const names = [...new Set(perRecord)].sort();
    const index = new Map(names.map((name, i) => [name, i]));
    levels.push({ effect, names });
    return { name: effect, levels: names.length, levelOfRecord: Int32Array.from(perRecord, (name) => index.get(name)!) };
  });
  return {
    input: { pedigree: { sire, dam, inbreeding }, records: { animal, value }, fixedEffects: factors, variance },
    ids: pedigree.map((a) => a.id),
    birthYears,
    levels,
    droppedRecords: records.length - kept.length,
  };
}

/** The fixed-effect solutions by effect and level name (none for an overall mean alone); an empty level's NaN becomes null. */
export function fixedEffectSolutions(dataset: EvaluationDataset, result: AnimalModelResult) {
  return dataset.levels.flatMap(({ effect, names }, f) =>
    names.map((level, l) => {
      const solution = result.fixed[f].solutions[l];
      return { effect, level, solution: Number.isNaN(solution) ? null : solution, records: result.fixed[f].records[l] };
    }),
  );
}
