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
  /** Estimated cost of the data fields, at most MEASURE_CAP; introspection not counted. */
  readonly cost: number;
  /** Fields (aliases included) selected on the root type, fragments expanded, at most MEASURE_CAP; __typename not counted. */
  readonly rootFields: number;
  /** Deepest nesting inside __schema / __type selections. */
  readonly introspectionDepth: number;
  /** Most list fields on one path inside __schema / __type (types → fields → args is 3). */
  readonly introspectionListNesting: number;
}

/**
 * Where counts stop. A fragment spread k times multiplies what it selects by k, so ten
 * fragments each spreading the next ten times select 10^10 fields, and a fan-out of 30 levels
 * costs more than a double can hold (then Infinity × 0 is NaN, which passes every `>` check).
 * Saturated counts stay exact integers and above every limit.
 */
export const MEASURE_CAP = Number.MAX_SAFE_INTEGER;

const plus = (a: number, b: number) => Math.min(a + b, MEASURE_CAP);
const times = (a: number, b: number) => (a === 0 || b === 0 ? 0 : Math.min(a * b, MEASURE_CAP));

/** What a selection set selects, fragments expanded (by multiplication, never by walking them again). */
interface SetMeasure {
  /** Cost and depth of its data fields. */
  readonly cost: number;
  readonly depth: number;
  /** Its own fields (not their children), __typename not counted: the root fields when it is the operation's. */
  readonly fields: number;
  /** The deepest __schema / __type selection under it: nesting and lists on one path. */
  readonly introspectionDepth: number;
  readonly introspectionLists: number;
}

/** Inside __schema / __type: how deep selections nest below this set and how many lists one path crosses. */
interface IntrospectionMeasure {
  readonly depth: number;
  readonly lists: number;
}

const NOTHING: SetMeasure = { cost: 0, depth: 0, fields: 0, introspectionDepth: 0, introspectionLists: 0 };
const NO_INTROSPECTION: IntrospectionMeasure = { depth: 0, lists: 0 };

/** `b` selected beside `a` in one selection set. */
function beside(a: SetMeasure, b: SetMeasure): SetMeasure {
  return {
    cost: plus(a.cost, b.cost),
    depth: Math.max(a.depth, b.depth),
    fields: plus(a.fields, b.fields),
    introspectionDepth: Math.max(a.introspectionDepth, b.introspectionDepth),
    introspectionLists: Math.max(a.introspectionLists, b.introspectionLists),
  };
}

const INTROSPECTION_ROOTS: Readonly<Record<string, string>> = { __schema: '__Schema', __type: '__Type' };

/**
 * Measures an operation in time linear in the document: each fragment is measured once per
 * kind of measure (data, introspection) and its measure reused at every spread, since what a
 * fragment selects depends only on its own type condition. A fragment cycle is cut where it
 * closes (NoFragmentCyclesRule reports it). Recursion follows the nesting of the document,
 * which the document limits bound before validation.
 */
export function measureOperation(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, model: CostModel): OperationMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return { depth: 0, cost: 0, rootFields: 0, introspectionDepth: 0, introspectionListNesting: 0 };

  /** A fragment's measure, once: `null` while it is being measured, so that a cycle contributes nothing. */
  function memoised<T>(memo: Map<string, T | null>, name: string, nothing: T, measure: (set: SelectionSetNode, type: GraphQLNamedType) => T): T {
    if (memo.has(name)) return memo.get(name) ?? nothing;
    const fragment = fragments.get(name);
    const type = fragment && schema.getType(fragment.typeCondition.name.value);
    if (!fragment || !type) return nothing;
    memo.set(name, null);
    const measured = measure(fragment.selectionSet, type);
    memo.set(name, measured);
    return measured;
  }
  const dataOfFragment = new Map<string, SetMeasure | null>();
  const introspectionOfFragment = new Map<string, IntrospectionMeasure | null>();

  function measureData(set: SelectionSetNode, parent: GraphQLNamedType): SetMeasure {
    let total = NOTHING;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) total = beside(total, memoised(dataOfFragment, selection.name.value, NOTHING, measureData));
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type) total = beside(total, measureData(selection.selectionSet, type));
      } else if (selection.name.value !== '__typename') total = beside(total, measureDataField(selection, parent));
    }
    return total;
  }

  function measureDataField(node: FieldNode, parent: GraphQLNamedType): SetMeasure {
    const name = node.name.value;
    const introspectionType = INTROSPECTION_ROOTS[name];
    if (introspectionType) {
      const inside = node.selectionSet ? measureIntrospection(node.selectionSet, schema.getType(introspectionType)!) : null;
      return { ...NOTHING, fields: 1, introspectionDepth: inside ? 1 + inside.depth : 0, introspectionLists: inside?.lists ?? 0 };
    }
    const field = fieldOf(parent, name);
    if (!field) return { ...NOTHING, fields: 1 };
    const key = `${parent.name}.${name}`;
    const child = node.selectionSet ? measureData(node.selectionSet, getNamedType(field.type)) : NOTHING;
    const items = isListType(getNullableType(field.type)) ? listSize(key, node) : 1;
    return {
      cost: plus(model.fieldWeights[key] ?? 1, times(items, child.cost)),
      depth: 1 + child.depth,
      fields: 1,
      introspectionDepth: child.introspectionDepth,
      introspectionLists: child.introspectionLists,
    };
  }

  function measureIntrospection(set: SelectionSetNode, parent: GraphQLNamedType): IntrospectionMeasure {
    let depth = 0;
    let lists = 0;
    const take = (inner: IntrospectionMeasure) => {
      depth = Math.max(depth, inner.depth);
      lists = Math.max(lists, inner.lists);
    };
    for (const selection of set.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) take(memoised(introspectionOfFragment, selection.name.value, NO_INTROSPECTION, measureIntrospection));
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type) take(measureIntrospection(selection.selectionSet, type));
      } else {
        const field = fieldOf(parent, selection.name.value);
        if (!field || !selection.selectionSet) continue;
        const inner = measureIntrospection(selection.selectionSet, getNamedType(field.type));
        take({ depth: 1 + inner.depth, lists: (isListType(getNullableType(field.type)) ? 1 : 0) + inner.lists });
      }
    }
    return { depth, lists };
  }

  function fieldOf(parent: GraphQLNamedType, name: string): GraphQLField<unknown, unknown> | undefined {
    return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
  }

  /** A list's assumed length; a negative one (e.g. `last: -1000000`) counts 0, so that it cannot pay for other fields. */
  function listSize(key: string, node: FieldNode): number {
    const size = model.listSizes[key];
    const items = size === undefined ? model.defaultListSize : typeof size === 'number' ? size : size(node);
    return items > 0 ? Math.min(items, MEASURE_CAP) : 0;
  }

  const root = measureData(operation.selectionSet, rootType);
  return { depth: root.depth, cost: root.cost, rootFields: root.fields, introspectionDepth: root.introspectionDepth, introspectionListNesting: root.introspectionLists };
}
