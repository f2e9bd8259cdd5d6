import type { RequestHandler, Response } from 'express';
import { openAccount } from '../access';
import { requestCredential } from '../auth';
import type { CatalogRepository } from '../catalog';
import { ErrorCode, errorResponseBody, InvalidInputError, toHttpError } from '../errors';
import type { EntriesRequest, UsageEntriesService, UsageService } from '../usage';
import { ENTRIES_CSV_HEADER, entriesCsvLines } from './entries-csv';
import { UTF8_BOM } from './usage-csv';
import { parseExportQuery, safeFilePart, single } from './usage-export.route';

/** Same origin as the GraphQL endpoint, beside the usage CSV. */
export const ENTRIES_EXPORT_PATH = '/export/entries.csv';

const PARAMETERS = new Set(['accountId', 'from', 'to', 'asOf', 'workspaceId', 'campaignId', 'noCampaign', 'bom']);
/** Entries per keyset batch: one statement each, and the most the server holds of the file at once. */
export const ENTRIES_EXPORT_BATCH = 2000;

/**
 * GET /export/entries.csv?accountId=…&from=…&to=…[&asOf=…][&workspaceId=…][&campaignId=…|&noCampaign=1][&bom=1]:
 * the entries usageEntries lists for the same arguments, streamed. Each keyset batch is read
 * only once the previous one has been taken by the socket (a slow reader slows the reads; the
 * server never holds more than one batch), and a reader that goes away stops the reads. Once the
 * headers are sent the request time limit no longer applies; each statement keeps the
 * database's statement timeout, and a failure then cuts the response short (no well-formed end).
 */
export function entriesExportRoute(catalog: CatalogRepository, usage: UsageService, entries: UsageEntriesService): RequestHandler {
  return async (req, res, next) => {
    try {
      const { principal } = requestCredential(res);
      const { accountId, request, bom } = parseEntriesQuery(req.query);
      const account = await openAccount(principal, accountId, (id) => catalog.findAccount(id));
      if (!account) {
        res.status(404).json(errorResponseBody(ErrorCode.NOT_FOUND, 'no such account for this credential'));
        return;
      }
      const stream = await entries.stream(principal, account, { ...request, window: usage.checkWindow(request.window, 'window') }, ENTRIES_EXPORT_BATCH);
      res.status(200).set({
        'content-type': 'text/csv; charset=utf-8; header=present',
        'content-disposition': `attachment; filename="entries-${safeFilePart(account.id)}-${request.window.from.toISOString().slice(0, 10)}.csv"`,
        'x-creditlens-as-of': new Date(stream.asOf).toISOString(),
        'cache-control': 'no-store',
      });
      let gone = false;
      res.once('close', () => (gone = true));
      await written(res, `${bom ? UTF8_BOM : ''}${ENTRIES_CSV_HEADER}`);
      for await (const batch of stream.batches) {
        if (gone) return;
        await written(res, entriesCsvLines(batch));
      }
      res.end();
    } catch (error) {
      if (res.headersSent) {
        res.destroy(error instanceof Error ? error : undefined);
        return;
      }
      const answer = toHttpError(error);
      if (!answer) return next(error);
      res.status(answer.status).set(answer.headers).json(answer.body);
    }
  };
}

/** Resolves once the socket took `chunk` (at once, or after 'drain'), or the reader is gone. */
function written(res: Response, chunk: string): Promise<void> {
  if (res.write(chunk) || res.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** The query string, checked as the usage CSV's (each parameter once, the message names it), plus the row's filter. */
export function parseEntriesQuery(query: Record<string, unknown>): { accountId: string; request: EntriesRequest; bom: boolean } {
  const { accountId, window, asOf, bom } = parseExportQuery(query, PARAMETERS);
  const noCampaign = single(query, 'noCampaign', false);
  if (noCampaign !== null && noCampaign !== '0' && noCampaign !== '1') throw InvalidInputError.of('noCampaign', `must be 1 (only entries without a campaign) or 0, got ${JSON.stringify(noCampaign)}`);
  return {
    accountId,
    request: { window, asOf, filter: { workspaceId: single(query, 'workspaceId', false), campaignId: single(query, 'campaignId', false), noCampaign: noCampaign === '1' } },
    bom,
  };
}
