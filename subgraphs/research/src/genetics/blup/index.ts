// The BLUP engine's API: what a service of the research subgraph imports. See README.md for the method.
export type {
  AccuracyMethod,
  AnimalModelInput,
  AnimalModelResult,
  FixedFactor,
  FixedSolutions,
  Pedigree,
  Records,
  SolverOptions,
  SolverProgress,
  VarianceModel,
} from './animal-model.js';
export { varianceRatio } from './animal-model-input.js';
export { BlupInputError } from './blup-input-error.js';
export { DEFAULT_MAX_ITERATIONS, DEFAULT_TOLERANCE } from './conjugate-gradient.js';
export { evaluateAnimalModel } from './evaluate-animal-model.js';
export { EXACT_ACCURACY_MAX_EQUATIONS } from './exact-accuracy.js';
export { inbreedingCoefficients } from './inbreeding.js';
export { runEvaluationInWorker, type WorkerRunOptions } from './run-in-worker.js';
export { DEFAULT_POPULATION_DESIGN, type PopulationDesign, type SimulatedPopulation, simulatePopulation } from './simulated-population.js';
