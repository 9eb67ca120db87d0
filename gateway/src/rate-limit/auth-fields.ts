import { Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

/** Root fields that try credentials or tokens: the tighter budget counts each of them. */
export const AUTH_FIELDS: ReadonlySet<string> = new Set(['signUp', 'signIn', 'acceptInvitation']);

/**
 * How many credential-trying fields a document asks for at its root: each alias counts (10 aliased
 * signIn are 10 attempts), and so do fields reached through fragments. Counted over every operation
 * of the document, so an unresolved operationName cannot hide any; fragments are counted once
 * each (memoised), so nested spreads cannot make the count itself expensive.
 */
export function countAuthFields(document: DocumentNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const counted = new Map<string, number>();

  const count = (selectionSet: SelectionSetNode): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) total += AUTH_FIELDS.has(selection.name.value) ? 1 : 0;
      else if (selection.kind === Kind.INLINE_FRAGMENT) total += count(selection.selectionSet);
      else total += countFragment(selection.name.value);
    }
    return total;
  };
  const countFragment = (name: string): number => {
    const known = counted.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    // A cycle (or an unknown fragment) fails validation anyway; it adds nothing here.
    counted.set(name, 0);
    const total = fragment ? count(fragment.selectionSet) : 0;
    counted.set(name, total);
    return total;
  };

  let total = 0;
  for (const definition of document.definitions) if (definition.kind === Kind.OPERATION_DEFINITION) total += count(definition.selectionSet);
  return total;
}
