import { Router, type Request } from 'express';
import { explorerAssets } from './explorer-assets';
import { explorerTabs } from './explorer-tabs';

export const EXPLORER_SCRIPT_PATH = '/explorer/explorer.js';
export const EXPLORER_STYLESHEET_PATH = '/explorer/explorer.css';

/**
 * The browser may load only this origin's scripts and styles and talk only to this origin: the
 * explorer makes no request off the machine. GraphiQL sets inline styles and ships its fonts and
 * icons as data: URLs.
 */
export const EXPLORER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** A browser opening the URL asks for HTML first; API clients ask for JSON or anything. */
export function wantsHtml(req: Request): boolean {
  return req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
}

/**
 * GET /graphql from a browser: the GraphiQL explorer, with a field for the Authorization header
 * and the example operations of docs/api.md in tabs. Other requests to /graphql pass through to the API.
 */
export function explorerRouter(endpointPath = '/graphql'): Router {
  const router = Router();
  router.get(endpointPath, (req, res, next) => {
    if (!wantsHtml(req)) return next();
    res.set({ 'content-type': 'text/html; charset=utf-8', 'content-security-policy': EXPLORER_CSP, 'cache-control': 'no-store' });
    res.send(explorerPage(endpointPath, new Date()));
  });
  router.get(EXPLORER_SCRIPT_PATH, asset('script', 'text/javascript; charset=utf-8'));
  router.get(EXPLORER_STYLESHEET_PATH, asset('stylesheet', 'text/css; charset=utf-8'));
  return router;
}

function asset(kind: 'script' | 'stylesheet', contentType: string) {
  return async (_req: Request, res: import('express').Response, next: import('express').NextFunction) => {
    try {
      const assets = await explorerAssets();
      res.set({ 'content-type': contentType, 'cache-control': 'public, max-age=3600' }).send(assets[kind]);
    } catch (error) {
      next(error);
    }
  };
}

function explorerPage(endpointPath: string, now: Date): string {
  // "<" escaped so no string in the config can close the script element.
  const config = JSON.stringify({ endpoint: endpointPath, tabs: explorerTabs(now) }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Creditlens API explorer</title>
<link rel="stylesheet" href="${EXPLORER_STYLESHEET_PATH}">
<script type="application/json" id="explorer-config">${config}</script>
<script src="${EXPLORER_SCRIPT_PATH}" defer></script>
</head>
<body>
<div id="explorer"></div>
<noscript>The Creditlens API explorer needs JavaScript. The API itself is POST ${endpointPath}.</noscript>
</body>
</html>
`;
}
