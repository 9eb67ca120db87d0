export interface EvaluatedAnimal {
  id: string;
  name: string;
  ebv: number;
  accuracy: number | null;
}

export type EbvSort = 'EBV' | 'ACCURACY';

/**
 * The animals of a run, best first: by EBV, or by accuracy (an animal without one last), ties by name so
 * the order never shuffles between polls.
 */
export function sortedEbvs(animals: readonly EvaluatedAnimal[], sort: EbvSort): EvaluatedAnimal[] {
  const key = (animal: EvaluatedAnimal) => (sort === 'EBV' ? animal.ebv : (animal.accuracy ?? Number.NEGATIVE_INFINITY));
  return [...animals].sort((a, b) => key(b) - key(a) || a.name.localeCompare(b.name));
}

/** The breeding value of one animal from one run, or null when the run did not evaluate it. */
export function valueFromRun(
  animal: { id: string; name: string; breedingValues: readonly { ebv: number; accuracy?: number | null; run: { id: string } }[] },
  runId: string,
): EvaluatedAnimal | null {
  const value = animal.breedingValues.find((bv) => bv.run.id === runId);
  return value ? { id: animal.id, name: animal.name, ebv: value.ebv, accuracy: value.accuracy ?? null } : null;
}
