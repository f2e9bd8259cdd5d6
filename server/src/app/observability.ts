/**
 * What an operator sees of each request: one log line (JSON, pino) and one observation of
 * creditlens_http_request_duration_seconds, with the same operation and outcome; refusals
 * counted by reason; statements on the rollup tables timed. The names are in docs/operations.md.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type express from 'express';
import { Kind, type OperationDefinitionNode } from 'graphql';
import type { Principal } from '../access';
import { constantTimeEquals, credentialOf } from '../auth';
import type { MetricsAccess } from '../config';
import type { StatementObserver } from '../db';
import { ErrorCode, errorResponseBody } from '../errors';
import { requestIdOf, type Logger } from '../logging';
import type { Metrics, RefusalReason } from '../metrics';
import { ROLLUP_TABLES } from '../usage';

/** What the request log and the request metric know of one request, filled in as it goes. */
interface Observation {
  /** The metric's operation label: GraphQL root fields, or the route. */
  operation: string | null;
  /** The client's operationName, for the log only (unbounded: never a metric label). */
  operationName: string | null;
  /** The first error code answered, if any. */
  errorCode: string | null;
}

const OUTCOME_OF_REFUSAL: Partial<Record<string, RefusalReason>> = {
  [ErrorCode.RATE_LIMITED]: 'rate_limited',
  [ErrorCode.SERVER_BUSY]: 'server_busy',
  [ErrorCode.REQUEST_TIMEOUT]: 'request_timeout',
  [ErrorCode.SHUTTING_DOWN]: 'shutting_down',
};

/** An operationName is the client's text: the log keeps at most this much of it. */
const MAX_LOGGED_OPERATION_NAME = 100;
/** Asked every few seconds by probes and scrapers: logged at debug, so that info stays one line per API request. */
const QUIET_PATHS = new Set(['/healthz', '/metrics']);

export interface RequestObserver {
  /** First in the pipeline: times the request, logs and measures it when its answer is sent. */
  readonly middleware: express.RequestHandler;
  /** Tells the observer which operation a GraphQL request ran and which error it answered. */
  readonly apolloPlugin: ApolloServerPlugin<{ requestId: string }>;
}

export function requestObserver(metrics: Metrics, logger: Logger): RequestObserver {
  const observations = new Map<string, Observation>();

  const middleware: express.RequestHandler = (req, res, next) => {
    const started = process.hrtime.bigint();
    const requestId = requestIdOf(res);
    const observation: Observation = { operation: null, operationName: null, errorCode: null };
    observations.set(requestId, observation);
    // Answers outside GraphQL execution (refusals, the CSV export's errors) are JSON bodies of
    // errorResponseBody's shape: their code is read on the way out.
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      observation.errorCode ??= firstErrorCode(body);
      return json(body);
    };
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      observations.delete(requestId);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const status = res.headersSent ? res.statusCode : 0;
      const outcome = outcomeOf(status, observation.errorCode);
      const operation = observation.operation ?? routeOf(req);
      metrics.httpRequestDuration.observe({ operation, outcome }, seconds);
      const refusal = observation.errorCode ? OUTCOME_OF_REFUSAL[observation.errorCode] : undefined;
      if (refusal) metrics.refusedRequests.inc({ reason: refusal });
      const credential = credentialOf(res);
      // req.path is relative to a mounted router by now: the path as the client sent it, without the query.
      const path = req.originalUrl.split('?')[0]!;
      const line = {
        requestId,
        method: req.method,
        path,
        operation,
        ...(observation.operationName ? { operationName: observation.operationName.slice(0, MAX_LOGGED_OPERATION_NAME) } : {}),
        ...credentialFields(credential?.principal ?? null),
        status,
        outcome,
        durationMs: Math.round(seconds * 1e4) / 10,
        // The client went away before the answer was complete (a streamed export cut short).
        ...(res.writableFinished ? {} : { aborted: true }),
      };
      if (QUIET_PATHS.has(path)) logger.debug(line, 'request');
      else logger.info(line, 'request');
    };
    res.once('finish', finish);
    res.once('close', finish);
    next();
  };

  const apolloPlugin: ApolloServerPlugin<{ requestId: string }> = {
    async requestDidStart({ contextValue }) {
      const observation = observations.get(contextValue.requestId);
      if (!observation) return;
      return {
        async didResolveOperation({ operation, operationName }) {
          if (operation) observation.operation = rootFieldsOf(operation);
          observation.operationName = operationName ?? null;
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const code = response.body.singleResult.errors?.[0]?.extensions?.code;
          if (typeof code === 'string') observation.errorCode ??= code;
        },
      };
    },
  };

  return { middleware, apolloPlugin };
}

