import { AnimalDirectory } from '@studbook/contracts/animal-directory';
import { tenantScopeOf, type Identity, type Metrics, type TenantDb } from '@studbook/platform';
import { EvaluationExchangeService } from './modules/evaluation/evaluation-exchange-service.js';
import { createEvaluationLoaders } from './modules/evaluation/evaluation-loaders.js';
import type { EvaluationRunner } from './modules/evaluation/evaluation-runner.js';
import { EvaluationService } from './modules/evaluation/evaluation-service.js';
import { createFarmLoaders } from './modules/farm/farm-loaders.js';
import { FarmService } from './modules/farm/farm-service.js';
import { createMeasurementLoaders } from './modules/measurement/measurement-loaders.js';
import { MeasurementImportService } from './modules/measurement/measurement-import-service.js';
import { MeasurementService } from './modules/measurement/measurement-service.js';
import { createProjectLoaders } from './modules/project/project-loaders.js';
import { ProjectService } from './modules/project/project-service.js';
import { TraitService } from './modules/trait/trait-service.js';

/** What every research resolver receives; built fresh per request. */
export interface SubgraphContext {
  identity: Identity;
  measurements: MeasurementService;
  measurementImport: MeasurementImportService;
  traits: TraitService;
  farms: FarmService;
  /** Research projects and their data-sharing grants. */
  projects: ProjectService;
  evaluations: EvaluationService;
  evaluationExchange: EvaluationExchangeService;
}

/** What the per-request services are built from: the subgraph's long-lived parts. */
export interface ContextDeps {
  db: TenantDb;
  /** The animal subgraph's GraphQL endpoint, asked as the caller. */
  animalSubgraphUrl: string;
  metrics: Metrics;
  /** The process's background evaluations. */
  evaluations: EvaluationRunner;
}

/** The one place a request's loaders and services are made. */
export function createContext(deps: ContextDeps, identity: Identity, request: { identityToken: string }): SubgraphContext {
  const scope = tenantScopeOf(identity);
  // The caller's own token, forwarded: this subgraph cannot sign one and must not see more than they do.
  const animals = new AnimalDirectory(deps.animalSubgraphUrl, request.identityToken);
  const loaders = createMeasurementLoaders({ db: deps.db, scope, animals });
  const farms = new FarmService({ db: deps.db, identity, scope, loaders: createFarmLoaders({ db: deps.db, scope }), animalById: loaders.animalById });
  const measurements = new MeasurementService({ db: deps.db, identity, loaders, isOwnGroup: (groupId) => farms.isOwnGroup(groupId) });
  const measurementImport = new MeasurementImportService({ db: deps.db, identity, animals, ownGroups: (groupIds) => farms.ownGroups(groupIds), metrics: deps.metrics });
  const projects = new ProjectService({ db: deps.db, identity, scope, loaders: createProjectLoaders({ db: deps.db, scope }), animals, farms });
  const evaluations = new EvaluationService({
    db: deps.db,
    identity,
    scope,
    loaders: createEvaluationLoaders({ db: deps.db, scope, animalById: loaders.animalById }),
    runner: deps.evaluations,
    identityToken: request.identityToken,
  });
  const evaluationExchange = new EvaluationExchangeService({ db: deps.db, scope, animalSubgraphUrl: deps.animalSubgraphUrl, identityToken: request.identityToken });
  return { identity, measurements, measurementImport, traits: new TraitService(), farms, projects, evaluations, evaluationExchange };
}
