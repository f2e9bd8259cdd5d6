import {
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * A static estimate of what an operation will cost, computed from its text and the schema
 * before anything executes. Fields are keyed "Type.field".
 */
export interface CostModel {
  /** Assumed number of items of a list field; unnamed lists count `defaultListSize`. */
  readonly listSizes: Readonly<Record<string, number | ((field: FieldNode) => number)>>;
  readonly defaultListSize: number;
  /** What one resolution of the field costs on its own (storage work); unnamed fields cost 1. */
  readonly fieldWeights: Readonly<Record<string, number>>;
}

export interface OperationMeasure {
  /** Nesting of data fields (a leaf directly under the root is depth 1); introspection not counted. */
  readonly depth: number;
  /** Estimated cost of the data fields; introspection not counted. */
  readonly cost: number;
  /** Fields (aliases included) selected on the root type, fragments expanded; __typename not counted. */
  readonly rootFields: number;
  /** Deepest nesting inside __schema / __type selections. */
  readonly introspectionDepth: number;
  /** Most list fields on one path inside __schema / __type (types → fields → args is 3). */
  readonly introspectionListNesting: number;
}

interface Measure {
  depth: number;
  cost: number;
}

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

export function measureOperation(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, model: CostModel): OperationMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const rootType = schema.getRootType(operation.operation);
  const introspection = { depth: 0, listNesting: 0 };
  let rootFields = 0;

  /** Calls `visit` for every field of a selection set, fragments expanded (a fragment cycle is cut; another rule reports it). */
  function eachField(set: SelectionSetNode, parent: GraphQLNamedType, path: ReadonlySet<string>, visit: (field: FieldNode, parent: GraphQLNamedType) => void): void {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) visit(selection, parent);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type) eachField(selection.selectionSet, type, path, visit);
      } else {
        const fragment = fragments.get(selection.name.value);
        const type = fragment && schema.getType(fragment.typeCondition.name.value);
        if (fragment && type && !path.has(fragment.name.value)) eachField(fragment.selectionSet, type, new Set([...path, fragment.name.value]), visit);
      }
    }
  }

  function fieldOf(parent: GraphQLNamedType, name: string): GraphQLField<unknown, unknown> | undefined {
    return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
  }

  function measureData(set: SelectionSetNode, parent: GraphQLNamedType): Measure {
    const total: Measure = { depth: 0, cost: 0 };
    eachField(set, parent, new Set(), (node, type) => {
      const name = node.name.value;
      if (name === '__typename') return;
      if (INTROSPECTION_ROOTS.has(name)) {
        if (node.selectionSet) measureIntrospection(node.selectionSet, schema.getType(name === '__schema' ? '__Schema' : '__Type')!, 1, 0);
        return;
      }
      const field = fieldOf(type, name);
      if (!field) return;
      const key = `${type.name}.${name}`;
      const child = node.selectionSet ? measureData(node.selectionSet, getNamedType(field.type)) : { depth: 0, cost: 0 };
      const items = isListType(getNullableType(field.type)) ? listSize(key, node) : 1;
      total.cost += (model.fieldWeights[key] ?? 1) + items * child.cost;
      total.depth = Math.max(total.depth, 1 + child.depth);
    });
    return total;
  }

  function measureIntrospection(set: SelectionSetNode, parent: GraphQLNamedType, depth: number, lists: number): void {
    introspection.depth = Math.max(introspection.depth, depth);
    introspection.listNesting = Math.max(introspection.listNesting, lists);
    eachField(set, parent, new Set(), (node, type) => {
      const field = fieldOf(type, node.name.value);
      if (!field || !node.selectionSet) return;
      const nested = lists + (isListType(getNullableType(field.type)) ? 1 : 0);
      measureIntrospection(node.selectionSet, getNamedType(field.type), depth + 1, nested);
    });
  }

  function listSize(key: string, node: FieldNode): number {
    const size = model.listSizes[key];
    if (size === undefined) return model.defaultListSize;
    return typeof size === 'number' ? size : size(node);
  }

  if (!rootType) return { depth: 0, cost: 0, rootFields: 0, introspectionDepth: 0, introspectionListNesting: 0 };
  eachField(operation.selectionSet, rootType, new Set(), (node) => {
    if (node.name.value !== '__typename') rootFields += 1;
  });
  const data = measureData(operation.selectionSet, rootType);
  return { ...data, rootFields, introspectionDepth: introspection.depth, introspectionListNesting: introspection.listNesting };
}
