/**
 * A half-open window [from, to) of ISO-8601 instants, as the host passes it in. Kept apart from
 * the other contract shapes so that the public type declarations depend on nothing private.
 */
export interface UsageWindow {
  /** ISO-8601 instant, included. */
  readonly from: string;
  /** ISO-8601 instant, excluded. */
  readonly to: string;
}
