import type { SQL } from 'drizzle-orm';
import type { EvaluationPedigreeAnimal } from '@studbook/contracts/animal-directory';
import type { Tx } from '@studbook/platform';
import { grantsOfProject, measurementsOfGrants } from '../project/project-reads.js';

/** What a project shares for an evaluation. */
export interface ProjectShare {
  /** A condition on `measurements`: the records its grants in force share. */
  records: SQL;
  /** The animals its grants list by id (a grant by species lists none), evaluated with or without records. */
  animalIds: string[];
}

/**
 * What an evaluation of a project reads: the measurements its grants in force share, from every granting organisation.
 * The caller's own organisation's records count only where it granted them too, so a run's data does not depend on which
 * member started it and members of other organisations never get results computed from records unshared with them.
 * Null when the project has no grants (or the caller is no member: RLS hides them).
 */
export async function projectShare(tx: Tx, projectId: string): Promise<ProjectShare | null> {
  const grants = await grantsOfProject(tx, projectId);
  const records = measurementsOfGrants(grants);
  return records ? { records, animalIds: [...new Set(grants.flatMap((grant) => grant.animalIds))] } : null;
}

/**
 * The subjects and their ancestors, in the export's order (parents first). The export also holds every animal of the
 * caller's own organisation, which a project's evaluation must not take in unless shared; an animal's inbreeding depends
 * on its ancestors only, so leaving the others out changes nothing for those kept.
 */
export function ancestralClosure(pedigree: readonly EvaluationPedigreeAnimal[], subjects: Iterable<string>): EvaluationPedigreeAnimal[] {
  const byId = new Map(pedigree.map((animal) => [animal.id, animal]));
  const kept = new Set<string>();
  const stack = [...subjects].filter((id) => byId.has(id));
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (kept.has(id)) continue;
    kept.add(id);
    const animal = byId.get(id)!;
    for (const parent of [animal.sire, animal.dam]) if (parent && byId.has(parent) && !kept.has(parent)) stack.push(parent);
  }
  return pedigree.filter((animal) => kept.has(animal.id));
}
