/**
 * The attacks the request limits answer, as request bodies. Each was once answered slowly or
 * with a 500 while it held the event loop (issue 13); attacks.api.test.ts sends every one to a
 * production server process and `npm run bench` times them. Whoever touches the limits adds the
 * next one here.
 */
export interface Attack {
  /** What it is, as a test names it. */
  readonly name: string;
  /** The JSON body of the POST to /graphql, written out (no JSON.stringify can write 100,000 levels). */
  readonly body: string;
  /** The limit that refuses it (`extensions.limit` of the 400). */
  readonly refusedBy: 'cost' | 'tokens' | 'nesting';
}

/**
 * `levels` fragments that each spread the next one `spreads` times, the last selecting a field:
 * a measure that expands every spread visits spreads^levels fields. Ten levels of ten is ~800 bytes.
 */
export function fragmentFanOut(levels = 10, spreads = 10): string {
  const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Query{${`...F${i + 1} `.repeat(spreads).trimEnd()}}`);
  return `query FanOut{...F0}${fragments.join('')}fragment F${levels} on Query{account(id:"a"){id}}`;
}

/** `length` fragments each spreading the next: recursive validation goes `length` frames deep. */
export function fragmentChain(length = 5_000): string {
  const fragments = Array.from({ length }, (_, i) => `fragment F${i} on Query { ${i + 1 < length ? `...F${i + 1}` : '__typename'} }`);
  return `query Chain { ...F0 } ${fragments.join(' ')}`;
}

/** A JSON array nested `depth` deep, as text. */
export function deepJsonArray(depth = 100_000): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

function body(query: string, variablesJson = '{}'): string {
  return `{"query":${JSON.stringify(query)},"variables":${variablesJson}}`;
}

const RECORD_USAGE = 'mutation Record($entries: [UsageEntryInput!]!) { recordUsage(entries: $entries) { accepted duplicates } }';

export const ATTACKS: readonly Attack[] = [
  { name: 'a fan-out of ten fragments each spreading the next ten times', body: body(fragmentFanOut()), refusedBy: 'cost' },
  { name: 'a chain of 5,000 fragments', body: body(fragmentChain()), refusedBy: 'tokens' },
  { name: 'a JSON variable nested 100,000 deep', body: body('query Deep { __typename }', `{"deep":${deepJsonArray()}}`), refusedBy: 'nesting' },
  { name: 'recordUsage entries nested 100,000 deep', body: body(RECORD_USAGE, `{"entries":${deepJsonArray()}}`), refusedBy: 'nesting' },
];

export interface AttackOutcome {
  readonly status: number;
  readonly body: { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } | null;
  /** From sending the attack to its whole answer, ms. */
  readonly answeredMs: number;
  /** /healthz asked one after another from the moment the attack was sent until it was answered (at least once). */
  readonly healthz: ReadonlyArray<{ readonly status: number; readonly ms: number }>;
}

/**
 * Sends an attack and, while it is in flight, asks /healthz again and again: a server whose
 * event loop the attack holds answers neither. Every request gives up after `giveUpMs`
 * (status 0), so that a stalled server fails a test instead of hanging it.
 */
export async function sendAttack(baseUrl: string, credential: string, attack: Attack, giveUpMs: number): Promise<AttackOutcome> {
  const started = performance.now();
  let answered = false;
  const answer = fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
    body: attack.body,
    signal: AbortSignal.timeout(giveUpMs),
  })
    .then(async (response) => ({ status: response.status, body: (await response.json()) as AttackOutcome['body'] }))
    .catch(() => ({ status: 0, body: null }))
    .then((outcome) => ({ ...outcome, answeredMs: performance.now() - started }))
    .finally(() => (answered = true));
  const healthz: Array<{ status: number; ms: number }> = [];
  do {
    const asked = performance.now();
    const status = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(giveUpMs) }).then(
      async (response) => (await response.arrayBuffer(), response.status),
      () => 0,
    );
    healthz.push({ status, ms: performance.now() - asked });
  } while (!answered);
  return { ...(await answer), healthz };
}
