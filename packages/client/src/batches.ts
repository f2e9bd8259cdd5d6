/** The server's limits for one recordUsage request (see docs/api.md, "Limits"). */
export const MAX_BATCH_ENTRIES = 10_000;
export const MAX_REQUEST_BYTES = 8 * 1024 * 1024;
/** The client's batch size unless asked otherwise: progress (one report per batch) comes at least every 1,000 entries. */
export const DEFAULT_BATCH_ENTRIES = 1_000;

export interface BatchLimits {
  readonly maxEntries: number;
  readonly maxBytes: number;
}

export interface Batch<T> {
  /** Index of the batch's first item in the input. */
  readonly start: number;
  readonly items: T[];
}

const utf8 = new TextEncoder();

/**
 * Cuts a sequence of items, one at a time, into consecutive batches whose request body —
 * `envelope` with the items as a JSON array in place of `[]` — stays within both limits. Sizes are
 * UTF-8 bytes of the exact JSON sent. It holds one batch at a time, so a stream of any length
 * goes through in bounded memory.
 */
export class BatchBuilder<T> {
  private items: T[] = [];
  private bytes: number;
  private start = 0;
  private next = 0;

  constructor(
    private readonly envelopeBytes: number,
    private readonly limits: BatchLimits,
  ) {
    this.bytes = envelopeBytes;
  }

  /** Adds the next item; returns the batch this item closed (it did not fit), if any. */
  add(item: T): Batch<T> | undefined {
    const index = this.next++;
    const itemBytes = utf8.encode(JSON.stringify(item)).length;
    if (this.envelopeBytes + itemBytes > this.limits.maxBytes) {
      throw new RangeError(`entry ${index} alone is ${itemBytes} bytes, more than a request may carry (${this.limits.maxBytes} bytes)`);
    }
    const separator = this.items.length > 0 ? 1 : 0;
    let closed: Batch<T> | undefined;
    if (this.items.length === this.limits.maxEntries || this.bytes + separator + itemBytes > this.limits.maxBytes) {
      closed = this.finish();
      this.start = index;
    }
    this.bytes += (this.items.length > 0 ? 1 : 0) + itemBytes;
    this.items.push(item);
    return closed;
  }

  /** The open batch, closed (undefined when it is empty); the builder starts afresh after it. */
  finish(): Batch<T> | undefined {
    if (this.items.length === 0) return undefined;
    const batch = { start: this.start, items: this.items };
    this.items = [];
    this.bytes = this.envelopeBytes;
    this.start = this.next;
    return batch;
  }
}

/** Splits items into consecutive batches within the limits (see BatchBuilder). */
export function splitIntoBatches<T>(items: readonly T[], envelopeBytes: number, limits: BatchLimits): Batch<T>[] {
  const builder = new BatchBuilder<T>(envelopeBytes, limits);
  const batches: Batch<T>[] = [];
  for (const item of items) {
    const closed = builder.add(item);
    if (closed) batches.push(closed);
  }
  const last = builder.finish();
  if (last) batches.push(last);
  return batches;
}
