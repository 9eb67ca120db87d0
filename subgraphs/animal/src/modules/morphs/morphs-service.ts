import {
  appendEvent,
  badInput,
  ErrorCode,
  forbidden,
  notFound,
  requireWriter,
  userError,
  validId,
  type Identity,
  type TenantDb,
  type TenantScope,
} from '@studbook/platform';
import { animalGenotypeSet } from '@studbook/contracts/events';
import type { AnimalRow } from '../animal/animal-row.js';
import type { AnimalService } from '../animal/animal-service.js';
import type { SpeciesCatalog, SpeciesRow } from '../animal/species-catalog.js';
import type { GeneCatalog, GeneRow, SpeciesGenes } from './gene-catalog.js';
import { formatGenotype, genotypeView, hetView } from './genotype-format.js';
import { parseGenotype } from './genotype-parser.js';
import { saveGenotype } from './genotype-store.js';
import { fromStored, NORMAL, toStored, type Genotype } from './genotype.js';
import type { MorphsLoaders } from './morphs-loaders.js';
import { predictOffspring } from './offspring-calculator.js';

export interface GenotypeInput {
  animalId?: string | null;
  genotype?: string | null;
}

type Role = 'sire' | 'dam';
const ROLE = {
  sire: { label: 'Sire', oppositeSex: 'FEMALE' },
  dam: { label: 'Dam', oppositeSex: 'MALE' },
} as const;

/** A parent of a prediction, as given: an animal the caller may see, or written genotype text. */
type Parent = { role: Role; animal: AnimalRow } | { role: Role; text: string };

export interface MorphsServiceDeps {
  db: TenantDb;
  identity: Identity;
  scope: TenantScope | null;
  loaders: MorphsLoaders;
  animals: AnimalService;
  species: SpeciesCatalog;
  genes: GeneCatalog;
  /** Runs after a genotype is recorded: the breeding statistics are labelled with genotypes. */
  genotypeRecorded?: () => Promise<void>;
}

/** Morph genetics for one request and one caller: recorded genotypes and offspring predictions. */
export class MorphsService {
  constructor(private readonly deps: MorphsServiceDeps) {}

  genesOf(species: SpeciesRow): GeneRow[] {
    return [...this.deps.genes.forSpecies(species).genes];
  }

  /** The recorded genotype of an animal the caller sees; null when none is recorded or it is another organisation's private one. */
  async genotypeOf(animal: AnimalRow) {
    const genotype = await this.recordedGenotype(animal);
    return genotype ? genotypeView(genotype) : null;
  }

  parse(text: string, speciesName: string) {
    return genotypeView(parseGenotype(text, this.genesNamed(speciesName), 'genotype'));
  }

  async setGenotype(animalId: string, text: string): Promise<AnimalRow> {
    const caller = requireWriter(this.deps.identity);
    const animal = await this.deps.animals.byId(animalId);
    if (!animal) throw notFound('Animal');
    if (animal.tenantId !== this.deps.scope?.tenantId) throw forbidden('Only the owning organisation can change an animal');
    const genotype = parseGenotype(text, this.genesFor(animal), 'genotype');
    const notation = formatGenotype(genotype);
    const genes = toStored(genotype);
    const row = await this.deps.db.run({ tenantId: this.deps.scope.tenantId, userId: caller.userId }, async (tx) => {
      const saved = await saveGenotype(tx, animal.id, notation, genes);
      if (!saved) throw notFound('Animal');
      await appendEvent(tx, animalGenotypeSet, { aggregateId: animal.id, payload: { id: animal.id, notation, genes } });
      return saved;
    });
    this.deps.loaders.genotypeByAnimalId.clear(animal.id).prime(animal.id, row);
    await this.deps.genotypeRecorded?.();
    return animal;
  }

  async predict(sireInput: GenotypeInput, damInput: GenotypeInput, speciesName: string) {
    const [sire, dam] = await Promise.all([this.parent('sire', sireInput), this.parent('dam', damInput)]);
    const species = this.pairingSpecies(sire, dam, speciesName);
    const genes = this.deps.genes.forSpecies(species);
    const [sireGenotype, damGenotype] = await Promise.all([this.genotypeOfParent(sire, genes), this.genotypeOfParent(dam, genes)]);
    const prediction = predictOffspring(sireGenotype, damGenotype);
    return {
      species,
      sire: genotypeView(sireGenotype),
      dam: genotypeView(damGenotype),
      outcomes: prediction.outcomes.map(({ name, phenotype, probability, hets, genotypes }) => ({
        name,
        phenotype,
        probability: probability.toNumber(),
        fraction: probability.toString(),
        hets: hets.filter((het) => het.probability.isOne()).map(hetView),
        possibleHets: hets.filter((het) => !het.probability.isOne()).map(hetView),
        genotypes: genotypes.map((entry) => ({
          genotype: genotypeView(entry.genotype),
          probability: entry.probability.toNumber(),
          fraction: entry.probability.toString(),
        })),
      })),
      lethalForms: prediction.lethalForms,
      lethalProbability: prediction.lethalProbability.toNumber(),
      lethalFraction: prediction.lethalProbability.toString(),
    };
  }

  private async parent(role: Role, input: GenotypeInput): Promise<Parent> {
    const hasAnimal = input.animalId != null;
    if (hasAnimal === (input.genotype != null)) throw badInput('Give exactly one of animalId and genotype', role);
    if (!hasAnimal) return { role, text: input.genotype! };
    const { label, oppositeSex } = ROLE[role];
    const animal = await this.deps.animals.byId(validId(input.animalId!, `${role}.animalId`));
    if (!animal) throw userError(ErrorCode.NotFound, `${label} not found`, { field: `${role}.animalId` });
    if (animal.sex === oppositeSex) throw badInput(`${label} must not be ${oppositeSex.toLowerCase()}`, `${role}.animalId`);
    return { role, animal };
  }

  /** Animals bring their species; written genotypes are read as the species asked for. */
  private pairingSpecies(sire: Parent, dam: Parent, speciesName: string): SpeciesRow {
    const animals = [sire, dam].flatMap((parent) => ('animal' in parent ? [parent.animal] : []));
    if (animals.length === 2 && animals[0].speciesId !== animals[1].speciesId) throw badInput('Sire and dam must be of the same species', 'dam.animalId');
    return animals.length > 0 ? this.deps.species.byId(animals[0].speciesId)! : this.speciesNamed(speciesName);
  }

  private async genotypeOfParent(parent: Parent, genes: SpeciesGenes): Promise<Genotype> {
    if ('text' in parent) return parseGenotype(parent.text, genes, `${parent.role}.genotype`);
    return (await this.recordedGenotype(parent.animal)) ?? NORMAL;
  }

  private async recordedGenotype(animal: AnimalRow): Promise<Genotype | null> {
    const row = await this.deps.loaders.genotypeByAnimalId.load(animal.id);
    return row ? fromStored(row.genes, this.genesFor(animal)) : null;
  }

  private genesFor(animal: AnimalRow): SpeciesGenes {
    return this.deps.genes.forSpecies(this.deps.species.byId(animal.speciesId)!);
  }

  private genesNamed(name: string): SpeciesGenes {
    return this.deps.genes.forSpecies(this.speciesNamed(name));
  }

  private speciesNamed(name: string): SpeciesRow {
    const species = this.deps.species.byName(name);
    if (!species) throw badInput(`Unknown species "${name.slice(0, 80)}"`, 'species');
    return species;
  }
}
