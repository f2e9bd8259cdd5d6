/**
 * Keyset pagination shared by every connection: one PageInfo type, one cursor codec, one bound
 * on `first`. A cursor is the position of the last row of a page (the values of the listing's
 * order key) with the listing it belongs to — its kind and its scope (the account of a
 * workspaces listing, the workspace of a campaigns listing). It is not signed: it holds nothing
 * the caller has not seen on that page, and the server trusts none of it — the scope is compared
 * with the listing asked for, and the position is only ever a bound in a WHERE clause.
 */
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { InvalidInputError } from '../errors';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

@ObjectType({ description: 'Where a page of a connection stands in its listing.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'True when rows follow this page: ask again with after: endCursor.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: "The cursor of the page's last row (null on an empty page): pass it as `after` for the next page." })
  endCursor!: string | null;
}

/** The arguments of every connection field. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: `How many rows, 1 to ${MAX_PAGE_SIZE}; default ${DEFAULT_PAGE_SIZE}.` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The endCursor (or an edge cursor) of the previous page of this same listing; left out, the first page.' })
  after?: string | null;
}

/** One listing: its name and scope (what a cursor must match), and the order key of its rows. */
export interface Listing<T> {
  readonly name: string;
  /** The account of a workspaces listing, the workspace of a campaigns listing; '' for a global one. */
  readonly scope: string;
  readonly keyLength: number;
  readonly keyOf: (row: T) => readonly string[];
}

/** A position in one listing: which listing, in what scope, after which order-key values. */
export interface CursorPosition {
  readonly listing: string;
  readonly scope: string;
  readonly key: readonly string[];
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.listing, position.scope, position.key])).toString('base64url');
}

/**
 * The order-key values after which a page starts, or null for the first page. A cursor that is
 * not one of ours, or that belongs to another listing or scope, is BAD_USER_INPUT on `after`
 * with the same words whatever the other scope is (another tenant's cursor must not tell anything).
 */
export function decodeAfter(after: string | null | undefined, expected: Pick<Listing<unknown>, 'name' | 'scope' | 'keyLength'>): readonly string[] | null {
  if (after === null || after === undefined) return null;
  const parsed = parseCursor(after);
  if (!parsed) throw InvalidInputError.of('after', 'is not a cursor: pass the endCursor (or an edge cursor) of a page of this listing');
  const [listing, scope, key] = parsed;
  if (listing !== expected.name || scope !== expected.scope || key.length !== expected.keyLength) {
    throw InvalidInputError.of('after', `is a cursor of another listing: pass a cursor of this ${expected.name} listing`);
  }
  return key;
}

function parseCursor(text: string): [string, string, string[]] | null {
  // Room for the longest order key: two 500-character names of escaped control characters.
  if (!/^[A-Za-z0-9_-]{1,16384}$/.test(text)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3) return null;
    const [listing, scope, key] = value as unknown[];
    if (typeof listing !== 'string' || typeof scope !== 'string' || !Array.isArray(key) || !key.every((part) => typeof part === 'string')) return null;
    return [listing, scope, key as string[]];
  } catch {
    return null;
  }
}

/** `first` as asked (default DEFAULT_PAGE_SIZE), from 1 to MAX_PAGE_SIZE. */
export function checkFirst(first: number | null | undefined): number {
  const count = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(count) || count < 1 || count > MAX_PAGE_SIZE) {
    throw InvalidInputError.of('first', `must be from 1 to ${MAX_PAGE_SIZE}, got ${count}`);
  }
  return count;
}

/** What a repository answers for one page: up to `first` rows, whether more follow, and the listing's size. */
export interface Page<T> {
  readonly rows: readonly T[];
  readonly hasNextPage: boolean;
  readonly totalCount: number;
}

/** Rows read with LIMIT first + 1: the extra row only says that a next page exists. */
export function pageOf<T>(rows: readonly T[], first: number, totalCount: number): Page<T> {
  return { rows: rows.slice(0, first), hasNextPage: rows.length > first, totalCount };
}

export interface Edge<N> {
  cursor: string;
  node: N;
}

export interface Connection<N> {
  edges: Edge<N>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** A page as a connection: every edge's cursor is its row's position. */
export function toConnection<T, N>(page: Page<T>, listing: Listing<T>, node: (row: T) => N): Connection<N> {
  const edges = page.rows.map((row) => ({ cursor: encodeCursor({ listing: listing.name, scope: listing.scope, key: listing.keyOf(row) }), node: node(row) }));
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: page.totalCount };
}

/** A connection field's whole work: check `first` and `after`, read the page after the cursor's position, map its rows. */
export async function connectionOf<T, N>(
  args: PageArgs,
  listing: Listing<T>,
  read: (first: number, after: readonly string[] | null) => Promise<Page<T>>,
  node: (row: T) => N,
): Promise<Connection<N>> {
  const first = checkFirst(args.first);
  const after = decodeAfter(args.after, listing);
  return toConnection(await read(first, after), listing, node);
}

/** The `<Name>Connection` and `<Name>Edge` object types of one node type. */
export function connectionTypes<N extends object>(nodeType: ClassType<N>, name: string, rows: string): ClassType<Connection<N>> {
  @ObjectType(`${name}Edge`, { description: `One ${name} of the listing with its position.` })
  class EdgeType implements Edge<N> {
    @Field(() => String, { description: `The position of this ${name}: pass it as \`after\` to continue after it.` })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${name}.` })
    node!: N;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${rows}.` })
  class ConnectionType implements Connection<N> {
    @Field(() => [EdgeType], { description: 'The rows of this page, in the listing\'s order.' })
    edges!: EdgeType[];

    @Field(() => PageInfo, { description: 'Whether more rows follow, and the cursor to ask for them.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many rows the whole listing has (every page answers the same while nothing changes).' })
    totalCount!: number;
  }
  return ConnectionType;
}
