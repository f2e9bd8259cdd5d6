/**
 * The examples of the documentation, read from Markdown so a test can run them and compare what
 * they print with what the page shows.
 *
 * Every ```sh and ```graphql block is preceded by a marker comment, so that a block is never
 * skipped by accident:
 *   <!-- example: run -->         run the next block; the fenced block after it is its expected output
 *   <!-- example: variables -->   (between a run GraphQL block and its output) the JSON variables to send
 *   <!-- example: skip — why -->  deliberately not run (a long-running server, a placeholder secret…)
 * In an expected output, `…` inside a line stands for any text on that line (an asOf, a secret),
 * and a line that is only `…` for any number of lines.
 */

export type ExampleLanguage = 'sh' | 'graphql';

export interface DocExample {
  /** File and 1-based line of the example's opening fence, for messages. */
  readonly where: string;
  readonly language: ExampleLanguage;
  readonly code: string;
  readonly variables?: Record<string, unknown>;
  readonly expected: string;
}

export interface DocsReading {
  readonly examples: DocExample[];
  readonly skipped: number;
  /** Blocks that must say whether they run, and how the page breaks the marker rules. */
  readonly problems: string[];
}

interface Fence {
  readonly line: number;
  readonly language: string;
  readonly body: string;
  readonly marker: string | undefined;
}

const RUNNABLE: Readonly<Record<string, ExampleLanguage>> = { sh: 'sh', bash: 'sh', shell: 'sh', graphql: 'graphql', gql: 'graphql' };
const MARKER = /^<!--\s*example:\s*(run|variables|skip)\b.*?-->$/;

function fencesOf(markdown: string): Fence[] {
  const lines = markdown.split(/\r?\n/);
  const fences: Fence[] = [];
  let lastNonEmpty = '';
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]!);
    if (!open) {
      if (lines[i]!.trim() !== '') lastNonEmpty = lines[i]!.trim();
      continue;
    }
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
    fences.push({ line: start + 1, language: open[1]!.toLowerCase(), body: body.join('\n'), marker: MARKER.exec(lastNonEmpty)?.[1] });
    lastNonEmpty = '';
  }
  return fences;
}

/** The examples of one Markdown file (`file` names it in messages). */
export function readExamples(file: string, markdown: string): DocsReading {
  const fences = fencesOf(markdown);
  const examples: DocExample[] = [];
  const problems: string[] = [];
  let skipped = 0;
  for (let i = 0; i < fences.length; i++) {
    const fence = fences[i]!;
    const where = `${file}:${fence.line}`;
    const language = RUNNABLE[fence.language];
    if (fence.marker === 'skip') {
      skipped++;
      continue;
    }
    if (fence.marker !== 'run') {
      if (language && fence.marker === undefined) problems.push(`${where}: a ${fence.language} block without <!-- example: run --> or <!-- example: skip — why --> before it`);
      else if (fence.marker === 'variables' && !(fences[i - 1]?.marker === 'run' && fences[i - 1]?.language === 'graphql')) problems.push(`${where}: variables that follow no run GraphQL block`);
      continue;
    }
    if (!language) {
      problems.push(`${where}: <!-- example: run --> before a ${fence.language || 'plain'} block; only sh and graphql blocks run`);
      continue;
    }
    let variables: Record<string, unknown> | undefined;
    let next = fences[i + 1];
    if (next?.marker === 'variables') {
      try {
        variables = JSON.parse(next.body) as Record<string, unknown>;
      } catch (error) {
        problems.push(`${file}:${next.line}: the variables are not JSON: ${(error as Error).message}`);
      }
      i++;
      next = fences[i + 1];
    }
    if (!next || next.marker !== undefined) {
      problems.push(`${where}: a run example needs its expected output as the next fenced block`);
      continue;
    }
    i++;
    examples.push({ where, language, code: fence.body, ...(variables ? { variables } : {}), expected: next.body });
  }
  return { examples, skipped, problems };
}

/** Whether `actual` is what the page shows: line by line, with the `…` wildcards described above. */
export function matchesExpected(actual: string, expected: string): boolean {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = normalise(expected)
    .split('\n')
    .map((line) => (line.trim() === '…' ? '(?:[^\\n]*\\n)*?' : `${line.split('…').map(escape).join('[^\\n]*')}\\n`))
    .join('');
  return new RegExp(`^${pattern}$`).test(`${normalise(actual)}\n`);
}

/** CRLF as LF, no trailing blank lines or spaces: what a page can show. */
export function normalise(text: string): string {
  return text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n+$/, '');
}
