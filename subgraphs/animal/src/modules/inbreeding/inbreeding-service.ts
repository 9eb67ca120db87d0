import DataLoader from 'dataloader';
import { badInput, notFound, validId, type TenantDb, type TenantScope } from '@studbook/platform';
import { kinship } from '../genetics/kinship.js';
import type { AnimalLoaders } from '../animal/animal-loaders.js';
import type { AnimalRow } from '../animal/animal-row.js';
import { pairingIn, type LineageEngine } from '../lineage/lineage-engine.js';
import { denseLineage, type DenseLineage } from '../lineage/lineage-graph.js';
import * as store from '../lineage/lineage-store.js';
import type { SpeciesCatalog, SpeciesRow } from '../species/species-store.js';

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

/**
 * Inbreeding and kinship for one request. Inputs are ids the caller can see (anything else is
 * NOT_FOUND); the numbers cover the whole lineage, other organisations' private ancestors
 * included, and an ancestor the caller cannot see is shown as null.
 */
export class InbreedingService {
  private readonly coefficients: DataLoader<string, number>;
  /** One ancestor walk per batch: every kinship and pairing preview of one pass of the query share its graph. */
  private readonly ancestry: DataLoader<string, DenseLineage>;
  private pairsAsked = 0;

  constructor(
    private readonly db: TenantDb,
    private readonly scope: TenantScope | null,
    private readonly lineage: LineageEngine,
    private readonly loaders: AnimalLoaders,
    private readonly species: SpeciesCatalog,
  ) {
    this.coefficients = new DataLoader(async (ids) => {
      if (!this.scope) return ids.map(() => 0);
      const values = await this.db.run(this.scope, async (tx) => {
        const stored = await store.findInbreeding(tx, ids);
        const missing = ids.filter((id) => !stored.has(id));
        // Animals recorded before lineage metrics existed, until the start-up backfill has reached them.
        // (Only animals with a parent are asked for: coefficientOf answers the others itself.)
        if (missing.length > 0) for (const [id, f] of await this.lineage.computeInbreeding(tx, missing)) stored.set(id, f);
        return stored;
      });
      return ids.map((id) => values.get(id) ?? 0);
    });
    this.ancestry = new DataLoader(async (ids) => {
      const graph = denseLineage(await this.db.run(this.scope!, (tx) => store.findAncestorGraph(tx, ids)));
      return ids.map(() => graph);
    });
  }

  coefficientOf(animal: AnimalRow): Promise<number> | number {
    // No recorded parent, no inbreeding: no row is kept and no query is needed.
    if (!animal.sireId && !animal.damId) return 0;
    return this.coefficients.load(animal.id);
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
    const animals = await this.loaders.animalById.loadMany(pairing.contributions.map((c) => c.ancestorId));
    return {
      coefficientOfInbreeding: pairing.coefficient,
      commonAncestors: pairing.contributions.map((c, i) => {
        const animal = animals[i];
        return { animal: animal && !(animal instanceof Error) ? animal : null, contribution: c.contribution };
      }),
    };
  }

  async populationStats(speciesName: string): Promise<PopulationStats> {
    const species = this.species.byName(speciesName);
    if (!species) throw badInput(`Unknown species "${speciesName.slice(0, 80)}"`, 'species');
    const empty = { species, animalCount: 0, meanInbreedingCoefficient: null, shareInbreedingAtLeast0625: null, shareInbreedingAtLeast125: null, meanPedigreeCompleteness5: null };
    if (!this.scope) return empty;
    const row = await this.db.run(this.scope, (tx) => store.findPopulationStats(tx, this.scope!.tenantId, species.id));
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
    const [first, second] = await this.ancestry.loadMany([a, b]);
    if (first instanceof Error) throw first;
    if (second instanceof Error) throw second;
    if (first === second) return first;
    this.ancestry.clear(a).clear(b);
    const [shared] = await this.ancestry.loadMany([a, b]);
    if (shared instanceof Error) throw shared;
    return shared;
  }

  /** Each pair walks and computes over whole lineages: a request may ask for only so many. */
  private countPair(): void {
    if (++this.pairsAsked > MAX_PAIRS_PER_REQUEST) throw badInput(`At most ${MAX_PAIRS_PER_REQUEST} kinship or pairing preview fields per request`);
  }

  private async visible(id: string, field: string): Promise<AnimalRow> {
    const row = await this.loaders.animalById.load(validId(id, field));
    if (!row) throw notFound('Animal');
    return row;
  }
}
