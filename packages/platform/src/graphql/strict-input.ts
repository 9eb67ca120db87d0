import { createRequire } from 'node:module';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type {
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLArgument,
  GraphQLCompositeType,
  GraphQLInputType,
  GraphQLScalarType,
  GraphQLSchema,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';
import { ErrorCode } from '../errors.js';

/**
 * graphql's CommonJS build: @apollo/subgraph and @apollo/gateway are CommonJS, so the schemas they
 * build belong to it, and graphql-js refuses a schema of its other (ESM) build, which test
 * runners may load beside it.
 */
const {
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  GraphQLError,
  isCompositeType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  isScalarType,
  Kind,
} = createRequire(import.meta.url)('graphql') as typeof import('graphql');

/**
 * Tab, line feed and carriage return are legitimate in notes and CSV; every other C0 control,
 * DEL and C1 control is refused, and so is half of a surrogate pair (with the `u` flag `\p{Cs}`
 * matches only unpaired ones), which PostgreSQL and DynamoDB would silently turn into U+FFFD.
 */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\p{Cs}/u;

export const ALLOWED_TEXT =
  'text may contain tab, line feed and carriage return but no other control character (U+0000 to U+001F, U+007F to U+009F) and no unpaired surrogate';

/** Where the first forbidden character of `text` is, or null when the text is acceptable. */
export function forbiddenCharacter(text: string): { index: number; codePoint: string } | null {
  const match = FORBIDDEN.exec(text);
  if (!match) return null;
  return { index: match.index, codePoint: `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` };
}

/** Refuses `text` with BAD_USER_INPUT naming `field` if it holds a forbidden character. */
export function assertPlainText(text: string, field: string): void {
  const found = forbiddenCharacter(text);
  if (found) {
    throw new GraphQLError(`${field} contains ${found.codePoint} at character ${found.index}; ${ALLOWED_TEXT}`, {
      extensions: { code: ErrorCode.BadUserInput, field },
    });
  }
}

/**
 * Scalars whose values to parse with these definitions, by name. The gateway's supergraph knows
 * custom scalars only by name and passes any value on; given the subgraphs' definitions, it can
 * refuse an impossible DateTime with its field before any subgraph is asked.
 */
export type ScalarChecks = ReadonlyMap<string, GraphQLScalarType>;

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  seenFragments: Set<string>;
  scalars: ScalarChecks;
}

/**
 * Checks every string argument the operation passes, literal or variable, in nested input
 * objects and lists, after graphql-js's own coercion with the schema's types, so what is
 * checked is exactly what resolvers will receive. Throws the first offence as BAD_USER_INPUT
 * whose `field` is the argument path (`filter.nameContains`, `externalIds[2]`).
 * Returns without checking when the variables do not coerce: execution reports that itself.
 */
export function assertStrictInput(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
  scalars: ScalarChecks = new Map(),
): void {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 1 });
  if (coerced.errors) return;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const root = schema.getRootType(operation.operation);
  if (root) walkSelections({ schema, fragments, variables: coerced.coerced, seenFragments: new Set(), scalars }, root, operation.selectionSet);
}

function walkSelections(walk: Walk, parent: GraphQLCompositeType, selectionSet: SelectionSetNode): void {
  const { schema, fragments, seenFragments } = walk;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      // Meta fields (__typename, __type) read the schema, never a store.
      if (selection.name.value.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) continue;
      const field = parent.getFields()[selection.name.value];
      if (!field) continue;
      checkArguments(walk, field.args, () => getArgumentValues(field, selection, walk.variables));
      const type = getNamedType(field.type);
      if (selection.selectionSet && isCompositeType(type)) walkSelections(walk, type, selection.selectionSet);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
      if (type && isCompositeType(type)) walkSelections(walk, type, selection.selectionSet);
    } else {
      // A fragment's arguments do not depend on where it is spread, so once is enough.
      const fragment = fragments.get(selection.name.value);
      if (!fragment || seenFragments.has(fragment.name.value)) continue;
      seenFragments.add(fragment.name.value);
      const type = schema.getType(fragment.typeCondition.name.value);
      if (type && isCompositeType(type)) walkSelections(walk, type, fragment.selectionSet);
    }
  }
}

function checkArguments(walk: Walk, args: readonly GraphQLArgument[], values: () => Record<string, unknown>): void {
  if (args.length === 0) return;
  let coerced: Record<string, unknown>;
  try {
    coerced = values();
  } catch {
    return; // execution reports arguments that do not coerce, with graphql-js's own message
  }
  for (const arg of args) checkValue(walk, arg.type, coerced[arg.name], arg.name);
}

function checkValue(walk: Walk, type: GraphQLInputType, value: unknown, path: string): void {
  if (value === null || value === undefined) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (Array.isArray(value)) for (const [index, item] of value.entries()) checkValue(walk, nullable.ofType, item, `${path}[${index}]`);
  } else if (isInputObjectType(nullable)) {
    const object = value as Record<string, unknown>;
    for (const field of Object.values(nullable.getFields())) checkValue(walk, field.type, object[field.name], `${path}.${field.name}`);
  } else if (isScalarType(nullable) && walk.scalars.has(nullable.name)) {
    checkScalar(walk.scalars.get(nullable.name)!, value, path);
  } else if (typeof value === 'string') {
    // String, ID and any custom scalar that hands resolvers a string; enums are names from the schema.
    assertPlainText(value, path);
  }
}

function checkScalar(scalar: GraphQLScalarType, value: unknown, path: string): void {
  if (typeof value === 'string') assertPlainText(value, path);
  try {
    scalar.parseValue(value);
  } catch (error) {
    throw new GraphQLError((error as Error).message, { extensions: { code: ErrorCode.BadUserInput, field: path } });
  }
}

/**
 * Apollo Server plugin that applies assertStrictInput to every operation before it executes.
 * `httpStatus` is what the refusal answers with: 400 for clients of the gateway; a subgraph
 * answers 200 so that the gateway relays the error with its `field` as it does for resolver errors.
 * `scalars`: custom scalars to parse with these definitions where the schema only names them (ScalarChecks).
 */
export function strictInputPlugin<TContext extends BaseContext>(
  options: { httpStatus?: number; scalars?: readonly GraphQLScalarType[] } = {},
): ApolloServerPlugin<TContext> {
  const scalars: ScalarChecks = new Map((options.scalars ?? []).map((scalar) => [scalar.name, scalar]));
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return; // no operation to run: Apollo (or the gateway's operationResolution) says so
          try {
            assertStrictInput(schema, document, operation, request.variables ?? {}, scalars);
          } catch (error) {
            if (error instanceof GraphQLError && options.httpStatus) {
              throw new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: options.httpStatus } } });
            }
            throw error;
          }
        },
      };
    },
  };
}
