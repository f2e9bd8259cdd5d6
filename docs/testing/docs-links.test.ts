import fs from 'node:fs';
import path from 'node:path';
import { anchorsOf, linksOf } from './docs-links';

const ROOT = path.resolve(__dirname, '../..');
const pages = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((file) => file.endsWith('.md')).map((file) => `docs/${file}`)];

describe('linksOf and anchorsOf', () => {
  it('reads relative links outside code, with their anchors, and leaves absolute URLs alone', () => {
    const page = ['See [the API](docs/api.md#limits), [above](#quick-start) and [pino](https://getpino.io).', '`[not](a-link.md)`', '```', '[nor](this.md)', '```'].join('\n');
    expect(linksOf(page)).toEqual([
      { line: 1, path: 'docs/api.md', anchor: 'limits' },
      { line: 1, path: '', anchor: 'quick-start' },
    ]);
  });

  it('gives headings the anchors GitHub gives them', () => {
    const page = ['# Creditlens API', '### CSV export (`GET /export/usage.csv`)', '## The expand query, with `asOf`', '## Limits', '## Limits'].join('\n');
    expect([...anchorsOf(page)]).toEqual(['creditlens-api', 'csv-export-get-exportusagecsv', 'the-expand-query-with-asof', 'limits', 'limits-1']);
  });
});

describe('the links of the documentation', () => {
  it.each(pages)('%s links only to files that exist and headings they have', (page) => {
    const broken = linksOf(fs.readFileSync(path.join(ROOT, page), 'utf8')).flatMap((link) => {
      const target = link.path === '' ? path.join(ROOT, page) : path.resolve(path.dirname(path.join(ROOT, page)), link.path);
      const where = `${page}:${link.line} → ${link.path}${link.anchor !== undefined ? `#${link.anchor}` : ''}`;
      if (!fs.existsSync(target)) return [`${where}: no such file`];
      if (link.anchor === undefined) return [];
      if (!target.endsWith('.md')) return [`${where}: an anchor into a file that is not Markdown`];
      return anchorsOf(fs.readFileSync(target, 'utf8')).has(link.anchor) ? [] : [`${where}: no such heading`];
    });
    expect(broken).toEqual([]);
  });
});
