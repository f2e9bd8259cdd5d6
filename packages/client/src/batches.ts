/** The server's limits for one recordUsage request (see the README's "Limits"). */
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

/**
 * Splits items into consecutive batches whose request body — `envelope` with the items as a JSON
 * array in place of `[]` — stays within both limits. Sizes are UTF-8 bytes of the exact JSON sent.
 */
const utf8 = new TextEncoder();

export function splitIntoBatches<T>(items: readonly T[], envelopeBytes: number, limits: BatchLimits): Batch<T>[] {
  const batches: Batch<T>[] = [];
  let start = 0;
  let bytes = envelopeBytes;
  for (let index = 0; index < items.length; index++) {
    const itemBytes = utf8.encode(JSON.stringify(items[index])).length;
    if (envelopeBytes + itemBytes > limits.maxBytes) {
      throw new RangeError(`entry ${index} alone is ${itemBytes} bytes, more than a request may carry (${limits.maxBytes} bytes)`);
    }
    const count = index - start;
    const separator = count > 0 ? 1 : 0;
    if (count === limits.maxEntries || bytes + separator + itemBytes > limits.maxBytes) {
      batches.push({ start, items: items.slice(start, index) });
      start = index;
      bytes = envelopeBytes + itemBytes;
    } else {
      bytes += separator + itemBytes;
    }
  }
  if (start < items.length) batches.push({ start, items: items.slice(start) });
  return batches;
}
