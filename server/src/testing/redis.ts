import net from 'node:net';

/** Where the tests find a Redis (these machines run one on 127.0.0.1:6379). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Set by global-setup: "1" when Redis answered PING, "0" when the Redis cases are skipped. */
export const REDIS_AVAILABLE_ENV = 'CREDITLENS_TEST_REDIS_AVAILABLE';

/** True when a Redis answers PING at TEST_REDIS_URL within a second (no client library needed for that). */
export async function redisAnswers(): Promise<boolean> {
  const { hostname, port } = new URL(TEST_REDIS_URL);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

/** The Redis cases run when Redis answered in global-setup (and not with CREDITLENS_SKIP_POSTGRES=1, `npm run test:fast`). */
export function redisAvailable(): boolean {
  return process.env[REDIS_AVAILABLE_ENV] === '1';
}
