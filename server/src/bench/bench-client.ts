/** What both benches share: timing a piece of work, and posting GraphQL as the admin. */
import http from 'node:http';

export interface Timing {
  readonly p50: number;
  readonly p95: number;
}

/** p50 and p95 in ms of `runs` sequential runs, after three warm-up runs. */
export async function measure(runs: number, work: () => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < 3; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await work();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return percentiles(samples);
}

/**
 * Like measure(), for several pieces of work compared with each other: one run of each in turn,
 * `runs` times (each round starting one further along), so that every one meets the same
 * conditions. A machine whose speed drifts over a minute (a shared host) would otherwise favour
 * whichever was measured in its faster stretch, and the ratio between them would measure that.
 */
export async function measureInTurn(runs: number, works: readonly (() => Promise<unknown>)[]): Promise<Timing[]> {
  for (const work of works) for (let i = 0; i < 3; i++) await work();
  const samples = works.map((): number[] => []);
  for (let round = 0; round < runs; round++) {
    for (let k = 0; k < works.length; k++) {
      const which = (round + k) % works.length;
      const start = process.hrtime.bigint();
      await works[which]!();
      samples[which]!.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  return samples.map(percentiles);
}

function percentiles(samples: number[]): Timing {
  samples.sort((a, b) => a - b);
  const at = (p: number) => samples[Math.min(samples.length - 1, Math.ceil(p * samples.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95) };
}

/**
 * One keep-alive connection per endpoint, like a browser's to its API: Node's own HTTP client
 * rather than fetch, whose per-request cost here (~0.7 ms p50 on `{ __typename }`) would be
 * counted as the API's.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

/** POSTs an operation with a bearer credential and answers its data; GraphQL errors throw. */
export async function postGraphQL(endpoint: string, credential: string, query: string, variables: Record<string, unknown>, attempt = 1): Promise<any> {
  let text: string;
  try {
    text = await post(new URL(endpoint), credential, JSON.stringify({ query, variables }));
  } catch (error) {
    // Keep-alive sockets that idled through a slow measurement (the naive query) may have been
    // closed by the server just as they are reused, several of them: the client's race, not an
    // answer; send again on the next socket.
    if (attempt >= 3) throw error;
    return postGraphQL(endpoint, credential, query, variables, attempt + 1);
  }
  const body = JSON.parse(text) as { data?: any; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

function post(url: URL, credential: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${credential}` },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** The value of `--name=value` on the command line, else `fallback`: every bench's flags. */
export function flag(name: string, fallback: string): string {
  const given = process.argv.find((arg) => arg.startsWith(`--${name}=`));
  return given ? given.slice(name.length + 3) : fallback;
}
