/**
 * Exact bigint division helpers for shares and percents.
 * Credits are exact past 2^53, so converting them to numbers before dividing
 * would round twice (once per operand) and could land a whole ulp off.
 */

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const SIGNIFICAND_BITS = 53;
// Scaling by more than 2^1074 would ask for bits below the smallest subnormal double.
const MAX_SCALE = 1074;

/** The double closest to numerator/denominator (ties to even), for denominator > 0. */
export function nearestDouble(numerator: bigint, denominator: bigint): number {
  if (denominator <= 0n) {
    throw new RangeError(`expected a positive denominator, got ${denominator}`);
  }
  const magnitude = numerator < 0n ? -numerator : numerator;
  if (magnitude <= MAX_SAFE && denominator <= MAX_SAFE) {
    // Both operands convert exactly, and IEEE division rounds the true quotient correctly.
    return Number(numerator) / Number(denominator);
  }
  const result = nearestDoubleOfPositive(magnitude, denominator);
  return numerator < 0n ? -result : result;
}

/** floor(numerator / denominator) toward -infinity and the remainder in [0, denominator), for denominator > 0. */
export function floorDivide(numerator: bigint, denominator: bigint): { quotient: bigint; remainder: bigint } {
  let quotient = numerator / denominator;
  let remainder = numerator % denominator;
  if (remainder < 0n) {
    quotient -= 1n;
    remainder += denominator;
  }
  return { quotient, remainder };
}

function nearestDoubleOfPositive(p: bigint, q: bigint): number {
  if (p === 0n) return 0;
  // Scale so that the integer quotient carries exactly 53 significant bits (fewer when subnormal).
  let scale = SIGNIFICAND_BITS - (bitLength(p) - bitLength(q));
  let division = divideScaled(p, q, scale);
  if (division.quotient >= 1n << BigInt(SIGNIFICAND_BITS)) {
    scale -= 1;
    division = divideScaled(p, q, scale);
  }
  if (scale > MAX_SCALE) {
    scale = MAX_SCALE;
    division = divideScaled(p, q, scale);
  }
  const { quotient, remainder, divisor } = division;
  const twice = remainder * 2n;
  const roundUp = twice > divisor || (twice === divisor && (quotient & 1n) === 1n);
  const significand = roundUp ? quotient + 1n : quotient;
  // The significand fits 53 bits (54 only as an exact power of two), so both factors and the product are exact.
  return Number(significand) * 2 ** -scale;
}

function divideScaled(p: bigint, q: bigint, scale: number): { quotient: bigint; remainder: bigint; divisor: bigint } {
  const dividend = scale >= 0 ? p << BigInt(scale) : p;
  const divisor = scale >= 0 ? q : q << BigInt(-scale);
  return { quotient: dividend / divisor, remainder: dividend % divisor, divisor };
}

function bitLength(value: bigint): number {
  return value.toString(2).length;
}
