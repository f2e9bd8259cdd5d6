import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';

/** One request the widget sent, as the server would have received it. */
export interface RecordedOperation {
  readonly operationName: string;
  readonly query: string;
  readonly variables: Record<string, any>;
  readonly authorization: string | null;
}

export interface Reply {
  readonly status?: number;
  readonly body: unknown;
}

export type Answer = (operation: RecordedOperation) => Reply | Promise<Reply>;

/**
 * A GraphQL server behind `fetch`: records every operation (the "load calls" of our N+1 tests)
 * and answers with `answer`. Responses go through Apollo's real HttpLink and cache.
 */
export function fakeGraphQL(answer: Answer) {
  const operations: RecordedOperation[] = [];
  const fetch = async (_input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const body = JSON.parse(String(init?.body)) as { operationName: string; query: string; variables: Record<string, any> };
    const headers = new Headers(init?.headers);
    const operation: RecordedOperation = { ...body, authorization: headers.get('authorization') };
    operations.push(operation);
    const reply = await answer(operation);
    return new Response(JSON.stringify(reply.body), {
      status: reply.status ?? 200,
      headers: { 'content-type': 'application/graphql-response+json' },
    });
  };
  const client = new ApolloClient({ link: new HttpLink({ uri: 'http://creditlens.test/graphql', fetch }), cache: new InMemoryCache() });
  return {
    client,
    fetch,
    operations,
    /** The operation names sent so far, in order. */
    names: () => operations.map((operation) => operation.operationName),
  };
}

export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
}

/** A reply the test releases when it has looked at the loading state. */
export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => (resolve = settle));
  return { promise, resolve };
}
