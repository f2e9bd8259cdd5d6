/**
 * The pure arithmetic of budgets: which thresholds a scope has reached, its used share, and the
 * projection of its current period at the recent pace (PRODUCT.md, "Budgets, thresholds and
 * webhooks"). Credits stay bigint; instants are epoch ms.
 */
import type { InputProblem } from '../errors';

export const DEFAULT_THRESHOLDS: readonly number[] = [50, 80, 100];
export const MIN_THRESHOLD = 1;
export const MAX_THRESHOLD = 1000;
/** At most this many thresholds per budget: every whole percent from 1 to 1,000 once. */
export const MAX_THRESHOLDS = MAX_THRESHOLD - MIN_THRESHOLD + 1;

const HOUR_MS = 3_600_000;
/** The pace is read over the last 168 hours of the period (or the period so far, when shorter). */
export const PACE_SPAN_MS = 168 * HOUR_MS;

/** What is wrong with a threshold list (field `input.thresholds`, entries named by index); empty when nothing. */
export function thresholdProblems(thresholds: readonly number[]): InputProblem[] {
  const problems: InputProblem[] = [];
  const seen = new Map<number, number>();
  thresholds.forEach((threshold, index) => {
    const field = `input.thresholds[${index}]`;
    if (!Number.isInteger(threshold) || threshold < MIN_THRESHOLD || threshold > MAX_THRESHOLD) {
      problems.push({ field, message: `must be a whole percent from ${MIN_THRESHOLD} to ${MAX_THRESHOLD.toLocaleString('en-US')}, got ${threshold}` });
      return;
    }
    const earlier = seen.get(threshold);
    if (earlier !== undefined) problems.push({ field, message: `${threshold} is already input.thresholds[${earlier}]: thresholds must not repeat` });
    else seen.set(threshold, index);
  });
  return problems;
}

/** The thresholds (percent) that `credits` has reached, ascending: credits ≥ threshold % of creditsPerPeriod, exactly. */
export function reachedThresholds(credits: bigint, creditsPerPeriod: bigint, thresholds: readonly number[]): number[] {
  return thresholds.filter((threshold) => credits * 100n >= BigInt(threshold) * creditsPerPeriod).sort((a, b) => a - b);
}

/** The span the pace is read over: `[max(period.from, asOf − 168 h), asOf)`. */
export function paceSpan(periodFrom: number, asOf: number): { from: number; to: number } {
  return { from: Math.max(periodFrom, asOf - PACE_SPAN_MS), to: asOf };
}

export interface ProjectionInput {
  readonly period: { readonly from: number; readonly to: number };
  /** The snapshot; the projection exists only when the period contains it. */
  readonly asOf: number;
  /** The scope's credits in the period up to asOf. */
  readonly creditsSoFar: bigint;
  /** The scope's credits in paceSpan(period.from, asOf). */
  readonly paceCredits: bigint;
  readonly creditsPerPeriod: bigint;
}

export interface Projection {
  readonly projectedCredits: bigint;
  /** Epoch ms; null when the pace is ≤ 0, the budget is used up already, or the pace reaches it only at or after the period's end. */
  readonly projectedRunOutAt: number | null;
}

/**
 * projectedCredits = creditsSoFar + paceCredits ÷ (span in days) × (days from asOf to the period's
 * end), rounded down — computed as one exact fraction, so no day length or float rounding enters.
 * The run-out is the first millisecond at which that line reaches creditsPerPeriod. A span of
 * zero length (asOf at the period's first instant) has no pace: the projection is what was used.
 */
export function project(input: ProjectionInput): Projection | null {
  const { period, asOf, creditsSoFar, paceCredits } = input;
  if (asOf < period.from || asOf >= period.to) return null;
  const span = paceSpan(period.from, asOf);
  const spanMs = BigInt(span.to - span.from);
  if (spanMs === 0n) return { projectedCredits: creditsSoFar, projectedRunOutAt: null };
  const remainingMs = BigInt(period.to - asOf);
  // The day lengths cancel: (pace / (spanMs / DAY)) × (remainingMs / DAY) = pace × remainingMs / spanMs.
  const projectedCredits = creditsSoFar + floorDivide(paceCredits * remainingMs, spanMs).quotient;
  return { projectedCredits, projectedRunOutAt: runOutAt(input, spanMs) };
}

function runOutAt({ period, asOf, creditsSoFar, paceCredits, creditsPerPeriod }: ProjectionInput, spanMs: bigint): number | null {
  if (paceCredits <= 0n || creditsSoFar >= creditsPerPeriod) return null;
  // The least t with creditsSoFar + paceCredits × t / spanMs ≥ creditsPerPeriod: a ceiling.
  const needed = (creditsPerPeriod - creditsSoFar) * spanMs;
  const { quotient, remainder } = floorDivide(needed, paceCredits);
  const after = quotient + (remainder === 0n ? 0n : 1n);
  if (after >= BigInt(period.to - asOf)) return null;
  return asOf + Number(after);
}

/** floor(numerator / denominator) toward −∞, with the remainder in [0, denominator), for denominator > 0. */
function floorDivide(numerator: bigint, denominator: bigint): { quotient: bigint; remainder: bigint } {
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  return remainder < 0n ? { quotient: quotient - 1n, remainder: remainder + denominator } : { quotient, remainder };
}
