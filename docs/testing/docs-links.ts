/**
 * The relative links of the documentation, read from Markdown so a test can check that each
 * points at a file of the repository and, with `#…`, at a heading of that page. Links inside
 * fenced blocks and inline code are text, not links; absolute URLs are not followed.
 */

export interface DocLink {
  /** 1-based line of the link, for messages. */
  readonly line: number;
  /** The path part, relative to the page's folder; empty for a link within the page. */
  readonly path: string;
  /** The anchor after `#`, if any. */
  readonly anchor?: string;
}

/** The relative links `[text](target)` of a page, outside code. */
export function linksOf(markdown: string): DocLink[] {
  const links: DocLink[] = [];
  let inFence = false;
  markdown.split(/\r?\n/).forEach((text, index) => {
    if (/^```/.test(text)) inFence = !inFence;
    if (inFence) return;
    const prose = text.replace(/(`+)[^`]*?\1/g, '');
    for (const match of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = match[1]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      const [path, anchor] = target.split('#', 2) as [string, string | undefined];
      links.push({ line: index + 1, path, ...(anchor !== undefined ? { anchor } : {}) });
    }
  });
  return links;
}

/** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as `-`, repeats numbered. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let inFence = false;
  for (const text of markdown.split(/\r?\n/)) {
    if (/^```/.test(text)) inFence = !inFence;
    const heading = inFence ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(text);
    if (!heading) continue;
    const slug = heading[1]!.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}
