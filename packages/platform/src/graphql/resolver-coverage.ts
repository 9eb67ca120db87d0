import { specifiedScalarTypes, type GraphQLNamedType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import type { ModuleResolvers } from './combine-resolvers.js';

/** Resolver keys that are not schema fields but Apollo Federation or graphql-js hooks. */
const HOOKS = new Set(['__resolveReference', '__resolveType', '__isTypeOf']);
const ROOT_TYPES = ['Query', 'Mutation', 'Subscription'];
const FEDERATION_FIELDS = new Set(['_entities', '_service']);
// By class name, not instanceof: @apollo/subgraph builds schemas with graphql's CommonJS copy, this file runs on its ESM one.
const isObjectType = (type: GraphQLNamedType | undefined | null): type is GraphQLObjectType => type?.constructor.name === 'GraphQLObjectType';
const isScalarType = (type: GraphQLNamedType | undefined | null) => type?.constructor.name === 'GraphQLScalarType';
/** Scalars Apollo Federation declares or adds (`_Any`, `federation__FieldSet`, `link__Import`, ...); the subgraph library implements them. */
export const isFederationScalar = (name: string) => /^(?:_|federation__|link__)|^FieldSet$/.test(name);

/**
 * What is wrong between a subgraph's schema and its modules' resolvers, one sentence each:
 * a root field nobody resolves (it would answer null), a resolver for a type or field the schema
 * lacks (a typo, or SDL removed and code left behind), a field resolved by two modules, and a
 * custom scalar without an implementation.
 */
export function resolverProblems(schema: GraphQLSchema, modules: Record<string, ModuleResolvers>, scalars: Record<string, object>): string[] {
  const problems: string[] = [];
  const resolvedBy = new Map<string, string[]>();
  for (const [moduleName, types] of Object.entries(modules)) {
    for (const [typeName, fields] of Object.entries(types)) {
      const type = schema.getType(typeName);
      if (!isObjectType(type)) {
        problems.push(`${moduleName}: ${typeName} is not an object type of the schema`);
        continue;
      }
      for (const fieldName of Object.keys(fields)) {
        if (HOOKS.has(fieldName)) continue;
        if (!type.getFields()[fieldName]) problems.push(`${moduleName}: ${typeName}.${fieldName} is not in the schema`);
        const coordinate = `${typeName}.${fieldName}`;
        resolvedBy.set(coordinate, [...(resolvedBy.get(coordinate) ?? []), moduleName]);
      }
    }
  }
  for (const [coordinate, owners] of resolvedBy) {
    if (owners.length > 1) problems.push(`${coordinate} is resolved by ${owners.length} modules: ${owners.join(', ')}`);
  }
  for (const rootName of ROOT_TYPES) {
    const root = schema.getType(rootName);
    if (!isObjectType(root)) continue;
    for (const fieldName of Object.keys(root.getFields())) {
      if (FEDERATION_FIELDS.has(fieldName)) continue;
      if (!resolvedBy.has(`${rootName}.${fieldName}`)) problems.push(`${rootName}.${fieldName} has no resolver`);
    }
  }
  const builtIn = new Set(specifiedScalarTypes.map((scalar) => scalar.name));
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isScalarType(type) || builtIn.has(type.name) || isFederationScalar(type.name)) continue;
    if (typeof (scalars[type.name] as { serialize?: unknown } | undefined)?.serialize !== 'function') problems.push(`scalar ${type.name} has no implementation`);
  }
  for (const scalarName of Object.keys(scalars)) {
    if (!isScalarType(schema.getType(scalarName))) problems.push(`${scalarName} is implemented but not a scalar of the schema`);
  }
  return problems;
}
