import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { graphqlCjs } from '../realtime/graphql-cjs.js';
import { DEFAULT_LIST_SIZE, FIELD_COSTS } from './field-costs.js';

// The gateway's schema belongs to graphql's CommonJS build (see graphql-cjs.ts).
const { getArgumentValues, getNamedType, getNullableType, isCompositeType, isInterfaceType, isListType, isObjectType } = graphqlCjs;

/** What an operation may do at most, counted from its document and variables before it runs. */
export interface OperationCost {
  /** Objects resolved and work done, in units of one object (see field-costs.ts). */
  cost: number;
  /** Pedigree positions listed across all its pedigrees. */
  pedigreeNodes: number;
  /** kinship and pairingPreview fields. */
  pairs: number;
  /** Aliased fields, each fragment counted where it is spread (`__typename` aliases too). */
  aliases: number;
  /** Directives on fields, fragments and the operation, likewise. */
  directives: number;
}

const ZERO: OperationCost = { cost: 0, pedigreeNodes: 0, pairs: 0, aliases: 0, directives: 0 };

/**
 * Prices an operation, valid or not (it runs before validation, the costlier step). Work multiplies down the tree (a list of 100
 * animals each with a pedigree lists 100 pedigrees), aliases and directives only add up. A
 * fragment is priced once per place of use and type of parent arguments, so spreading fragments
 * twice per level stays linear. `variables` are the coerced ones.
 */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): OperationCost {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const fragmentCosts = new Map<string, OperationCost>();
  const inProgress = new Set<string>();

  const selectionCost = (selectionSet: SelectionSetNode, parentType: GraphQLNamedType, parentArgs: Record<string, unknown>): OperationCost => {
    let total = ZERO;
    for (const selection of selectionSet.selections) {
      const directives = selection.directives?.length ?? 0;
      if (selection.kind === Kind.FIELD) {
        const aliases = selection.alias ? 1 : 0;
        const name = selection.name.value;
        // Introspection is answered by the gateway from its schema; the depth rule skips it too.
        const field = name.startsWith('__') || !(isObjectType(parentType) || isInterfaceType(parentType)) ? undefined : parentType.getFields()[name];
        if (!field) {
          total = add(total, { ...ZERO, aliases, directives });
          continue;
        }
        const args = argumentsOf(field, selection, variables);
        const rule = FIELD_COSTS[`${parentType.name}.${name}`];
        const context = { args, parentArgs };
        const type = getNamedType(field.type);
        const items = isListType(getNullableType(field.type)) ? listSize(rule?.size?.(context), args, parentArgs) : 1;
        const own = rule?.cost?.(context) ?? (isCompositeType(type) ? items : 0);
        const children = selection.selectionSet ? selectionCost(selection.selectionSet, type, args) : ZERO;
        total = add(total, {
          cost: own + items * children.cost,
          pedigreeNodes: (rule?.pedigreeNodes ? items : 0) + items * children.pedigreeNodes,
          pairs: (rule?.pair ? 1 : 0) + items * children.pairs,
          aliases: aliases + children.aliases,
          directives: directives + children.directives,
        });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? (schema.getType(selection.typeCondition.name.value) ?? parentType) : parentType;
        total = add(total, add(selectionCost(selection.selectionSet, type, parentArgs), { ...ZERO, directives }));
      } else {
        total = add(total, add(spreadCost(selection.name.value, parentArgs), { ...ZERO, directives }));
      }
    }
    return total;
  };

  const spreadCost = (name: string, parentArgs: Record<string, unknown>): OperationCost => {
    const fragment = fragments.get(name);
    const key = `${name}\n${JSON.stringify(parentArgs)}`;
    const known = fragmentCosts.get(key);
    if (known) return known;
    if (!fragment || inProgress.has(key)) return ZERO; // a cycle is a validation error of its own
    inProgress.add(key);
    const type = schema.getType(fragment.typeCondition.name.value);
    const cost = type ? add(selectionCost(fragment.selectionSet, type, parentArgs), { ...ZERO, directives: fragment.directives?.length ?? 0 }) : ZERO;
    inProgress.delete(key);
    fragmentCosts.set(key, cost);
    return cost;
  };

  const root = schema.getRootType(operation.operation);
  if (!root) return ZERO;
  return add(selectionCost(operation.selectionSet, root, {}), { ...ZERO, directives: operation.directives?.length ?? 0 });
}

/**
 * Priced before validation, a document may hold arguments that do not fit (validation or
 * execution refuses them later): those are priced as absent, which every rule reads as its
 * worst case.
 */
function argumentsOf(
  field: Parameters<typeof getArgumentValues>[0],
  node: Parameters<typeof getArgumentValues>[1],
  variables: Record<string, unknown>,
): Record<string, unknown> {
  try {
    return getArgumentValues(field, node, variables) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** A list's own `first`, else the `first` of the connection whose edges it is, else its rule or the default. */
function listSize(fromRule: number | undefined, args: Record<string, unknown>, parentArgs: Record<string, unknown>): number {
  if (fromRule !== undefined) return fromRule;
  for (const first of [args.first, parentArgs.first]) {
    if (typeof first === 'number' && Number.isFinite(first)) return Math.max(first, 0);
  }
  return DEFAULT_LIST_SIZE;
}

function add(a: OperationCost, b: OperationCost): OperationCost {
  return {
    cost: a.cost + b.cost,
    pedigreeNodes: a.pedigreeNodes + b.pedigreeNodes,
    pairs: a.pairs + b.pairs,
    aliases: a.aliases + b.aliases,
    directives: a.directives + b.directives,
  };
}
