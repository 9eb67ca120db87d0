import { graphql } from '../__generated__';

export const IMPORT_MEASUREMENTS = graphql(`mutation WebImportMeasurements($csv: String!) { importMeasurements(csv: $csv) { imported errors { line message } } }`);

export const ANIMAL_MEASUREMENTS = graphql(`
  query WebAnimalMeasurements($id: ID!) {
    animal(id: $id) { id species { id } measurements { id trait value unit measuredAt catalogTrait { id name } } }
  }
`);

export const GROUP_MONTHLY_MEANS = graphql(`
  query WebGroupMonthlyMeans($farmId: ID!, $trait: String!, $from: DateTime!, $to: DateTime!) {
    farm(id: $farmId) { id groups { id name monthlyMeans(trait: $trait, from: $from, to: $to) { month mean count unit } } }
  }
`);
