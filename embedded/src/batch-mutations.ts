import { graphqlData } from './graphql-client.js';

/**
 * Runs one mutation field for many inputs in a single request (aliased fields execute in order)
 * and returns the created ids in input order. Used by demo data, benchmarks and tests.
 */
export async function batchMutation(url: string, token: string, field: string, inputType: string, inputs: Record<string, unknown>[]): Promise<string[]> {
  if (inputs.length === 0) return [];
  const fields = inputs.map((_, i) => `r${i}: ${field}(input: $i${i}) { id }`).join('\n');
  const params = inputs.map((_, i) => `$i${i}: ${inputType}!`).join(', ');
  const variables = Object.fromEntries(inputs.map((input, i) => [`i${i}`, input]));
  const data = await graphqlData<Record<string, { id: string }>>(url, `mutation(${params}) { ${fields} }`, variables, token);
  return inputs.map((_, i) => data[`r${i}`].id);
}
