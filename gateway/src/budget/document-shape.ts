import { Kind, type DocumentNode, type SelectionSetNode } from 'graphql';

/** How much validation work a document can cause, whichever of its operations is run. */
export interface DocumentShape {
  /** Operations and fragments it defines: each is validated, run or not. */
  definitions: number;
  /**
   * Fields that repeat a response name already selected in the same selection set (inline
   * fragments included), summed over the document. graphql-js compares such fields pairwise to
   * check they can be merged, so 500 copies of `species { id }` cost it a quarter of a second
   * while costing our pricing nothing: they resolve once.
   */
  repeatedFields: number;
}

/** Counts over every definition, not only the operation to run: validation visits them all. */
export function documentShape(document: DocumentNode): DocumentShape {
  let repeatedFields = 0;
  const visitSet = (set: SelectionSetNode, names: Set<string>) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const responseName = selection.alias?.value ?? selection.name.value;
        if (names.has(responseName)) repeatedFields += 1;
        else names.add(responseName);
        if (selection.selectionSet) visitSet(selection.selectionSet, new Set());
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        // Its fields merge into the enclosing set's, so they are compared with those.
        visitSet(selection.selectionSet, names);
      }
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) visitSet(definition.selectionSet, new Set());
  }
  return { definitions: document.definitions.length, repeatedFields };
}
