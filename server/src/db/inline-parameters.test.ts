import { inlineParameters } from './inline-parameters';

describe('inlineParameters', () => {
  it('writes each value in place of its placeholder, in order', () => {
    expect(inlineParameters('SELECT a FROM t WHERE b = ? AND c < ? AND d IN (?, ?)', ['x', 5, 'y', 7n])).toBe(
      "SELECT a FROM t WHERE b = 'x' AND c < (5) AND d IN ('y', (7))",
    );
  });

  it('escapes quotes and backslashes in strings, so a value can never end its literal', () => {
    expect(inlineParameters('SELECT ?', ["o'clock"])).toBe("SELECT 'o''clock'");
    // pg writes a string with a backslash as an E'' literal, with a space before it.
    expect(inlineParameters('SELECT ?', ["\\'; DROP TABLE t; --"])).toBe("SELECT  E'\\\\''; DROP TABLE t; --'");
  });

  it('keeps a negative number after a minus from reading as a comment', () => {
    expect(inlineParameters('SELECT x -?', [-5])).toBe('SELECT x -(-5)');
  });

  it('leaves a question mark inside a value alone rather than filling it as a placeholder', () => {
    expect(inlineParameters('SELECT ?, ?', ['why?', 'b'])).toBe("SELECT 'why?', 'b'");
  });

  it('writes null, undefined and booleans as SQL keywords', () => {
    expect(inlineParameters('SELECT ?, ?, ?, ?', [null, undefined, true, false])).toBe('SELECT NULL, NULL, TRUE, FALSE');
  });

  it('writes an array as an ARRAY of its escaped literals, and an empty one as the empty array literal', () => {
    expect(inlineParameters('SELECT CAST(? AS TEXT[]), CAST(? AS TEXT[])', [["a'b", 'c'], []])).toBe("SELECT CAST(ARRAY['a''b', 'c'] AS TEXT[]), CAST('{}' AS TEXT[])");
    expect(() => inlineParameters('SELECT ?', [[['nested']]])).toThrow('value 0 is a nested array');
  });

  it('refuses values it cannot write as a literal, naming their position', () => {
    expect(() => inlineParameters('SELECT ?, ?', [1, { a: 1 }])).toThrow('value 1 is a object');
    expect(() => inlineParameters('SELECT ?', [Number.NaN])).toThrow('value 0 is NaN, not a finite number');
    expect(() => inlineParameters('SELECT ?', [Infinity])).toThrow('not a finite number');
  });

  it('refuses a statement whose placeholders and values do not match in number', () => {
    expect(() => inlineParameters('SELECT ?, ?', [1])).toThrow('more placeholders than its 1 values');
    expect(() => inlineParameters('SELECT ?', [1, 2])).toThrow('has 1 placeholders for 2 values');
  });
});
