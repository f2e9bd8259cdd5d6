/**
 * How this page is set up: the host's theme, how it loads the widget's styles, and the CSP nonce
 * its server put into the page. The query parameters exist for the browser tests
 * (widget/e2e/host-app.e2e.test.ts), which load one build of this app in every state a host meets;
 * a real host decides these once, in its own code.
 */
export interface PageOptions {
  /** The host's theme switch: `?theme=light|dark` pins the page's `color-scheme`; none follows the OS. */
  readonly theme: 'light' | 'dark' | undefined;
  /** `?csp=self`: the server answers `style-src 'self'`, so the page links the widget's stylesheet itself. */
  readonly linkedStyles: boolean;
  /** `?ttl=N`: embed tokens of N seconds (the server bounds it), to see them renewed. */
  readonly tokenTtlSeconds: number | undefined;
  /** The per-request nonce the server wrote into Vite's `<meta property="csp-nonce">` (html.cspNonce). */
  readonly nonce: string | undefined;
}

export function readPageOptions(location: Location, document: Document): PageOptions {
  const query = new URLSearchParams(location.search);
  const theme = query.get('theme');
  const ttl = Number(query.get('ttl'));
  // The browser hides a nonce attribute's value from getAttribute; the property keeps it.
  const nonce = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce;
  return {
    theme: theme === 'light' || theme === 'dark' ? theme : undefined,
    linkedStyles: query.get('csp') === 'self',
    tokenTtlSeconds: Number.isInteger(ttl) && ttl > 0 ? ttl : undefined,
    nonce: nonce || undefined,
  };
}
