import { matchesExpected, readExamples } from './docs-examples';

const page = (...parts: string[]) => parts.join('\n');

describe('readExamples', () => {
  it('takes a run block with its variables and its expected output, and counts deliberate skips', () => {
    const reading = readExamples(
      'README.md',
      page(
        '<!-- example: skip — starts a server -->',
        '```sh',
        'npm start',
        '```',
        '<!-- example: run -->',
        '```graphql',
        'query($id: ID!) { account(id: $id) { id } }',
        '```',
        '<!-- example: variables -->',
        '```json',
        '{ "id": "acct_demo" }',
        '```',
        '```json',
        '{ "data": … }',
        '```',
        '```ts',
        'const notRun = true;',
        '```',
      ),
    );
    expect(reading.problems).toEqual([]);
    expect(reading.skipped).toBe(1);
    expect(reading.examples).toEqual([{ where: 'README.md:6', language: 'graphql', code: 'query($id: ID!) { account(id: $id) { id } }', variables: { id: 'acct_demo' }, expected: '{ "data": … }' }]);
  });

  it('names every sh or graphql block that says neither run nor skip, and a run block without an output', () => {
    const reading = readExamples('docs/api.md', page('```sh', 'ls', '```', '', '<!-- example: run -->', '```graphql', '{ x }', '```'));
    expect(reading.problems).toEqual([
      'docs/api.md:1: a sh block without <!-- example: run --> or <!-- example: skip — why --> before it',
      'docs/api.md:6: a run example needs its expected output as the next fenced block',
    ]);
  });
});

describe('matchesExpected', () => {
  it('compares line by line, ignoring CRLF and trailing blanks', () => {
    expect(matchesExpected('a,b\r\nc,d\r\n', 'a,b\nc,d')).toBe(true);
    expect(matchesExpected('a,b\nc,e\n', 'a,b\nc,d')).toBe(false);
    expect(matchesExpected('a,b\nc,d\nextra\n', 'a,b\nc,d')).toBe(false);
  });

  it('lets … stand for any text within a line, and a line of … for any lines', () => {
    expect(matchesExpected('as of 2026-12-01T10:00:00.000Z\nTotal 5', 'as of …\nTotal 5')).toBe(true);
    expect(matchesExpected('head\none\ntwo\ntail', 'head\n…\ntail')).toBe(true);
    expect(matchesExpected('head\ntail', 'head\n…\ntail')).toBe(true);
    expect(matchesExpected('as of x\nTotal 6', 'as of …\nTotal 5')).toBe(false);
    expect(matchesExpected('a.b', 'a…c')).toBe(false);
  });
});
