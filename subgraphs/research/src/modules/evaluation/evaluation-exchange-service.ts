import { fetchEvaluationPedigree } from '@studbook/contracts/animal-directory';
import { ErrorCode, forbidden, importRefused, parseCsv, userError, type CsvProblem, type TenantDb, type TenantScope } from '@studbook/platform';
import { readEvaluationRecords } from '../measurement/evaluation-records.js';
import type { CatalogTrait } from '../trait/trait-catalog.js';
import { readBreedingValueFile } from './breeding-value-import-rows.js';
import { findRunBreedingValues, insertBreedingValues } from './breeding-value-store.js';
import { validSpecies, validTrait } from './evaluation-input.js';
import { type EvaluationRunRow, findLatestSucceeded, insertRun } from './evaluation-run-store.js';
import { type ExchangeFile, exchangeFiles } from './exchange-files.js';

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

  async export(speciesArg: string, traitArg: string, scopeKind: 'ORGANIZATION' | 'PROJECT' = 'ORGANIZATION'): Promise<EvaluationExport> {
    const scope = this.member();
    // A project's files would hand its members' shared records out of the platform's RLS: runGeneticEvaluation with the
    // project scope evaluates them in place instead.
    if (scopeKind === 'PROJECT')
      throw userError(ErrorCode.Forbidden, "A research project's shared data is evaluated in place (runGeneticEvaluation with the project scope), not exported", {
        field: 'scope.kind',
      });
    const species = validSpecies(speciesArg);
    const trait = validTrait(species, traitArg);
    const { db } = this.deps;
    const records = await readEvaluationRecords(db, scope, trait.id, null);
    const pedigree = await fetchEvaluationPedigree(this.deps.animalSubgraphUrl, this.deps.identityToken, {
      species,
      subjects: [...new Set(records.map((record) => record.animalId))],
    });
    const values = await db.run(scope, async (tx) => {
      const run = await findLatestSucceeded(tx, { projectId: null }, species, trait.id);
      return run ? findRunBreedingValues(tx, run.id) : [];
    });
    return { species, trait, ...exchangeFiles(pedigree.animals, records, values, trait.id) };
  }

  /** All or nothing: every row checked (its own fields, then whether the caller sees the animal in the species) before one write. */
  async import(speciesArg: string, csv: string): Promise<BreedingValueImport> {
    const scope = this.member();
    const species = validSpecies(speciesArg);
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
    const pedigree = ids.length > 0 ? await fetchEvaluationPedigree(this.deps.animalSubgraphUrl, this.deps.identityToken, { species, subjects: ids }) : null;
    const unknown = new Set(pedigree?.unknownSubjects ?? []);
    for (const row of file.rows) if (unknown.has(row.animalId)) errors.push({ line: row.line, message: `No ${species} ${row.animalId} you can see` });
    if (errors.length > 0 || !trait || !pedigree) return { run: null, ...importRefused(errors) };
    const birthYear = new Map(pedigree.animals.map((animal) => [animal.id, animal.birthDate ? Number(animal.birthDate.slice(0, 4)) : null]));
    const chosen = trait;
    const run = await this.deps.db.run(scope, async (tx) => {
      const now = new Date();
      const inserted = await insertRun(tx, {
        scope: 'ORGANIZATION',
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
        birthYears: file.rows.map((row) => birthYear.get(row.animalId) ?? null),
      });
      return inserted;
    });
    return { run, imported: file.rows.length, errors: [] };
  }

  private member(): TenantScope {
    if (!this.deps.scope) throw forbidden('Only a member of an organisation may exchange evaluation data');
    return this.deps.scope;
  }
}
