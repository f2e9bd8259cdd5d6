import { parse } from 'graphql';
import { deepJsonArray } from './attacks';
import { firstDocumentProblem, firstInputProblem } from './text-input.plugin';

const NESTING = 32;

describe('firstInputProblem', () => {
  it('names where the first NUL character sits in the variables', () => {
    expect(firstInputProblem({ entries: [{ idempotencyKey: 'ok' }, { idempotencyKey: 'a\u0000b' }] }, NESTING)?.path).toBe('entries[1].idempotencyKey');
    expect(firstInputProblem({ id: '\u0000' }, NESTING)).toEqual({ path: 'id', message: 'contains the NUL character (U+0000), which no text accepts' });
  });

  it('names the field of a lone surrogate, leading or trailing, and which code unit it is', () => {
    const entries = [{ idempotencyKey: 'k-1' }, { idempotencyKey: 'k-2' }, { idempotencyKey: 'k-3' }, { idempotencyKey: 'k-\ud800' }];
    expect(firstInputProblem({ entries }, NESTING)).toEqual({ path: 'entries[3].idempotencyKey', message: expect.stringContaining('unpaired UTF-16 surrogate (U+D800) at index 2') });
    expect(firstInputProblem({ input: { name: 'x\udc00' } }, NESTING)?.message).toContain('(U+DC00)');
    expect(firstInputProblem({ input: { name: 'end\ud83d' } }, NESTING)?.path).toBe('input.name');
  });

  it('reports the first problem in document order, keys included', () => {
    expect(firstInputProblem({ a: ['ok', 'x\ud800'], b: '\u0000' }, NESTING)?.path).toBe('a[1]');
    expect(firstInputProblem({ input: { ['bad\ud800key']: 'v' }, later: '\u0000' }, NESTING)).toEqual({ path: 'input.bad\ud800key', message: expect.stringMatching(/^its name contains an unpaired/) });
  });

  it('finds nothing in ordinary text, paired surrogates (emoji), numbers and nulls', () => {
    expect(firstInputProblem({ id: 'acct_1', name: 'naïve 🙂 ✓', n: 3, none: null, list: ['x', []], empty: {} }, NESTING)).toBeNull();
  });

  it('refuses input nested deeper than the limit, naming where, and accepts the limit itself', () => {
    const nested = (depth: number): unknown => (depth === 0 ? 'leaf' : [nested(depth - 1)]);
    expect(firstInputProblem({ deep: nested(NESTING - 1) }, NESTING)).toBeNull();
    expect(firstInputProblem({ deep: nested(NESTING) }, NESTING)).toEqual({
      path: `deep${'[0]'.repeat(NESTING)}`,
      message: expect.stringContaining(`nests deeper than ${NESTING} levels`),
      limit: 'nesting',
    });
  });

  it('walks JSON nested 100,000 deep without recursion', () => {
    const deep = JSON.parse(`{"deep":${deepJsonArray(100_000)},"deepObject":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`);
    expect(firstInputProblem(deep, NESTING)?.limit).toBe('nesting');
    expect(firstInputProblem({ deepObject: deep.deepObject }, NESTING)?.path).toBe(`deepObject${'.a'.repeat(NESTING)}`);
  });
});

describe('firstDocumentProblem', () => {
  it('names the argument path of a NUL character in an inline literal', () => {
    const document = parse('mutation { recordUsage(entries: [{ idempotencyKey: "ok" }, { idempotencyKey: "a\\u0000b" }]) { accepted } }');
    expect(firstDocumentProblem(document, NESTING)).toEqual({ path: 'entries[1].idempotencyKey', message: 'contains the NUL character (U+0000), which no text accepts' });
  });

  it('looks into variable defaults and directive arguments', () => {
    expect(firstDocumentProblem(parse('query($id: ID = "\\u0000") { account(id: $id) { id } }'), NESTING)?.path).toBe('$id');
    expect(firstDocumentProblem(parse('{ account(id: "a") @include(if: true) { name @skip(if: false) } a: account(id: "\\u0000") { id } }'), NESTING)?.path).toBe('id');
  });

  it('finds nothing in an ordinary query', () => {
    expect(firstDocumentProblem(parse('{ account(id: "acct 🙂") { usage(window: { from: "2026-06-01T00:00:00Z", to: "2026-07-01T00:00:00Z" }) { totalCredits } } }'), NESTING)).toBeNull();
  });
});
