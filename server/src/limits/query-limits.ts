import { GraphQLError, Kind, visit, type DocumentNode, type FieldNode, type ValidationRule } from 'graphql';
import { MAX_BILLING_PERIODS } from '../usage';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../graphql';
import { MEASURE_CAP, measureOperation, type CostModel, type OperationMeasure } from './query-measure';

export interface QueryLimits {
  readonly maxDepth: number;
  readonly maxCost: number;
  readonly maxRootFields: number;
  readonly maxIntrospectionDepth: number;
  readonly maxIntrospectionListNesting: number;
  readonly costModel: CostModel;
}

/** What one page can hold and what the cost model assumes: an account of this many workspaces is served in one request. */
export const WORKSPACES_PER_PAGE = 100;
/** The campaigns assumed per workspace row: generous (the demo's biggest workspace has nine rows). */
export const CAMPAIGNS_PER_WORKSPACE = 25;
/** A series counts as a month of days, whatever its granularity: its rows come from one batched statement per page. */
export const BUCKETS_PER_SERIES = 31;
/** Six credit kinds: byKind lists never hold more. */
const KINDS = 6;
/** The thresholds assumed per budget: the default [50, 80, 100]. */
const BUDGET_THRESHOLDS = 3;
/** Storage work of one aggregate over the ledger (a usage page, an invoice, one expand). */
const LEDGER_AGGREGATE = 1000;

/**
 * The costs of the schema's fields. A scalar costs 1; a list costs its assumed length times
 * its items; fields that run their own aggregate over the ledger weigh 1000 (so a request can
 * hold at most ~100 of them); a campaigns list weighs 10 per workspace row on top of its rows
 * (its rows of 100 workspaces come from one batched aggregate: 100 × 10 = 1000).
 */
export const CREDITLENS_COST_MODEL: CostModel = {
  defaultListSize: 10,
  listSizes: {
    'AccountUsage.workspaces': WORKSPACES_PER_PAGE,
    'WorkspaceUsage.campaigns': CAMPAIGNS_PER_WORKSPACE,
    'AccountUsage.byKind': KINDS,
    'CampaignUsage.byKind': KINDS,
    'WorkspaceUsage.byKind': KINDS,
    'AccountUsage.series': BUCKETS_PER_SERIES,
    'WorkspaceUsage.series': BUCKETS_PER_SERIES,
    'CampaignUsage.series': BUCKETS_PER_SERIES,
    'Invoice.lines': KINDS,
    // Budgets hold the default three thresholds nearly always; a list of 1,000 is legal but rare.
    'Budget.thresholds': BUDGET_THRESHOLDS,
    'BudgetStatus.crossed': BUDGET_THRESHOLDS,
    'Account.billingPeriods': billingPeriodsAsked,
    'AccountConnection.edges': edgesAsked,
    'WorkspaceConnection.edges': edgesAsked,
    'CampaignConnection.edges': edgesAsked,
  },
  fieldWeights: {
    'Query.account': 10,
    'Query.workspaceUsage': LEDGER_AGGREGATE,
    'Account.usage': LEDGER_AGGREGATE,
    'Account.invoice': LEDGER_AGGREGATE,
    'WorkspaceUsage.campaigns': 10,
    'Mutation.recordUsage': LEDGER_AGGREGATE,
    'Query.accounts': 10,
    'Account.workspaces': 10,
    'Workspace.campaigns': 10,
    'Account.apiKeys': 10,
  },
};

/**
 * The limits, checked after parsing and before execution.
 * - depth 8: the deepest useful data query (account → usage → workspaces → campaigns →
 *   campaign → id) is 6; the schema has no cycles today, the limit guards tomorrow's.
 * - cost 100,000: one page of 100 workspaces with every campaign field selected costs about
 *   55,000; two such pages in one request do not fit, nor do more than ~100 ledger aggregates.
 * - 30 root fields: "a few dozen" aliases (e.g. one usage query per month of a year, with room).
 * - introspection is exempt from depth and cost: the explorer's full introspection query must
 *   pass. It has its own guard against the fields → type → fields recursion, whose answer
 *   grows exponentially: at most 3 lists on one path (types → fields → args) and depth 16
 *   (graphql-js's getIntrospectionQuery with every option measures 14).
 */
