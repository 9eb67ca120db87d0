import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { AnimalResolvers } from '../../../__generated__/resolvers-types.js';

export const Animal: AnimalResolvers = {
  // Nodes (capped positions, ancestor details) are built only when selected; completeness comes from the graph.
  pedigree: (animal, { generations }, { pedigrees }, info) => pedigrees.pedigree(animal, generations, selects(info, 'nodes')),
};

/** Whether the field's selection names `name`, directly or through fragments (directives are not evaluated: it then counts as selected). */
function selects(info: GraphQLResolveInfo, name: string): boolean {
  const within = (set: SelectionSetNode | undefined): boolean =>
    !!set &&
    set.selections.some((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === name;
      if (selection.kind === Kind.INLINE_FRAGMENT) return within(selection.selectionSet);
      return within(info.fragments[selection.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((node) => within(node.selectionSet));
}
