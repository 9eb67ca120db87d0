import { createRequire } from 'node:module';

/**
 * graphql's CommonJS build. @apollo/gateway is CommonJS, so the API schema it builds belongs to
 * that build, and graphql-js refuses to validate a schema with functions of its other (ESM)
 * build. Documents and errors are plain data and cross between the two freely.
 */
export const graphqlCjs = createRequire(import.meta.url)('graphql') as typeof import('graphql');
