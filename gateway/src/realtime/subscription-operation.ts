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

const { getArgumentValues, getOperationAST, getVariableValues, specifiedRules, validate } = graphqlCjs;

const STRICT_SCALARS = new Map([DateScalar, DateTimeScalar].map((scalar) => [scalar.name, scalar]));

/** The one subscription the supergraph offers; its events are re-read through the federation. */
export const BREEDING_SESSION_EVENTS = 'breedingSessionEvents';

// Names the gateway adds to a subscriber's selection; a client's own fields keep theirs.
const EVENT_ID_VARIABLE = 'studbookEventId_';
const CURSOR_ALIAS = 'studbookCursor_';
const EVENT_ALIAS = 'studbookEvent_';

/** The event ids and cursors of a session after a cursor, read as the subscriber (RLS applies). */
export const SESSION_EVENT_IDS_QUERY = /* GraphQL */ `
  query StudbookSessionEventIds($sessionId: ID!, $after: String) {
    breedingSession(id: $sessionId) { events(after: $after) { id cursor type } }
  }
`;

/** A validated `breedingSessionEvents` subscription, turned into the query each event is read with. */
export interface PreparedSubscription {
  sessionId: string;
  after: string | null;
  /** The key the client expects the event under (its alias, if any). */
  responseKey: string;
  /** `query($studbookEventId_: ID!, …) { studbookEvent_: breedingEvent(id: …) { studbookCursor_: cursor <selection> } }` */
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
  if (root.kind !== Kind.FIELD || root.name.value !== BREEDING_SESSION_EVENTS) {
    return [badInput(`Select ${BREEDING_SESSION_EVENTS} directly on the subscription`)];
  }
  const fieldDef = schema.getSubscriptionType()!.getFields()[BREEDING_SESSION_EVENTS];
  const args = getArgumentValues(fieldDef, root, coerced.coerced);
  const fragments = document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
  const eventDocument = eventQueryDocument(operation, root, fragments);
  const used = usedVariables(eventDocument);
  const eventVariables = Object.fromEntries(Object.entries(variables ?? {}).filter(([name]) => used.has(name)));
  const eventQuery = print(eventDocument);
  return {
    sessionId: String(args.sessionId),
    after: (args.after as string | null | undefined) ?? null,
    responseKey: root.alias?.value ?? root.name.value,
    eventQuery,
    eventVariables,
    selectionKey: `${eventQuery}\n${JSON.stringify(eventVariables)}`,
  };
}

/** What a read of one event returns, as the subscriber expects it, and the event's cursor. */
export function eventFromResult(prepared: PreparedSubscription, data: Record<string, unknown> | null | undefined): { cursor: string; event: Record<string, unknown> } | null {
  const read = data?.[EVENT_ALIAS] as Record<string, unknown> | null | undefined;
  if (!read) return null;
  const { [CURSOR_ALIAS]: cursor, ...event } = read;
  return { cursor: String(cursor), event };
}

export function eventQueryVariables(prepared: PreparedSubscription, eventId: string): Record<string, unknown> {
  return { ...prepared.eventVariables, [EVENT_ID_VARIABLE]: eventId };
}

function eventQueryDocument(operation: OperationDefinitionNode, root: FieldNode, fragments: FragmentDefinitionNode[]): DocumentNode {
  const name = (value: string) => ({ kind: Kind.NAME, value }) as const;
  const eventIdDefinition: VariableDefinitionNode = {
    kind: Kind.VARIABLE_DEFINITION,
    variable: { kind: Kind.VARIABLE, name: name(EVENT_ID_VARIABLE) },
    type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: name('ID') } },
  };
  const query: OperationDefinitionNode = {
    kind: Kind.OPERATION_DEFINITION,
    operation: 'query' as OperationDefinitionNode['operation'],
    name: name('StudbookBreedingEvent'),
    variableDefinitions: [eventIdDefinition, ...(operation.variableDefinitions ?? [])],
    directives: [],
    selectionSet: {
      kind: Kind.SELECTION_SET,
      selections: [
        {
          kind: Kind.FIELD,
          alias: name(EVENT_ALIAS),
          name: name('breedingEvent'),
          arguments: [{ kind: Kind.ARGUMENT, name: name('id'), value: { kind: Kind.VARIABLE, name: name(EVENT_ID_VARIABLE) } }],
          directives: root.directives,
          selectionSet: {
            kind: Kind.SELECTION_SET,
            selections: [{ kind: Kind.FIELD, alias: name(CURSOR_ALIAS), name: name('cursor') }, ...(root.selectionSet?.selections ?? [])],
          },
        },
      ],
    },
  };
  const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [query, ...fragments] };
  // The sessionId/after variables of the subscription are not used by the event read: drop them.
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
