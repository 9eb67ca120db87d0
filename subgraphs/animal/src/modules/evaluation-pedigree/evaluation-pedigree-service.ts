import { badInput, isUuid, type TenantDb, type TenantScope } from '@studbook/platform';
import { inbreedingCoefficients } from '../../genetics/inbreeding.js';
import { denseLineage } from '../../genetics/lineage-graph.js';
import type { SpeciesCatalog } from '../animal/species-catalog.js';
import { logGrantedReadsOfIds } from '../project-access/grant-reads.js';
import type { EvaluationPedigree } from '@studbook/contracts/animal-directory';
import { findEvaluationPedigree } from './evaluation-pedigree-store.js';

/** How many record-holding animals of other organisations one export may name. */
export const MAX_EVALUATION_SUBJECTS = 1_000_000;

/**
 * The pedigree a genetic evaluation needs, under the caller's visibility: their own animals of the species, the visible
 * animals they hold records of, and every ancestor. Another organisation's private ancestors take part (they carry
 * relationships, so A⁻¹ and F are the same as the owner's) but only as pseudonyms without sex or birth date, numbered in
 * an order that says nothing about their ids; a pseudonym is never stable across exports.
 */
export class EvaluationPedigreeService {
  constructor(private readonly deps: { db: TenantDb; species: SpeciesCatalog }) {}

  async export(scope: TenantScope, input: { species: unknown; subjects: unknown }): Promise<EvaluationPedigree> {
    const species = typeof input.species === 'string' ? (this.deps.species.byId(input.species) ?? this.deps.species.byName(input.species)) : undefined;
    if (!species) throw badInput('Unknown species', 'species');
    const subjects = input.subjects ?? [];
    if (!Array.isArray(subjects) || subjects.length > MAX_EVALUATION_SUBJECTS || !subjects.every((id) => typeof id === 'string' && isUuid(id)))
      throw badInput(`subjects must be at most ${MAX_EVALUATION_SUBJECTS} animal ids`, 'subjects');
    const wanted = [...new Set((subjects as string[]).map((id) => id.toLowerCase()))];
    const rows = await this.deps.db.run(scope, async (tx) => {
      const found = await findEvaluationPedigree(tx, species.id, wanted);
      // Sex and birth date of animals shared through a grant are a read of them: logged for the granting organisation.
      await logGrantedReadsOfIds(
        tx,
        found.filter((row) => row.visible).map((row) => row.id),
      );
      return found;
    });
    const { graph, index } = denseLineage(rows);
    const inbreeding = inbreedingCoefficients(graph);
    const shownAs = new Map<string, string>();
    let hidden = 0;
    for (const row of rows) shownAs.set(row.id, row.visible ? row.id : `~${++hidden}`);
    const parent = (id: string | null) => (id && index.has(id) ? shownAs.get(id)! : null);
    const animals = rows.map((row, i) => ({
      id: shownAs.get(row.id)!,
      sire: parent(row.sireId),
      dam: parent(row.damId),
      sex: row.sex,
      birthDate: row.birthDate,
      inbreeding: inbreeding[i],
    }));
    const exported = new Set(rows.filter((row) => row.visible).map((row) => row.id));
    return { animals, unknownSubjects: wanted.filter((id) => !exported.has(id)) };
  }
}
