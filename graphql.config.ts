import type { IGraphQLConfig } from 'graphql-config';

/**
 * How operations are found in tests/: only `graphql(...)` calls, kept verbatim (skipIndent) because
 * the generated `graphql()` overloads are keyed by each operation's exact text. A `/* GraphQL *\/`
 * string there is not one: it is sent to a subgraph's own schema or is invalid on purpose.
 */
export const testOperationsPluckConfig = {
  skipIndent: true,
  globalGqlIdentifierName: 'graphql',
  isGqlTemplateLiteral: () => false,
};

/**
 * The test operations and the schema they are checked against, for editors and @graphql-eslint;
 * codegen.ts generates their types from the same schema's API view.
 */
const config: IGraphQLConfig = {
  schema: 'schema/supergraph.graphql',
  documents: ['tests/**/*.ts', '!tests/__generated__/**'],
  extensions: { pluckConfig: testOperationsPluckConfig },
};

export default config;
