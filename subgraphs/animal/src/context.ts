import { tenantScopeOf, type Identity, type Metrics, type ObjectStore, type TenantDb } from '@studbook/platform';
import { CertificateService } from './modules/certificate/certificate-service.js';
import { certificateFacts } from './modules/certificate/certificate-facts.js';
import { createAnimalLoaders } from './modules/animal/animal-loaders.js';
import { AnimalService } from './modules/animal/animal-service.js';
import type { SpeciesCatalog } from './modules/animal/species-catalog.js';
import { createBreedingLoaders } from './modules/breeding/breeding-loaders.js';
import { BreedingService } from './modules/breeding/breeding-service.js';
import type { BreedingStatsRefresher } from './modules/breeding/stats-refresher.js';
import { HerdbookService } from './modules/herdbook/herdbook-service.js';
import { createInbreedingLoaders } from './modules/inbreeding/inbreeding-loaders.js';
import { InbreedingService } from './modules/inbreeding/inbreeding-service.js';
import type { MediaSettings } from './modules/media/media-config.js';
import { createMediaLoaders } from './modules/media/media-loaders.js';
import type { MediaRenderer } from './modules/media/media-renderer.js';
import { MediaService } from './modules/media/media-service.js';
import type { LineageEngine } from './modules/lineage/lineage-engine.js';
import { createLineageLoaders } from './modules/lineage/lineage-loaders.js';
import { LineageService } from './modules/lineage/lineage-service.js';
import type { GeneCatalog } from './modules/morphs/gene-catalog.js';
import { createMorphsLoaders } from './modules/morphs/morphs-loaders.js';
import { MorphsService } from './modules/morphs/morphs-service.js';
import { createOwnershipLoaders } from './modules/ownership/ownership-loaders.js';
import { OwnershipService } from './modules/ownership/ownership-service.js';
import type { PedigreeCache } from './modules/pedigree/pedigree-cache.js';
import { createPedigreeLoaders } from './modules/pedigree/pedigree-loaders.js';
import { PedigreeService } from './modules/pedigree/pedigree-service.js';

/** What every animal resolver receives; built fresh per request. */
export interface SubgraphContext {
  identity: Identity;
  animals: AnimalService;
  herdbook: HerdbookService;
  breeding: BreedingService;
  species: SpeciesCatalog;
  /** setParents, offspring, descendants. */
  lineages: LineageService;
  pedigrees: PedigreeService;
  inbreeding: InbreedingService;
  /** Genotypes and offspring predictions. */
  morphs: MorphsService;
  /** Ownership histories and transfers. */
  ownership: OwnershipService;
  /** Photos and documents of animals. */
  media: MediaService;
  /** Pedigree certificates and their verification. */
  certificates: CertificateService;
}

/** What the per-request services are built from: made once at start (server.ts), shared by every request. */
export interface ContextDeps {
  db: TenantDb;
  metrics: Metrics;
  species: SpeciesCatalog;
  genes: GeneCatalog;
  /** Inbreeding upkeep and pedigree cache invalidation across instances. */
  lineage: LineageEngine;
  pedigreeCache: PedigreeCache;
  breedingStats: BreedingStatsRefresher;
  /** The media bucket, the background renderer of photos and the media limits. */
  objects: ObjectStore;
  mediaRenderer: MediaRenderer;
  mediaSettings: MediaSettings;
  /** An organisation's name, asked of the user subgraph with the caller's token; null where it cannot be asked. */
  organizationName: (callerIdentityToken: string, organizationId: string) => Promise<string | null>;
}

/** The services of one request, for one caller; every module's DataLoaders are made here, fresh, and handed in. */
export function createContext(deps: ContextDeps, identity: Identity, request?: { identityToken: string }): SubgraphContext {
  const { db, species, lineage, breedingStats } = deps;
  const caller = { db, identity, scope: tenantScopeOf(identity) };
  const animalLoaders = createAnimalLoaders(caller);
  const refreshBreedingStats = () => breedingStats.refresh();
  const animals = new AnimalService({ ...caller, loaders: animalLoaders, species, lineage, visibilityWritten: refreshBreedingStats });
  const context = {
    identity,
    species,
    animals,
    lineages: new LineageService({ ...caller, animals, animalLoaders, loaders: createLineageLoaders({ ...caller, animalLoaders }) }),
    pedigrees: new PedigreeService({ animalLoaders, loaders: createPedigreeLoaders({ ...caller, cache: deps.pedigreeCache }) }),
    inbreeding: new InbreedingService({ ...caller, species, animalLoaders, loaders: createInbreedingLoaders({ ...caller, lineage }) }),
    herdbook: new HerdbookService({ ...caller, animalLoaders, species, lineage, metrics: deps.metrics }),
    breeding: new BreedingService({ ...caller, loaders: createBreedingLoaders(caller), species, lineage, stats: breedingStats }),
    morphs: new MorphsService({
      ...caller,
      loaders: createMorphsLoaders(caller),
      animals,
      species,
      genes: deps.genes,
      genotypeRecorded: refreshBreedingStats,
    }),
    ownership: new OwnershipService({ ...caller, loaders: createOwnershipLoaders(caller) }),
    media: new MediaService({
      ...caller,
      loaders: createMediaLoaders(caller),
      animals,
      objects: deps.objects,
      renderer: deps.mediaRenderer,
      settings: deps.mediaSettings,
    }),
  };
  const certificates = new CertificateService({
    db,
    identity,
    animals,
    objects: deps.objects,
    factsOf: (animal, generations) => certificateFacts(context, animal, generations),
    factsAsIssuer: (tenantId) => async (animalId, generations) => {
      // The issuer's view today, read-only: what it would print now, redacted as it was then.
      const issuer = createContext(deps, { kind: 'user', userId: CERTIFICATE_VERIFIER, organizationId: tenantId, role: 'VIEWER' });
      const animal = await issuer.animals.byId(animalId);
      return animal ? certificateFacts(issuer, animal, generations) : null;
    },
    // As the caller, with their own token: never more than they may read. A verification needs none (the name is stored).
    organizationName: async (organizationId) => (request ? deps.organizationName(request.identityToken, organizationId) : null),
    verificationBaseUrl: deps.mediaSettings.verificationBaseUrl,
    downloadUrlSeconds: deps.mediaSettings.downloadUrlSeconds,
  });
  return { ...context, certificates };
}

/** The user a verification reads as (it writes nothing, so no audit row names it). */
const CERTIFICATE_VERIFIER = '00000000-0000-0000-0000-00000000ce47';
