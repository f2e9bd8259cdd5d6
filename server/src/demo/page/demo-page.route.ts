import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import type { EmbedKeyring } from '../../auth';
import { DEMO_ACCOUNT } from '../demo-data';
import { DEMO_ASSETS_PATH, demoPageHtml } from './demo-page.html';

export interface DemoPageOptions {
  /** Where the built demo app lives; default: the widget package's dist/demo (built by `npm run build`). */
  readonly assetsDir?: string;
  /** Lifetime of the embed token minted per page view. */
  readonly tokenTtlSeconds?: number;
  readonly now?: () => Date;
}

const DEFAULT_TOKEN_TTL_SECONDS = 15 * 60;

/**
 * Content-Security-Policy of the demo page: everything from this origin, nothing from elsewhere
 * (the page must work with no internet access). Inline styles are allowed because the widget
 * injects its stylesheet and sizes its share bars inline.
 */
const CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

/**
 * GET / — the demo host's Billing → Usage page on the seeded demo account, and its script at
 * /demo-assets/. Each page view mints a short-lived embed token for the demo account only
 * (read-only; served only where the demo data is, DEMO=1: app/http-app.ts).
 */
export function demoPage(embedKeys: EmbedKeyring, options: DemoPageOptions = {}): Router {
  const assetsDir = options.assetsDir ?? defaultAssetsDir();
  const ttlMs = (options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS) * 1000;
  const now = options.now ?? (() => new Date());
  const router = Router();

  router.get('/', async (_req, res, next) => {
    try {
      if (!fs.existsSync(path.join(assetsDir, 'demo.js'))) {
        res.status(503).type('text/plain').send(`The demo page is not built: expected ${path.join(assetsDir, 'demo.js')}. Run \`npm run build\` first.`);
        return;
      }
      const issuedAt = now();
      const token = await embedKeys.sign({ accountId: DEMO_ACCOUNT.id, workspaceIds: null, expiresAt: new Date(issuedAt.getTime() + ttlMs) }, issuedAt);
      res
        .set({ 'cache-control': 'no-store', 'content-security-policy': CONTENT_SECURITY_POLICY, 'referrer-policy': 'no-referrer' })
        .type('html')
        .send(demoPageHtml({ endpoint: '/graphql', token, accountId: DEMO_ACCOUNT.id }));
    } catch (error) {
      next(error);
    }
  });
  router.use(DEMO_ASSETS_PATH, express.static(assetsDir, { index: false, maxAge: '5m' }));
  return router;
}

function defaultAssetsDir(): string {
  return path.join(path.dirname(require.resolve('@creditlens/widget/package.json')), 'dist', 'demo');
}
