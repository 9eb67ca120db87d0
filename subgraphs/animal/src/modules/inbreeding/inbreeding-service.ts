import { badInput, notFound, validId, type TenantDb, type TenantScope } from '@studbook/platform';
import { kinship } from '../../genetics/kinship.js';
import type { DenseLineage } from '../../genetics/lineage-graph.js';
import { loadAncestors, type AnimalLoaders } from '../animal/animal-loaders.js';
import type { AnimalRow } from '../animal/animal-row.js';
import { isLineageOnly } from '../animal/lineage-only.js';
import type { SpeciesCatalog, SpeciesRow } from '../animal/species-catalog.js';
import { pairingIn } from '../lineage/lineage-engine.js';
import type { InbreedingLoaders } from './inbreeding-loaders.js';
import { findPopulationStats } from './inbreeding-store.js';

/** Kinship and pairing preview fields one request may hold between them. */
export const MAX_PAIRS_PER_REQUEST = 200;

export interface PairingPreview {
  coefficientOfInbreeding: number;
  commonAncestors: { animal: AnimalRow | null; contribution: number }[];
}

export interface PopulationStats {
  species: SpeciesRow;
  animalCount: number;
  meanInbreedingCoefficient: number | null;
  shareInbreedingAtLeast0625: number | null;
  shareInbreedingAtLeast125: number | null;
  meanPedigreeCompleteness5: number | null;
}

export interface InbreedingServiceDeps {
  db: TenantDb;
  scope: TenantScope | null;
  species: SpeciesCatalog;
  animalLoaders: AnimalLoaders;
  loaders: InbreedingLoaders;
}

/**
 * Inbreeding and kinship for one request. Inputs are ids the caller can see (anything else is
 * NOT_FOUND); the numbers cover the whole lineage, other organisations' private ancestors
 * included, and an ancestor the caller cannot see is shown as null.
 */
export class InbreedingService {
  private pairsAsked = 0;

  constructor(private readonly deps: InbreedingServiceDeps) {}

  coefficientOf(animal: AnimalRow): Promise<number> | number | null {
    if (isLineageOnly(animal)) return null;
    // No recorded parent, no inbreeding: no row is kept and no query is needed.
    if (!animal.sireId && !animal.damId) return 0;
    return this.deps.loaders.coefficientOf.load(animal.id);
  }

  async kinship(a: string, b: string): Promise<number> {
    this.countPair();
    const [first, second] = await Promise.all([this.visible(a, 'a'), this.visible(b, 'b')]);
    const { graph, index } = await this.graphOf(first.id, second.id);
    return kinship(graph, index.get(first.id)!, index.get(second.id)!);
  }

  async pairingPreview(sireId: string, damId: string): Promise<PairingPreview> {
    this.countPair();
    const [sire, dam] = await Promise.all([this.visible(sireId, 'sireId'), this.visible(damId, 'damId')]);
    if (sire.sex !== 'MALE') throw badInput('Sire must be male', 'sireId');
    if (dam.sex !== 'FEMALE') throw badInput('Dam must be female', 'damId');
    if (sire.speciesId !== dam.speciesId) throw badInput('Sire and dam must be of the same species', 'damId');
    const pairing = pairingIn(await this.graphOf(sire.id, dam.id), sire.id, dam.id);
    // A common ancestor is named as it would be in the sire's or the dam's pedigree.
    const animals = await loadAncestors(
      this.deps.animalLoaders,
      [sire, dam],
      pairing.contributions.map((c) => c.ancestorId),
    );
    return {
      coefficientOfInbreeding: pairing.coefficient,
      commonAncestors: pairing.contributions.map((c, i) => ({ animal: animals[i], contribution: c.contribution })),
    };
  }

  async populationStats(speciesName: string): Promise<PopulationStats> {
    const species = this.deps.species.byName(speciesName);
    if (!species) throw badInput(`Unknown species "${speciesName.slice(0, 80)}"`, 'species');
    const empty = {
      species,
      animalCount: 0,
      meanInbreedingCoefficient: null,
      shareInbreedingAtLeast0625: null,
      shareInbreedingAtLeast125: null,
      meanPedigreeCompleteness5: null,
    };
    const { db, scope } = this.deps;
    if (!scope) return empty;
    const row = await db.read(scope, (tx) => findPopulationStats(tx, scope.tenantId, species.id));
    if (row.animalCount === 0) return empty;
    return {
      species,
      animalCount: row.animalCount,
      meanInbreedingCoefficient: row.meanInbreeding,
      shareInbreedingAtLeast0625: row.atLeast0625 / row.animalCount,
      shareInbreedingAtLeast125: row.atLeast125 / row.animalCount,
      meanPedigreeCompleteness5: row.meanCompleteness5,
    };
  }

  /** An ancestor graph holding both animals: the batch's shared one, or (rarely, across batches) one walk for the two. */
  private async graphOf(a: string, b: string): Promise<DenseLineage> {
    const { ancestryOf } = this.deps.loaders;
    const [first, second] = await ancestryOf.loadMany([a, b]);
    if (first instanceof Error) throw first;
    if (second instanceof Error) throw second;
    if (first === second) return first;
    ancestryOf.clear(a).clear(b);
    const [shared] = await ancestryOf.loadMany([a, b]);
    if (shared instanceof Error) throw shared;
    return shared;
  }

  /** Each pair walks and computes over whole lineages: a request may ask for only so many. */
  private countPair(): void {
    if (++this.pairsAsked > MAX_PAIRS_PER_REQUEST) throw badInput(`At most ${MAX_PAIRS_PER_REQUEST} kinship or pairing preview fields per request`);
  }

  private async visible(id: string, field: string): Promise<AnimalRow> {
    const row = await this.deps.animalLoaders.animalById.load(validId(id, field));
    if (!row) throw notFound('Animal');
    return row;
  }
}
