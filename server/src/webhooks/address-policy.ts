/**
 * Where the server may send a webhook (SSRF). A URL is accepted when it is `https` and every
 * address its host resolves to is public; with WEBHOOK_ALLOW_PRIVATE=1 `http` and loopback,
 * private and link-local addresses are accepted too (development, tests). The same check runs
 * again at every attempt on a fresh resolution, and the request then connects to exactly the
 * address that was checked (webhook-sender.ts pins it), so a name that is re-pointed at an
 * internal address after the endpoint was created (DNS rebinding) is refused, not followed.
 */
import dns from 'node:dns';
import net from 'node:net';

/** Resolves a host name to all its addresses (node:dns `lookup` with `all: true`; tests inject their own). */
export type HostResolver = (hostname: string) => Promise<ReadonlyArray<{ address: string; family: number }>>;

export const systemResolver: HostResolver = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

/**
 * Every range that is not a public unicast address: "this network", private (RFC 1918), shared
 * (CGNAT), loopback, link-local (cloud metadata at 169.254.169.254), the documentation and
 * benchmarking nets, multicast and reserved; for IPv6 the unspecified and loopback addresses,
 * unique-local, link-local, site-local, multicast, documentation, discard-only, ORCHID and the
 * translation prefixes (whose embedded IPv4 address is checked on its own below).
 */
const NOT_PUBLIC = new net.BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

/** True when `address` (an IPv4 or IPv6 literal) is a public unicast address. */
export function isPublicAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return !NOT_PUBLIC.check(address, 'ipv4');
  if (family !== 6) return false;
  const embedded = embeddedIpv4(address);
  if (embedded !== null) return isPublicAddress(embedded);
  return !NOT_PUBLIC.check(address, 'ipv6');
}

/**
 * The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d), NAT64
 * (64:ff9b::/96) or 6to4 (2002::/16) address, or null: each reaches that IPv4 host, so it is
 * judged as that host.
 */
function embeddedIpv4(address: string): string | null {
  const groups = expandIpv6(address);
  if (!groups) return null;
  const v4 = (high: number, low: number) => `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
  const zeros = (from: number, to: number) => groups.slice(from, to).every((group) => group === 0);
  if (zeros(0, 5) && (groups[5] === 0xffff || groups[5] === 0)) return v4(groups[6]!, groups[7]!);
  if (groups[0] === 0x64 && groups[1] === 0xff9b && zeros(2, 6)) return v4(groups[6]!, groups[7]!);
  if (groups[0] === 0x2002) return v4(groups[1]!, groups[2]!);
  return null;
}

/** The eight 16-bit groups of an IPv6 literal (with an optional dotted IPv4 tail). */
function expandIpv6(address: string): number[] | null {
  let text = address.toLowerCase().split('%')[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const parts = dotted[1]!.split('.').map(Number);
    text = `${text.slice(0, -dotted[1]!.length)}${((parts[0]! << 8) | parts[1]!).toString(16)}:${((parts[2]! << 8) | parts[3]!).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return null;
  const all = [...headGroups, ...(tail === undefined ? [] : Array<string>(missing).fill('0')), ...tailGroups];
  const groups = all.map((group) => parseInt(group, 16));
  return groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff) ? groups : null;
}

/** Why a URL may not be called; `field` problems are the caller's input, the rest its target. */
export class UnsafeTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeTargetError';
  }
}

export interface WebhookUrl {
  readonly url: URL;
  /** The host without IPv6 brackets: what is resolved, and the TLS server name. */
  readonly hostname: string;
}

/** Checks the form of a webhook URL (scheme, no credentials); throws UnsafeTargetError saying what is wrong. */
export function parseWebhookUrl(text: string, allowPrivate: boolean): WebhookUrl {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UnsafeTargetError(`"${text}" is not an absolute URL like https://hooks.example.com/creditlens`);
  }
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:')) {
    throw new UnsafeTargetError(`must be an https URL${allowPrivate ? ' (or http)' : ''}, got ${url.protocol.replace(/:$/, '')}`);
  }
  if (url.username || url.password) throw new UnsafeTargetError('must not carry a user name or password: authenticate the request by its signature');
  if (url.hash) throw new UnsafeTargetError('must not have a #fragment');
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return { url, hostname };
}

/**
 * The address to connect to: the host resolved now, every address it has checked (one internal
 * address among public ones is enough to refuse: which one a connection would use is not ours
 * to choose), the first one returned.
 */
export async function resolveTarget(target: WebhookUrl, allowPrivate: boolean, resolve: HostResolver): Promise<{ address: string; family: 4 | 6 }> {
  const literal = net.isIP(target.hostname);
  let addresses: ReadonlyArray<{ address: string; family: number }>;
  if (literal) {
    addresses = [{ address: target.hostname, family: literal }];
  } else {
    try {
      addresses = await resolve(target.hostname);
    } catch (error) {
      const code = (error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error));
      throw new UnsafeTargetError(`host ${target.hostname} does not resolve (${code})`);
    }
    if (addresses.length === 0) throw new UnsafeTargetError(`host ${target.hostname} does not resolve to any address`);
  }
  if (!allowPrivate) {
    const internal = addresses.find((candidate) => !isPublicAddress(candidate.address));
    if (internal) {
      throw new UnsafeTargetError(
        `${literal ? 'address' : `host ${target.hostname} resolves to`} ${internal.address}, which is not a public address (loopback, private, link-local and reserved addresses are refused unless WEBHOOK_ALLOW_PRIVATE=1)`,
      );
    }
  }
  const chosen = addresses[0]!;
  return { address: chosen.address, family: chosen.family === 6 ? 6 : 4 };
}
