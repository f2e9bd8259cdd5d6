/**
 * What a resolver's own selection asks of the fields below it, before they resolve: so that a
 * read those fields will need can start beside the resolver's own (a page's series beside its
 * sums). Only a hint: the fields still resolve by themselves, so a wrong guess costs a read, never
 * an answer.
 */
import { getArgumentValues, getNamedType, isObjectType, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * The arguments (defaults applied) of every selection of the field at `path` below the resolver's
 * field, e.g. ['workspaces', 'series']; through fragments, `@skip` and `@include` left aside.
 * Empty when the path is not selected.
 */
export function argumentsBelow(info: GraphQLResolveInfo, path: readonly string[]): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const visit = (selectionSet: SelectionSetNode | undefined, typeName: string, depth: number) => {
    const type = info.schema.getType(typeName);
    if (!selectionSet || !isObjectType(type)) return;
    for (const selection of selectionSet.selections) {
      if (selection.kind === 'InlineFragment') visit(selection.selectionSet, selection.typeCondition?.name.value ?? typeName, depth);
      else if (selection.kind === 'FragmentSpread') {
        const fragment = info.fragments[selection.name.value];
        if (fragment) visit(fragment.selectionSet, fragment.typeCondition.name.value, depth);
      } else if (selection.name.value === path[depth]) {
        const field = type.getFields()[path[depth]!];
        if (!field) continue;
        if (depth === path.length - 1) found.push(getArgumentValues(field, selection, info.variableValues));
        else visit(selection.selectionSet, getNamedType(field.type).name, depth + 1);
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet, getNamedType(info.returnType).name, 0);
  return found;
}
