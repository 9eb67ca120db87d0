import { readdirSync } from 'node:fs';
import path from 'node:path';
import graphql from '@graphql-eslint/eslint-plugin';

// ESLint checks only the SDL; Biome lints the TypeScript. Each schema/<subgraph>/ folder is one
// Federation 2 subgraph, which graphql-eslint builds with @apollo/subgraph, so @key and friends are known.
// graphql-config matches a file to its project by a path relative to the working directory: run from the root.
const subgraphs = readdirSync(path.join(import.meta.dirname, 'schema'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const projects = Object.fromEntries(subgraphs.map((name) => [name, { schema: `schema/${name}/*.graphql` }]));

export default [
  {
    files: ['schema/*/*.graphql'],
    languageOptions: { parser: graphql.parser, parserOptions: { graphQLConfig: { projects } } },
    plugins: { '@graphql-eslint': graphql },
    rules: {
      ...graphql.configs['flat/schema-recommended'].rules,
      // A subgraph is a fragment: its types are reached through other subgraphs' fields.
      '@graphql-eslint/no-unreachable-types': 'off',
      // Connections, edges, payloads and value types carry no id; only entities do (@key).
      '@graphql-eslint/strict-id-in-types': 'off',
      // One line is "inline", several are """block""": the rule allows only one of the two.
      '@graphql-eslint/description-style': 'off',
      // Every root field and named scalar, interface, union and directive says what it is for. The rule's own
      // `rootField` option matches nothing once a schema has two root types (it joins their names with a comma).
      '@graphql-eslint/require-description': [
        'error',
        {
          FieldDefinition: true,
          ignoredSelectors: ['[parent.name.value!=/^(Query|Mutation|Subscription)$/]'],
          ScalarTypeDefinition: true,
          InterfaceTypeDefinition: true,
          UnionTypeDefinition: true,
          DirectiveDefinition: true,
        },
      ],
      '@graphql-eslint/relay-connection-types': 'error',
      '@graphql-eslint/require-nullable-fields-with-oneof': 'error',
    },
  },
];