export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 8,
  maxCost: 100_000,
  maxRootFields: 30,
  maxIntrospectionDepth: 16,
  maxIntrospectionListNesting: 3,
  costModel: CREDITLENS_COST_MODEL,
};

/** billingPeriods(last:) returns `last` periods: a literal counts as given, a variable as the most allowed. */
function billingPeriodsAsked(field: FieldNode): number {
  const last = field.arguments?.find((argument) => argument.name.value === 'last')?.value;
  if (!last) return 12;
  return last.kind === Kind.INT ? Math.min(Number(last.value), MAX_BILLING_PERIODS) : MAX_BILLING_PERIODS;
}

/**
 * A connection's edges hold `first` rows: a literal counts as given, a variable as the most
 * allowed, no argument as the default. AST nodes have no parent link, so queryLimitsRule notes
 * the `first` of each connection field on the `edges` selected directly under it; edges reached
 * through a fragment count as the most allowed.
 */
const edgesPageSizes = new WeakMap<FieldNode, number>();

function notePageSizes(document: DocumentNode): void {
  visit(document, {
    Field(field) {
      const first = field.arguments?.find((argument) => argument.name.value === 'first')?.value;
      const size = !first ? DEFAULT_PAGE_SIZE : first.kind === Kind.INT ? Math.min(Number(first.value), MAX_PAGE_SIZE) : MAX_PAGE_SIZE;
      for (const selection of field.selectionSet?.selections ?? []) {
        if (selection.kind === Kind.FIELD && selection.name.value === 'edges') edgesPageSizes.set(selection, size);
      }
    },
  });
}

function edgesAsked(edges: FieldNode): number {
  return edgesPageSizes.get(edges) ?? MAX_PAGE_SIZE;
}

/** Each limit an operation breaks, as a sentence saying what was measured and what is allowed. */
export function limitViolations(measure: OperationMeasure, limits: QueryLimits): { limit: string; message: string }[] {
  // A saturated count is a lower bound (see MEASURE_CAP).
  const n = (value: number) => `${value >= MEASURE_CAP ? 'at least ' : ''}${value.toLocaleString('en-US')}`;
  const violations: { limit: string; message: string }[] = [];
  if (measure.depth > limits.maxDepth) {
    violations.push({ limit: 'depth', message: `the query nests ${measure.depth} fields deep; at most ${limits.maxDepth} are allowed` });
  }
  if (measure.cost > limits.maxCost) {
    violations.push({
      limit: 'cost',
      message: `the query costs ${n(measure.cost)}, more than the limit of ${n(limits.maxCost)} (a workspaces list counts as ${WORKSPACES_PER_PAGE} rows, campaigns as ${CAMPAIGNS_PER_WORKSPACE} per workspace): select fewer fields or split it into several requests`,
    });
  }
  if (measure.rootFields > limits.maxRootFields) {
    violations.push({ limit: 'rootFields', message: `the operation selects ${n(measure.rootFields)} root fields (aliases included); at most ${limits.maxRootFields} are allowed` });
  }
  if (measure.introspectionDepth > limits.maxIntrospectionDepth) {
    violations.push({ limit: 'introspectionDepth', message: `the introspection query nests ${measure.introspectionDepth} deep; at most ${limits.maxIntrospectionDepth} are allowed` });
  }
  if (measure.introspectionListNesting > limits.maxIntrospectionListNesting) {
    violations.push({
      limit: 'introspectionLists',
      message: `the introspection query nests ${measure.introspectionListNesting} lists on one path; at most ${limits.maxIntrospectionListNesting} (types → fields → args) are allowed`,
    });
  }
  return violations;
}

/** A GraphQL validation rule: every operation over a limit is refused before it runs. */
export function queryLimitsRule(limits: QueryLimits = DEFAULT_QUERY_LIMITS): ValidationRule {
  return (context) => ({
    // Once per document, before its operations are measured (each of them reads the sizes).
    Document(document) {
      notePageSizes(document);
    },
    OperationDefinition(operation) {
      const measure = measureOperation(context.getSchema(), context.getDocument(), operation, limits.costModel);
      for (const violation of limitViolations(measure, limits)) {
        context.reportError(new GraphQLError(violation.message, { nodes: [operation], extensions: { limit: violation.limit } }));
      }
    },
  });
}
