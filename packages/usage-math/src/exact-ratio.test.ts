import { floorDivide, nearestDouble } from './exact-ratio.js';

/** An independent reference: 60 exact significant decimal digits, rounded once by the platform's own parser. */
function referenceDouble(numerator: bigint, denominator: bigint): number {
  const negative = numerator < 0n;
  const p = negative ? -numerator : numerator;
  const integer = p / denominator;
  let remainder = p % denominator;
  let significant = integer === 0n ? 0 : integer.toString().length;
  let fraction = '';
  while (significant < 60 && remainder !== 0n) {
    remainder *= 10n;
    const digit = remainder / denominator;
    remainder %= denominator;
    fraction += digit.toString();
    if (significant > 0 || digit !== 0n) significant += 1;
  }
  const value = Number.parseFloat(`${integer}.${fraction}0`);
  return negative ? -value : value;
}

/** A small deterministic generator (mulberry32), so failures reproduce. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomBigInt(next: () => number, bits: number): bigint {
  let value = 0n;
  for (let i = 0; i < bits; i += 16) value = (value << 16n) | BigInt(Math.floor(next() * 65536));
  return value & ((1n << BigInt(bits)) - 1n);
}

describe('nearestDouble', () => {
  it('divides small operands exactly like number division', () => {
    expect(nearestDouble(1n, 3n)).toBe(1 / 3);
    expect(nearestDouble(2n, 3n)).toBe(2 / 3);
    expect(nearestDouble(-1n, 4n)).toBe(-0.25);
    expect(nearestDouble(0n, 7n)).toBe(0);
  });

  it('avoids the double rounding of converting each operand first', () => {
    // Number(p) rounds up and Number(q) rounds down, so naive division gives 1 + 2^-52.
    const p = 2n ** 61n + 2n ** 8n + 1n;
    const q = 2n ** 61n + 2n ** 8n - 1n;
    expect(Number(p) / Number(q)).toBe(1 + 2 ** -52);
    expect(nearestDouble(p, q)).toBe(1);
  });

  it('rounds an exact halfway quotient to the even significand', () => {
    const q = 2n ** 70n;
    expect(nearestDouble(q + 2n ** 17n, q)).toBe(1);
    expect(nearestDouble(q + 3n * 2n ** 17n, q)).toBe(1 + 2 ** -51);
  });

  it('rounds just above halfway up', () => {
    const q = 2n ** 70n;
    expect(nearestDouble(q + 2n ** 17n + 1n, q)).toBe(1 + 2 ** -52);
  });

  it('gives exact fractions of huge totals', () => {
    const total = 3n * 2n ** 64n;
    expect(nearestDouble(2n ** 64n, total)).toBe(1 / 3);
    expect(nearestDouble(total, total)).toBe(1);
    expect(nearestDouble(-total, total)).toBe(-1);
    expect(nearestDouble(total / 2n, total)).toBe(0.5);
  });

  it('keeps a tiny part of a huge total as a tiny share rather than zero', () => {
    expect(nearestDouble(1n, 2n ** 100n)).toBe(2 ** -100);
  });

  it('reaches the subnormal range and rounds there correctly', () => {
    expect(nearestDouble(1n, 2n ** 1074n)).toBe(Number.MIN_VALUE);
    expect(nearestDouble(3n, 2n ** 1076n)).toBe(Number.MIN_VALUE);
    expect(nearestDouble(1n, 2n ** 1075n)).toBe(0);
    expect(nearestDouble(1n, 3n * 2n ** 1074n)).toBe(0);
  });

  it('matches an 80-digit decimal reference on many random huge operands', () => {
    const next = seeded(20260601);
    for (let i = 0; i < 2000; i += 1) {
      const numerator = randomBigInt(next, 1 + Math.floor(next() * 200)) * (next() < 0.2 ? -1n : 1n);
      const denominator = randomBigInt(next, 1 + Math.floor(next() * 200)) + 1n;
      expect([numerator, denominator, nearestDouble(numerator, denominator)]).toEqual([
        numerator,
        denominator,
        referenceDouble(numerator, denominator),
      ]);
    }
  });

  it('rejects a denominator that is not positive', () => {
    expect(() => nearestDouble(1n, 0n)).toThrow(RangeError);
    expect(() => nearestDouble(1n, -1n)).toThrow('expected a positive denominator, got -1');
  });
});

describe('floorDivide', () => {
  it('floors toward minus infinity and keeps the remainder non-negative', () => {
    expect(floorDivide(7n, 3n)).toEqual({ quotient: 2n, remainder: 1n });
    expect(floorDivide(-7n, 3n)).toEqual({ quotient: -3n, remainder: 2n });
    expect(floorDivide(-6n, 3n)).toEqual({ quotient: -2n, remainder: 0n });
    expect(floorDivide(0n, 3n)).toEqual({ quotient: 0n, remainder: 0n });
  });
});
