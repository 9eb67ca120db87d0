import {
  GraphQLError,
  Kind,
  print,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
  type VariableDefinitionNode,
} from 'graphql';
import { assertStrictInput, badInput, DateScalar, DateTimeScalar, ErrorCode } from '@studbook/platform';
import { graphqlCjs } from './graphql-cjs.js';
import type { SubscriptionField } from './subscription-field.js';
import type { SubscriptionRegistry } from './subscription-registry.js';

const { getArgumentValues, getOperationAST, getVariableValues, parseType, specifiedRules, validate } = graphqlCjs;

const STRICT_SCALARS = new Map([DateScalar, DateTimeScalar].map((scalar) => [scalar.name, scalar]));

// Names the gateway adds to a subscriber's selection; a client's own fields keep theirs.
const EVENT_ID_VARIABLE = 'studbookEventId_';
const CURSOR_ALIAS = 'studbookCursor_';
const EVENT_ALIAS = 'studbookEvent_';

/** A validated subscription of a registered field, turned into the query each event is read with. */
export interface PreparedSubscription {
  field: SubscriptionField;
  /** The aggregate whose events the subscriber follows (a breeding session). */
  aggregateId: string;
  after: string | null;
  /** The key the client expects the event under (its alias, if any). */
  responseKey: string;
  /** `query($studbookEventId_: ID!, …) { studbookEvent_: <read field>(<id>: …) { studbookCursor_: <cursor> <selection> } }` */
  eventQuery: string;
  /** The client's variables that the selection uses. */
  eventVariables: Record<string, unknown>;
  /** Subscribers with equal keys (and the same session and organisation) can share one read per event. */
  selectionKey: string;
}

/**
 * Validates a subscription document against the API schema with the same rules as queries
 * (depth limit included), and prepares how its events will be read. Returns errors for clients.
 */
export function prepareSubscription(
  subscriptions: SubscriptionRegistry,
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
  operationName: string | null | undefined,
  extraRules: readonly ValidationRule[],
): PreparedSubscription | readonly GraphQLError[] {
  const errors = validate(schema, document, [...specifiedRules, ...extraRules]);
  if (errors.length > 0) return errors.map((error) => new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
  const operation = getOperationAST(document, operationName);
  if (!operation) return [new GraphQLError('Unable to identify the operation: name it with operationName', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })];
  if (operation.operation !== 'subscription') throw new Error('prepareSubscription expects a subscription');

  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  if (coerced.errors) return coerced.errors.map((error) => new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT' } }));
  // The same strict-input rule as HTTP operations: a subscription is not read through Apollo's plugins.
  try {
    assertStrictInput(schema, document, operation, variables ?? {}, STRICT_SCALARS);
  } catch (error) {
    // By its code, not instanceof: the platform and this file may hold different graphql builds.
    if ((error as GraphQLError).extensions?.code === ErrorCode.BadUserInput) return [error as GraphQLError];
    throw error;
  }
  // SingleFieldSubscriptionsRule guarantees exactly one root field (fragments aside, which we reject).
  const root = operation.selectionSet.selections[0];
  const field = root.kind === Kind.FIELD ? subscriptions.get(root.name.value) : undefined;
  if (root.kind !== Kind.FIELD || !field) {
    return [badInput(`Select ${[...subscriptions.keys()].join(' or ')} directly on the subscription`)];
  }
  const fieldDef = schema.getSubscriptionType()!.getFields()[field.field];
  const args = getArgumentValues(fieldDef, root, coerced.coerced);
  const fragments = document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
  const eventDocument = eventQueryDocument(schema, field, operation, root, fragments);
  const used = usedVariables(eventDocument);
  const eventVariables = Object.fromEntries(Object.entries(variables ?? {}).filter(([name]) => used.has(name)));
  const eventQuery = print(eventDocument);
  return {
    field,
    aggregateId: field.aggregateId(args),
    after: field.after(args),
    responseKey: root.alias?.value ?? root.name.value,
    eventQuery,
    eventVariables,
    selectionKey: `${eventQuery}\n${JSON.stringify(eventVariables)}`,
  };
}

/** What a read of one event returns, as the subscriber expects it, and the event's cursor. */
export function eventFromResult(data: Record<string, unknown> | null | undefined): { cursor: string; event: Record<string, unknown> } | null {
  const read = data?.[EVENT_ALIAS] as Record<string, unknown> | null | undefined;
  if (!read) return null;
  const { [CURSOR_ALIAS]: cursor, ...event } = read;
  return { cursor: String(cursor), event };
}

export function eventQueryVariables(prepared: PreparedSubscription, eventId: string): Record<string, unknown> {
  return { ...prepared.eventVariables, [EVENT_ID_VARIABLE]: eventId };
}

/** `query Studbook<ReadField>(…)`: the field's read with the subscriber's selection and the item's cursor. */
function eventQueryDocument(
  schema: GraphQLSchema,
  field: SubscriptionField,
  operation: OperationDefinitionNode,
  root: FieldNode,
  fragments: FragmentDefinitionNode[],
): DocumentNode {
  const { read } = field;
  const name = (value: string) => ({ kind: Kind.NAME, value }) as const;
  const idArgument = schema
    .getQueryType()
    ?.getFields()
    [read.field]?.args.find((arg) => arg.name === read.idArgument);
  if (!idArgument) throw new Error(`${field.field} reads its events with Query.${read.field}(${read.idArgument}), which the schema lacks`);
  const eventIdDefinition: VariableDefinitionNode = {
    kind: Kind.VARIABLE_DEFINITION,
    variable: { kind: Kind.VARIABLE, name: name(EVENT_ID_VARIABLE) },
    type: parseType(String(idArgument.type)),
  };
  const query: OperationDefinitionNode = {
    kind: Kind.OPERATION_DEFINITION,
    operation: 'query' as OperationDefinitionNode['operation'],
    name: name(`Studbook${read.field[0].toUpperCase()}${read.field.slice(1)}`),
    variableDefinitions: [eventIdDefinition, ...(operation.variableDefinitions ?? [])],
    directives: [],
    selectionSet: {
      kind: Kind.SELECTION_SET,
      selections: [
        {
          kind: Kind.FIELD,
          alias: name(EVENT_ALIAS),
          name: name(read.field),
          arguments: [{ kind: Kind.ARGUMENT, name: name(read.idArgument), value: { kind: Kind.VARIABLE, name: name(EVENT_ID_VARIABLE) } }],
          directives: root.directives,
          selectionSet: {
            kind: Kind.SELECTION_SET,
            selections: [{ kind: Kind.FIELD, alias: name(CURSOR_ALIAS), name: name(read.cursorField) }, ...(root.selectionSet?.selections ?? [])],
          },
        },
      ],
    },
  };
  const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [query, ...fragments] };
  // The subscription's own variables (sessionId, after) are not used by the event read: drop them.
  const used = usedVariables(document);
  return {
    ...document,
    definitions: [{ ...query, variableDefinitions: query.variableDefinitions!.filter((d) => used.has(d.variable.name.value)) }, ...fragments],
  };
}

function usedVariables(document: DocumentNode): Set<string> {
  const used = new Set<string>();
  visit(document, {
    VariableDefinition: () => false, // a definition is not a use
    Variable(node) {
      used.add(node.name.value);
    },
  });
  return used;
}
