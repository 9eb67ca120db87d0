import { type EvaluationPedigreeAnimal, fetchEvaluationPedigree } from '@studbook/contracts/animal-directory';
import type { TenantDb, TenantScope } from '@studbook/platform';
import { type EvaluationRecordRow, readEvaluationRecords } from '../measurement/evaluation-records.js';
import { ancestralClosure, projectShare } from './project-records.js';

/** What an evaluation or an export reads: the records and their animals with every ancestor. */
export interface EvaluationData {
  records: EvaluationRecordRow[];
  animals: EvaluationPedigreeAnimal[];
}

export interface EvaluationDataDeps {
  db: TenantDb;
  animalSubgraphUrl: string;
}

export interface EvaluationDataRequest {
  species: string;
  trait: string;
  /** The caller's verified gateway token: the pedigree is read as the caller. */
  identityToken: string;
}

/**
 * The caller's organisation's records of the trait and the pedigree the animal subgraph gives for them: the
 * organisation's animals of the species, those it holds records of, every ancestor (others' private ones pseudonymous).
 */
export async function readOrganizationData(deps: EvaluationDataDeps, scope: TenantScope, request: EvaluationDataRequest, signal?: AbortSignal): Promise<EvaluationData> {
  const records = await readEvaluationRecords(deps.db, scope, request.trait, null);
  const subjects = [...new Set(records.map((record) => record.animalId))];
  const pedigree = await fetchEvaluationPedigree(deps.animalSubgraphUrl, request.identityToken, { species: request.species, subjects }, signal);
  return { records, animals: pedigree.animals };
}

/**
 * A project's data, read as the caller (a member): its grants in force now (one revoked since counts for nothing), their
 * records, and the pedigree from the animal subgraph under the caller's visibility, which logs the read of every granted
 * animal for its granting organisation. Its subjects are the animals with shared records and those the grants list; the
 * caller's own unshared animals are left out. Null when the project has no grants in force.
 */
export async function readProjectData(
  deps: EvaluationDataDeps,
  scope: TenantScope,
  request: EvaluationDataRequest & { projectId: string },
  signal?: AbortSignal,
): Promise<EvaluationData | null> {
  const share = await deps.db.run(scope, (tx) => projectShare(tx, request.projectId));
  if (!share) return null;
  const records = await readEvaluationRecords(deps.db, scope, request.trait, share.records);
  const subjects = [...new Set([...records.map((record) => record.animalId), ...share.animalIds])];
  const pedigree = await fetchEvaluationPedigree(deps.animalSubgraphUrl, request.identityToken, { species: request.species, subjects }, signal);
  return { records, animals: ancestralClosure(pedigree.animals, subjects) };
}
