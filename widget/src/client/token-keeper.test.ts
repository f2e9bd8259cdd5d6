import { fakeJwt } from '../testing/fixtures';
import { TokenRenewalError } from '../data/widget-error';
import { authorizedFetch, MIN_RENEWAL_INTERVAL_MS, readClaims, TokenKeeper } from './token-keeper';

const NOW = Date.parse('2026-06-20T10:00:00.000Z');
const seconds = (ms: number) => Math.floor(ms / 1000);

/** Tokens that live `ttl` seconds from the fake clock's now, numbered so tests can tell them apart. */
function tokenFunction(ttl: number) {
  let issued = 0;
  const fn = jest.fn(async () => {
    issued += 1;
    const iat = seconds(Date.now());
    return fakeJwt({ iat, exp: iat + ttl, n: issued });
  });
  return fn;
}

beforeEach(() => {
  jest.useFakeTimers({ now: NOW });
});
afterEach(() => {
  jest.useRealTimers();
});

describe('readClaims', () => {
  it('reads iat, exp and the workspace scope of an embed token without verifying it', () => {
    expect(readClaims(fakeJwt({ iat: 100, exp: 1000, ws: ['ws_a', 'ws_b'] }))).toMatchObject({ iat: 100, exp: 1000, ws: ['ws_a', 'ws_b'] });
  });

  it('answers null for an opaque token such as an API key', () => {
    expect(readClaims('clk_live_0123456789abcdef')).toBeNull();
  });
});

describe('TokenKeeper', () => {
  it('asks the host for a token at start and reuses it while it is fresh', async () => {
    const keeper = new TokenKeeper();
    const fetchToken = tokenFunction(900);
    keeper.setSource(fetchToken);

    const first = await keeper.current();
    jest.advanceTimersByTime(60_000);
    expect(await keeper.current()).toBe(first);
    expect(fetchToken).toHaveBeenCalledTimes(1);
  });

  it('renews when 80 % of the lifetime has passed, by its timer, before the token expires', async () => {
    const keeper = new TokenKeeper();
    const fetchToken = tokenFunction(100);
    keeper.setSource(fetchToken);
    keeper.start();
    const first = await keeper.current();

    await jest.advanceTimersByTimeAsync(79_000);
    expect(fetchToken).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(fetchToken).toHaveBeenCalledTimes(2);
    const second = await keeper.current();
    expect(second).not.toBe(first);
    expect(readClaims(second)!.exp).toBe(seconds(NOW) + 80 + 100);
    keeper.stop();
  });

  it('asks at most once per five seconds, even for tokens that live less than that', async () => {
    const keeper = new TokenKeeper();
    const fetchToken = tokenFunction(1);
    keeper.setSource(fetchToken);
    keeper.start();
    await keeper.current();

    await jest.advanceTimersByTimeAsync(MIN_RENEWAL_INTERVAL_MS - 1);
    expect(fetchToken).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(fetchToken).toHaveBeenCalledTimes(2);
    await jest.advanceTimersByTimeAsync(MIN_RENEWAL_INTERVAL_MS * 3);
    expect(fetchToken).toHaveBeenCalledTimes(5);
    keeper.stop();
  });

  it('waits for a token the host has not passed yet, and releases the waiting request when it arrives', async () => {
    const keeper = new TokenKeeper();
    keeper.setSource(undefined);
    let sent: string | undefined;
    const waiting = keeper.current().then((token) => (sent = token));
    await jest.advanceTimersByTimeAsync(1_000);
    expect(sent).toBeUndefined();

    keeper.setSource('late-token');
    await waiting;
    expect(sent).toBe('late-token');
  });

  it('reports a failing token function to onTokenError as a TokenRenewalError and fails the request', async () => {
    const keeper = new TokenKeeper();
    const onTokenError = jest.fn();
    keeper.onTokenError = onTokenError;
    keeper.setSource(() => Promise.reject(new Error('the host backend answered 500')));

    await expect(keeper.current()).rejects.toBeInstanceOf(TokenRenewalError);
    expect(onTokenError).toHaveBeenCalledTimes(1);
    expect(onTokenError.mock.calls[0][0].message).toContain('the host backend answered 500');
  });
});

describe('authorizedFetch', () => {
  function recordingFetch(statusFor: (authorization: string) => number) {
    const sent: string[] = [];
    const fetchSpy = jest.spyOn(globalThis, 'fetch').mockImplementation(async (_input, init) => {
      const authorization = new Headers(init?.headers).get('authorization')!;
      sent.push(authorization);
      return new Response('{}', { status: statusFor(authorization) });
    });
    return { sent, restore: () => fetchSpy.mockRestore() };
  }

  it('renews once after a 401 (UNAUTHENTICATED) and sends the same request again with the new token', async () => {
    const keeper = new TokenKeeper();
    const fetchToken = tokenFunction(900);
    keeper.setSource(fetchToken);
    const first = await keeper.current();
    jest.advanceTimersByTime(MIN_RENEWAL_INTERVAL_MS);
    const server = recordingFetch((authorization) => (authorization === `Bearer ${first}` ? 401 : 200));
    try {
      const response = await authorizedFetch(keeper)('http://creditlens.test/graphql', { method: 'POST', body: '{}' });
      expect(response.status).toBe(200);
    } finally {
      server.restore();
    }
    expect(server.sent).toHaveLength(2);
    expect(server.sent[0]).toBe(`Bearer ${first}`);
    expect(server.sent[1]).not.toBe(server.sent[0]);
    expect(fetchToken).toHaveBeenCalledTimes(2);
  });

  it('gives the 401 back when the new token is rejected too, without asking again and again', async () => {
    const keeper = new TokenKeeper();
    const fetchToken = tokenFunction(900);
    keeper.setSource(fetchToken);
    await keeper.current();
    jest.advanceTimersByTime(MIN_RENEWAL_INTERVAL_MS);
    const server = recordingFetch(() => 401);
    try {
      const response = await authorizedFetch(keeper)('http://creditlens.test/graphql', { method: 'POST', body: '{}' });
      expect(response.status).toBe(401);
      const again = await authorizedFetch(keeper)('http://creditlens.test/graphql', { method: 'POST', body: '{}' });
      expect(again.status).toBe(401);
    } finally {
      server.restore();
    }
    expect(server.sent).toHaveLength(3);
    expect(fetchToken).toHaveBeenCalledTimes(2);
  });

  it('does not retry with a fixed string token the server rejected', async () => {
    const keeper = new TokenKeeper();
    keeper.setSource('fixed');
    const server = recordingFetch(() => 401);
    try {
      expect((await authorizedFetch(keeper)('http://creditlens.test/graphql')).status).toBe(401);
    } finally {
      server.restore();
    }
    expect(server.sent).toEqual(['Bearer fixed']);
  });
});
