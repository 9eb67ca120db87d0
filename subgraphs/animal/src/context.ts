import type { Identity } from '@studbook/platform';
import type { AnimalService } from './modules/animal/animal-service.js';
import type { BreedingService } from './modules/breeding/breeding-service.js';
import type { HerdbookService } from './modules/herdbook/herdbook-service.js';
import type { InbreedingService } from './modules/inbreeding/inbreeding-service.js';
import type { LineageEngine } from './modules/lineage/lineage-engine.js';
import type { LineageService } from './modules/lineage/lineage-service.js';
import type { MorphService } from './modules/morphs/morph-service.js';
import type { PedigreeService } from './modules/pedigree/pedigree-service.js';
import type { SpeciesCatalog } from './modules/species/species-store.js';

/** What every animal resolver receives; built fresh per request. */
export interface SubgraphContext {
  identity: Identity;
  animals: AnimalService;
  herdbook: HerdbookService;
  breeding: BreedingService;
  species: SpeciesCatalog;
  /** Shared by every request: inbreeding upkeep and pedigree cache invalidation across instances. */
  lineage: LineageEngine;
  /** setParents, offspring, descendants. */
  lineages: LineageService;
  pedigrees: PedigreeService;
  inbreeding: InbreedingService;
  /** Genotypes and offspring predictions. */
  morphs: MorphService;
}
