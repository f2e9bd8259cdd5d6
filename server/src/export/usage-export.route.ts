import type { RequestHandler } from 'express';
import { GraphQLError } from 'graphql';
import { requestCredential } from '../auth';
import { ErrorCode, errorResponseBody, InvalidInputError, toHttpError } from '../errors';
import { parseInstant } from '../graphql';
import { usageCsv, UTF8_BOM } from './usage-csv';
import type { UsageExportRequest, UsageExportService } from './usage-export.service';
import { usageSeriesCsv } from './usage-series-csv';
import { parseGranularity, type UsageSeriesExportService } from './usage-series-export.service';

/** Same origin as the GraphQL endpoint: clients derive it from their configured …/graphql URL. */
export const USAGE_EXPORT_PATH = '/export/usage.csv';
export const USAGE_SERIES_EXPORT_PATH = '/export/usage-series.csv';

const PARAMETERS = new Set(['accountId', 'from', 'to', 'asOf', 'bom']);

/**
 * GET /export/usage.csv?accountId=…&from=…&to=…[&asOf=…][&bom=1]: the page's campaign rows as CSV.
 * Guarded like /graphql (credential, rate limit); an account the credential may not see is
 * the same 404 as one that does not exist.
 */
export function usageExportRoute(exporter: UsageExportService): RequestHandler {
  return csvRoute('usage', PARAMETERS, async (principal, request) => {
    const result = await exporter.export(principal, request);
    return result && { ...result, csv: usageCsv(result.rows) };
  });
}

const SERIES_PARAMETERS = new Set([...PARAMETERS, 'granularity']);

/**
 * GET /export/usage-series.csv?accountId=…&from=…&to=…&granularity=DAY[&asOf=…][&bom=1]: one line
 * per (workspace, campaign row, bucket), in the page's order; granularity DAY when left out.
 */
export function usageSeriesExportRoute(exporter: UsageSeriesExportService): RequestHandler {
  return csvRoute('usage-series', SERIES_PARAMETERS, async (principal, request, query) => {
    const granularity = parseGranularity(single(query, 'granularity', false));
    const result = await exporter.export(principal, { ...request, granularity });
    return result && { ...result, csv: usageSeriesCsv(result.rows) };
  });
}

type CsvAnswer = { readonly window: { readonly from: Date }; readonly asOf: Date; readonly csv: string } | null;

/** An export's handler: parameters checked, the same 404 for unknown and invisible accounts, the CSV headers, errors as JSON. */
function csvRoute(
  name: string,
  parameters: ReadonlySet<string>,
  answer: (principal: ReturnType<typeof requestCredential>['principal'], request: UsageExportRequest, query: Record<string, unknown>) => Promise<CsvAnswer>,
): RequestHandler {
  return async (req, res, next) => {
    try {
      const { principal } = requestCredential(res);
      const request = parseExportQuery(req.query, parameters);
      const result = await answer(principal, request, req.query);
      if (!result) {
        res.status(404).json(errorResponseBody(ErrorCode.NOT_FOUND, 'no such account for this credential'));
        return;
      }
      res
        .status(200)
        .set({
          'content-type': 'text/csv; charset=utf-8; header=present',
          'content-disposition': `attachment; filename="${name}-${safeFilePart(req.query.accountId as string)}-${result.window.from.toISOString().slice(0, 10)}.csv"`,
          'x-creditlens-as-of': result.asOf.toISOString(),
          'cache-control': 'no-store',
        })
        .send(`${request.bom ? UTF8_BOM : ''}${result.csv}`);
    } catch (error) {
      const answer = toHttpError(error);
      if (!answer) return next(error);
      res.status(answer.status).set(answer.headers).json(answer.body);
    }
  };
}

/** The query string, checked: each parameter once, instants as in GraphQL; the message names the parameter. */
export function parseExportQuery(query: Record<string, unknown>, parameters: ReadonlySet<string> = PARAMETERS): UsageExportRequest & { readonly bom: boolean } {
  const unknown = Object.keys(query).filter((name) => !parameters.has(name));
  if (unknown.length > 0) {
    const optional = [...parameters].filter((name) => !['accountId', 'from', 'to'].includes(name)).join(', ');
    throw InvalidInputError.of(unknown[0]!, `unknown parameter; expected accountId, from, to and optionally ${optional}, got ${unknown.map((name) => `"${name}"`).join(', ')}`);
  }
  const accountId = single(query, 'accountId', true)!;
  if (accountId.trim() === '') throw InvalidInputError.of('accountId', 'must not be empty');
  const from = instant(query, 'from', true)!;
  const to = instant(query, 'to', true)!;
  const bom = single(query, 'bom', false);
  if (bom !== null && bom !== '0' && bom !== '1') throw InvalidInputError.of('bom', `must be 1 (start with a UTF-8 byte-order mark, for Excel) or 0, got ${JSON.stringify(bom)}`);
  return { accountId, window: { from, to }, asOf: instant(query, 'asOf', false), bom: bom === '1' };
}

export function single(query: Record<string, unknown>, name: string, required: boolean): string | null {
  const value = query[name];
  if (value === undefined) {
    if (required) throw InvalidInputError.of(name, `is required, e.g. ${name === 'accountId' ? 'accountId=acct_123' : `${name}=2026-06-01T00:00:00Z`}`);
    return null;
  }
  if (typeof value !== 'string') throw InvalidInputError.of(name, 'must be given once, as a plain value');
  if (value.includes('\u0000')) throw InvalidInputError.of(name, 'contains the NUL character (U+0000), which no text accepts');
  return value;
}

export function instant(query: Record<string, unknown>, name: string, required: boolean): Date | null {
  const value = single(query, name, required);
  if (value === null) return null;
  try {
    return parseInstant(value);
  } catch (error) {
    if (error instanceof GraphQLError) throw InvalidInputError.of(name, error.message);
    throw error;
  }
}

/** The account id in a file name: header-safe characters only. */
export function safeFilePart(value: string): string {
  return value.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 64);
}
