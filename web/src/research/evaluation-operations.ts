import { graphql } from '../__generated__';

export const TRAITS = graphql(`query WebTraits($species: String!) { traits(species: $species) { id name canonicalUnit acceptedUnits } }`);

export const EVALUATION_RUNS = graphql(`
  query WebEvaluationRuns($scope: EvaluationScopeInput) {
    evaluationRuns(scope: $scope) { id species status progress createdAt finishedAt trait { id name } }
  }
`);

export const EVALUATION_RUN = graphql(`
  query WebEvaluationRun($id: ID!) {
    evaluationRun(id: $id) {
      id species status progress iterations converged animals records fixedEffects heritability varianceComponents { additive residual } accuracyMethod error createdAt startedAt finishedAt
      trait { id name canonicalUnit }
    }
  }
`);

export const RUN_GENETIC_EVALUATION = graphql(`
  mutation WebRunGeneticEvaluation($input: RunGeneticEvaluationInput!) { runGeneticEvaluation(input: $input) { id status progress } }
`);

export const CANCEL_EVALUATION = graphql(`mutation WebCancelEvaluation($id: ID!) { cancelEvaluation(id: $id) { id status progress error } }`);

export const EVALUATED_ANIMALS = graphql(`
  query WebEvaluatedAnimals($first: Int!, $filter: AnimalFilter, $scope: EvaluationScopeInput) {
    animals(first: $first, filter: $filter) {
      edges { node { id name sex hatchDate breedingValues(scope: $scope) { ebv accuracy trait { id } run { id } } } }
    }
  }
`);

export const GENETIC_TREND = graphql(
  `query WebGeneticTrend($species: String!, $trait: String!, $scope: EvaluationScopeInput) {
    geneticTrend(species: $species, trait: $trait, scope: $scope) { year meanEbv animals }
  }`,
);

export const EXPORT_EVALUATION_DATASET = graphql(`
  query WebExportEvaluationDataset($species: String!, $trait: String!, $scope: EvaluationScopeInput) {
    exportEvaluationDataset(species: $species, trait: $trait, scope: $scope) { animals records files { name description content } }
  }
`);

export const IMPORT_BREEDING_VALUES = graphql(`
  mutation WebImportBreedingValues($species: String!, $csv: String!, $scope: EvaluationScopeInput) {
    importBreedingValues(species: $species, csv: $csv, scope: $scope) { imported errors { line message } run { id status } }
  }
`);

export const ANIMAL_BREEDING_VALUES = graphql(`
  query WebAnimalBreedingValues($id: ID!) { animal(id: $id) { id breedingValues { ebv accuracy trait { id name canonicalUnit } run { id source finishedAt } } } }
`);

export const EVALUATION_PROJECTS = graphql(`
  query WebEvaluationProjects { researchProjects(first: 100) { edges { node { id title myRole } } } }
`);
