import { checkFirst, decodeAfter, encodeCursor, MAX_PAGE_SIZE, pageOf, toConnection, type Listing } from './pagination';

const WORKSPACES: Listing<{ name: string; id: string }> = { name: 'workspaces', scope: 'acct_a', keyLength: 2, keyOf: (row) => [row.name, row.id] };

function badInputOf(run: () => unknown): { field?: string; message: string } {
  try {
    run();
  } catch (error) {
    return { field: (error as { problems?: Array<{ field: string }> }).problems?.[0]?.field, message: (error as Error).message };
  }
  throw new Error('expected an error');
}

describe('cursors', () => {
  it('read back the position they were made from, whatever the characters of the names', () => {
    for (const name of ['Alpha', '😀 smile', '\uFFFD', '\u0001'.repeat(500), 'é'.repeat(500), '"quoted", [bracketed]']) {
      const cursor = encodeCursor({ listing: 'workspaces', scope: 'acct_a', key: [name, 'w_1'.repeat(85)] });
      expect(decodeAfter(cursor, WORKSPACES)).toEqual([name, 'w_1'.repeat(85)]);
    }
  });

  it('mean the first page when left out', () => {
    expect(decodeAfter(null, WORKSPACES)).toBeNull();
    expect(decodeAfter(undefined, WORKSPACES)).toBeNull();
  });

  it('refuse what is not one of ours as BAD_USER_INPUT on after', () => {
    const notCursors = ['', 'not base64!', 'AAAA', Buffer.from('{}').toString('base64url'), Buffer.from('["workspaces","acct_a",[1,2]]').toString('base64url'), 'A'.repeat(20_000)];
    for (const text of notCursors) expect(badInputOf(() => decodeAfter(text, WORKSPACES))).toEqual({ field: 'after', message: expect.stringMatching(/^after: is not a cursor/) });
  });

  it("refuse another listing's, another scope's and a wrong-length position with the same words", () => {
    const others = [
      encodeCursor({ listing: 'campaigns', scope: 'acct_a', key: ['a', 'b'] }),
      encodeCursor({ listing: 'workspaces', scope: 'acct_b', key: ['a', 'b'] }),
      encodeCursor({ listing: 'workspaces', scope: 'acct_a', key: ['a'] }),
    ];
    const answers = others.map((cursor) => badInputOf(() => decodeAfter(cursor, WORKSPACES)));
    expect(answers[0]).toEqual({ field: 'after', message: 'after: is a cursor of another listing: pass a cursor of this workspaces listing' });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });
});

describe('first', () => {
  it('defaults to 50 and takes 1 to 500', () => {
    expect([checkFirst(undefined), checkFirst(null), checkFirst(1), checkFirst(MAX_PAGE_SIZE)]).toEqual([50, 50, 1, 500]);
  });

  it('refuses anything else as BAD_USER_INPUT on first', () => {
    for (const first of [0, -1, 501, 2 ** 31]) expect(badInputOf(() => checkFirst(first))).toEqual({ field: 'first', message: `first: must be from 1 to 500, got ${first}` });
  });
});

describe('a page as a connection', () => {
  it('keeps first rows, says whether one more was read, and ends on the last edge\'s cursor', () => {
    const rows = [{ name: 'a', id: '1' }, { name: 'b', id: '2' }, { name: 'c', id: '3' }];
    const connection = toConnection(pageOf(rows, 2, 7), WORKSPACES, (row) => row.id);
    expect(connection.edges.map((edge) => edge.node)).toEqual(['1', '2']);
    expect(connection.pageInfo).toEqual({ hasNextPage: true, endCursor: connection.edges[1]!.cursor });
    expect(decodeAfter(connection.pageInfo.endCursor, WORKSPACES)).toEqual(['b', '2']);
    expect(connection.totalCount).toBe(7);
    expect(toConnection(pageOf([], 2, 0), WORKSPACES, (row) => row.id).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });
});
