import { Kind, parse, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import { ErrorCode } from '@studbook/platform';

/** The subgraph could not be reached (refused, reset, timed out) or its proxy said it is down. */
export class SubgraphUnreachable extends Error {
  constructor(cause: unknown) {
    super('subgraph unreachable', { cause });
  }
}

/** Proxy and load-balancer answers that mean "nobody is there", not "your request was wrong". */
export const UNAVAILABLE_STATUSES = new Set([502, 503, 504]);

interface SubgraphRequest {
  query?: string;
  variables?: Record<string, unknown>;
}

interface SubgraphError {
  message: string;
  path?: (string | number)[];
  extensions: { code: string; retryable: true };
}

/**
 * What a subgraph would have answered had every field it was asked for failed: one error per
 * field, with the path the gateway maps back onto the client's operation (`_entities`, index,
 * field for entity fetches; the root field otherwise). gateway-js reports a failed fetch as
 * one path-less error; with these paths a client sees which nulls are outages and may retry.
 */
export function unavailableResponse(request: SubgraphRequest): { data: null; errors: SubgraphError[] } {
  const error = (path?: (string | number)[]): SubgraphError => ({
    message: 'This field is temporarily unavailable; try again shortly',
    ...(path && { path }),
    extensions: { code: ErrorCode.SubgraphUnavailable, retryable: true },
  });
  const document = parse(request.query ?? '{ __typename }');
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return { data: null, errors: [error()] };
  const roots = fieldsOf(operation.selectionSet, fragments, () => true);
  const representations = request.variables?.representations;
  const entitiesField = roots.find((f) => f.name === '_entities');
  if (!entitiesField || !Array.isArray(representations)) return orPathless(roots.map((f) => error([f.responseName])));
  return orPathless(
    representations.flatMap((representation, index) => {
      const typename = (representation as { __typename?: string }).__typename;
      const fields = fieldsOf(entitiesField.selectionSet!, fragments, (type) => type === undefined || type === typename);
      return fields.map((f) => error([entitiesField.responseName, index, f.responseName]));
    }),
  );

  // Only __typename was asked for: no field to point at, but the outage must still be reported.
  function orPathless(errors: SubgraphError[]) {
    return { data: null, errors: errors.length > 0 ? errors : [error()] };
  }
}

interface SelectedField {
  name: string;
  responseName: string;
  selectionSet?: SelectionSetNode;
}

/** The fields a selection set asks for directly, through the fragments whose type matches. */
function fieldsOf(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, typeMatches: (type: string | undefined) => boolean): SelectedField[] {
  const fields = new Map<string, SelectedField>();
  const visit = (selections: SelectionSetNode) => {
    for (const selection of selections.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === '__typename') continue;
        const responseName = selection.alias?.value ?? selection.name.value;
        fields.set(responseName, { name: selection.name.value, responseName, selectionSet: selection.selectionSet });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (typeMatches(selection.typeCondition?.name.value)) visit(selection.selectionSet);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment && typeMatches(fragment.typeCondition.name.value)) visit(fragment.selectionSet);
      }
    }
  };
  visit(set);
  return [...fields.values()];
}
