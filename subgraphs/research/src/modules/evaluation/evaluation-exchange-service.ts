import { type EvaluationPedigreeAnimal, fetchEvaluationPedigree } from '@studbook/contracts/animal-directory';
import { badInput, forbidden, importRefused, parseCsv, type CsvProblem, type TenantDb, type TenantScope } from '@studbook/platform';
import type { CatalogTrait } from '../trait/trait-catalog.js';
import { readBreedingValueFile } from './breeding-value-import-rows.js';
import { findRunBreedingValues, insertBreedingValues } from './breeding-value-store.js';
import { readOrganizationData, readProjectData } from './evaluation-data.js';
import { type EvaluationScopeArg, scopeKey, validScope, validSpecies, validTrait } from './evaluation-input.js';
import { type EvaluationRunRow, findLatestSucceeded, insertRun } from './evaluation-run-store.js';
import { type ExchangeFile, exchangeFiles } from './exchange-files.js';
import { projectOfRunner } from './project-runner-role.js';

export interface EvaluationExport {
  species: string;
  trait: CatalogTrait;
  animals: number;
  records: number;
  files: ExchangeFile[];
}

export interface BreedingValueImport {
  run: EvaluationRunRow | null;
  imported: number;
  errors: CsvProblem[];
}

export interface EvaluationExchangeDeps {
  db: TenantDb;
  scope: TenantScope | null;
  animalSubgraphUrl: string;
  identityToken: string;
}

/** Evaluation data out to BLUPF90 and R, and their breeding values back in, for one request. */
export class EvaluationExchangeService {
  constructor(private readonly deps: EvaluationExchangeDeps) {}

  /**
   * The organisation's data, or a project's for its LEAD and ANALYST members: what its grants in force share (the records
   * a project run reads, their animals and every ancestor) and the EBVs of its latest successful run for those animals.
   */
  async export(speciesArg: string, traitArg: string, scopeArg?: EvaluationScopeArg | null): Promise<EvaluationExport> {
    const scope = this.member();
    const evaluationScope = validScope(scopeArg);
    const species = validSpecies(speciesArg);
    const trait = validTrait(species, traitArg);
    const { db } = this.deps;
    const request = { species, trait: trait.id, identityToken: this.deps.identityToken };
    const projectId = evaluationScope.kind === 'PROJECT' ? (await projectOfRunner(db, scope, evaluationScope.projectId, 'export its data')).id : null;
    const data = projectId ? await readProjectData(this.deps, scope, { ...request, projectId }) : await readOrganizationData(this.deps, scope, request);
    if (!data) throw badInput('The project has no data-sharing grants in force: nothing is shared with it to export', 'scope.projectId');
    const exported = new Set(data.animals.map((animal) => animal.id));
    const values = await db.run(scope, async (tx) => {
      const run = await findLatestSucceeded(tx, { projectId }, species, trait.id);
      return run ? findRunBreedingValues(tx, run.id) : [];
    });
    // A project run's values of animals no longer shared (a grant revoked since) stay out, as their records do.
    const shown = projectId ? values.filter((value) => exported.has(value.animalId)) : values;
    return { species, trait, ...exchangeFiles(data.animals, data.records, shown, trait.id) };
  }

  /**
   * All or nothing: every row checked (its own fields, then whether the scope holds the animal) before one write. A
   * project's import, by a LEAD or ANALYST, becomes an EXTERNAL run of the project for the animals its export holds.
   */
  async import(speciesArg: string, csv: string, scopeArg?: EvaluationScopeArg | null): Promise<BreedingValueImport> {
    const scope = this.member();
    const evaluationScope = validScope(scopeArg);
    const species = validSpecies(speciesArg);
    const project = evaluationScope.kind === 'PROJECT' ? await projectOfRunner(this.deps.db, scope, evaluationScope.projectId, 'import its breeding values') : null;
    const parsed = parseCsv(csv);
    const file = readBreedingValueFile(parsed.records);
    const errors = [...parsed.problems, ...file.errors];
    let trait: CatalogTrait | null = null;
    if (file.trait !== null) {
      try {
        trait = validTrait(species, file.trait);
      } catch (error) {
        errors.push({ line: file.rows[0]?.line ?? 2, message: (error as Error).message });
      }
    }
    const ids = file.rows.map((row) => row.animalId);
    // A project's animals are those of its data of the trait, so they wait for a valid trait; the organisation's do not.
    const held = ids.length > 0 && (trait || !project) ? await this.animalsOfScope(species, trait?.id ?? null, ids, project?.id ?? null) : null;
    const where = project ? 'the project shares' : 'you can see';
    for (const row of file.rows) if (held && !held.has(row.animalId)) errors.push({ line: row.line, message: `No ${species} ${row.animalId} ${where}` });
    if (errors.length > 0 || !trait || !held) return { run: null, ...importRefused(errors) };
    const chosen = trait;
    const run = await this.deps.db.run(scope, async (tx) => {
      const now = new Date();
      const inserted = await insertRun(tx, {
        // A project's run belongs to the project's owner, as its BLUP runs do; RLS shows it to the project's members.
        ...(project ? { tenantId: project.ownerId, projectId: project.id } : {}),
        scope: scopeKey(evaluationScope),
        species,
        trait: chosen.id,
        source: 'EXTERNAL',
        // Imported values are finished as they arrive: the run is never active, so it never meets the one-active rule.
        status: 'SUCCEEDED',
        fixedEffects: [],
        heritability: null,
        additiveVariance: null,
        residualVariance: null,
        createdBy: scope.userId,
        startedAt: now,
        finishedAt: now,
        progress: 1,
        animals: file.rows.length,
      });
      await insertBreedingValues(tx, inserted!, {
        animalIds: file.rows.map((row) => row.animalId),
        ebvs: file.rows.map((row) => row.ebv),
        accuracies: file.rows.map((row) => row.accuracy),
        birthYears: file.rows.map((row) => held.get(row.animalId) ?? null),
      });
      return inserted;
    });
    return { run, imported: file.rows.length, errors: [] };
  }

  /**
   * The animals a scope may hold values of, with their birth years: for the organisation those of `ids` the caller sees in
   * the species; for a project the animals of its export (its shared data's animals and their visible ancestors).
   */
  private async animalsOfScope(species: string, trait: string | null, ids: string[], projectId: string | null): Promise<Map<string, number | null>> {
    const scope = this.member();
    const birthYear = (animal: EvaluationPedigreeAnimal) => (animal.birthDate ? Number(animal.birthDate.slice(0, 4)) : null);
    if (projectId && trait) {
      const data = await readProjectData(this.deps, scope, { species, trait, identityToken: this.deps.identityToken, projectId });
      return new Map((data?.animals ?? []).filter((animal) => !animal.id.startsWith('~')).map((animal) => [animal.id, birthYear(animal)]));
    }
    const pedigree = await fetchEvaluationPedigree(this.deps.animalSubgraphUrl, this.deps.identityToken, { species, subjects: ids });
    const unknown = new Set(pedigree.unknownSubjects);
    return new Map(pedigree.animals.filter((animal) => !unknown.has(animal.id)).map((animal) => [animal.id, birthYear(animal)]));
  }

  private member(): TenantScope {
    if (!this.deps.scope) throw forbidden('Only a member of an organisation may exchange evaluation data');
    return this.deps.scope;
  }
}