/** `ok`, or the answered error code in lower case (a bounded set: ErrorCode), or the status's kind. */
function outcomeOf(status: number, errorCode: string | null): string {
  if (errorCode) return errorCode.toLowerCase();
  if (status === 0) return 'aborted';
  if (status >= 500) return 'internal_server_error';
  if (status === 404) return 'not_found';
  if (status >= 400) return 'bad_request';
  return 'ok';
}

/**
 * The metric's operation label of a GraphQL request: its root fields, sorted, e.g. `account` or
 * `mutation recordUsage` — bounded by the schema, unlike the client's operationName.
 */
function rootFieldsOf(operation: OperationDefinitionNode): string {
  const fields = new Set<string>();
  for (const selection of operation.selectionSet.selections) {
    fields.add(selection.kind === Kind.FIELD ? selection.name.value : '...');
  }
  const names = [...fields].sort().join(',');
  return operation.operation === 'query' ? names : `${operation.operation} ${names}`;
}

/** Outside GraphQL: the matched route (a bounded set), `graphql` for a request refused before execution, else `other`. */
function routeOf(req: express.Request): string {
  const route = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof route === 'string') return route;
  if (req.originalUrl.startsWith('/graphql')) return 'graphql';
  return 'other';
}

/** Which credential: its kind and the id that names it — never the secret or the token. */
function credentialFields(principal: Principal | null): Record<string, string> {
  if (!principal) return { credential: 'none' };
  switch (principal.kind) {
    case 'admin':
      return { credential: 'admin' };
    case 'apiKey':
      return { credential: 'apiKey', keyId: principal.keyId, accountId: principal.accountId };
    case 'embed':
      return { credential: 'embed', keyId: principal.tokenId, accountId: principal.accountId };
  }
}

function firstErrorCode(body: unknown): string | null {
  const code = (body as { errors?: Array<{ extensions?: { code?: unknown } }> } | null)?.errors?.[0]?.extensions?.code;
  return typeof code === 'string' ? code : null;
}

/**
 * GET /metrics as the configuration says: METRICS_TOKEN set: only with `Authorization: Bearer
 * <token>` (401 otherwise); METRICS=1: to anyone who reaches the port; neither: not mounted (404).
 */
export function metricsRoute(access: MetricsAccess, metrics: Metrics): express.RequestHandler | null {
  if (access.kind === 'off') return null;
  const expected = access.kind === 'token' ? `Bearer ${access.token}` : null;
  return async (req, res, next) => {
    if (expected) {
      if (!constantTimeEquals(req.headers.authorization ?? '', expected)) {
        res.status(401).set('www-authenticate', 'Bearer').json(errorResponseBody(ErrorCode.UNAUTHENTICATED, 'GET /metrics needs the metrics token: Authorization: Bearer <METRICS_TOKEN>'));
        return;
      }
    }
    try {
      const { contentType, body } = await metrics.scrape();
      res.set('content-type', contentType).send(body);
    } catch (error) {
      next(error);
    }
  };
}

const ROLLUP_NAMES = ROLLUP_TABLES.map((table) => table.name);
const WRITE_TARGETS = /\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(\w+)/gi;

/**
 * The db observer of the rollup statements: a statement that names a rollup table is a rollup
 * `write` when it inserts, updates or deletes one, else a `read`. Other statements are not timed here.
 */
export function rollupStatementObserver(metrics: Metrics): StatementObserver {
  return (sql, seconds, failed) => {
    if (!ROLLUP_NAMES.some((name) => sql.includes(name))) return;
    const writes = [...sql.matchAll(WRITE_TARGETS)].some((target) => ROLLUP_NAMES.includes(target[1]!));
    const statement = writes ? 'write' : 'read';
    metrics.rollupStatementDuration.observe({ statement, failed: failed ? 'true' : 'false' }, seconds);
  };
}
