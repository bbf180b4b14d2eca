/**
 * The figure computations of the benchmark, pure so they can be tested on their own.
 */

/**
 * The `p`-th percentile of `values` by the nearest-rank method: the smallest value such that at
 * least `p` % of the values are at or below it. `undefined` for no values.
 *
 * @example
 * ```ts
 * percentile([5, 1, 3, 2, 4], 50); // 3
 * percentile([1, 2, 3, 4, 100], 99); // 100
 * ```
 */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile: p must be in (0, 100], got ${p}`);
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/**
 * How unevenly contacts were spread over agents: the most any agent received divided by the
 * mean over the agents that received at least one. 1 means every receiving agent got the same
 * number; `undefined` when nobody received anything.
 *
 * Agents who received none are left out of the mean on purpose: in a short window a center has
 * more agents than new callers, and counting the idle ones would make even a perfect spread
 * look uneven. `coverage` (receivers over eligible agents) shows that other side.
 *
 * @example
 * ```ts
 * spread(new Map([["a", 4], ["b", 1], ["c", 1]])); // 2
 * ```
 */
export function spread(countsByAgent: ReadonlyMap<string, number>): number | undefined {
  let max = 0;
  let total = 0;
  let receivers = 0;
  for (const count of countsByAgent.values()) {
    if (count <= 0) continue;
    receivers += 1;
    total += count;
    max = Math.max(max, count);
  }
  return receivers === 0 ? undefined : max / (total / receivers);
}

/** `part / whole`, or `undefined` when `whole` is 0. */
export function ratio(part: number, whole: number): number | undefined {
  return whole === 0 ? undefined : part / whole;
}

/** `part / whole` as a percentage, or `undefined` when `whole` is 0. */
export function percentage(part: number, whole: number): number | undefined {
  return whole === 0 ? undefined : (part / whole) * 100;
}

/** The median of `values` (the 50th percentile, nearest rank). */
export function median(values: readonly number[]): number | undefined {
  return percentile(values, 50);
}

/** Rounds to `digits` decimals, keeping `undefined` (no sample) as `null` for JSON. */
export function rounded(value: number | undefined, digits = 2): number | null {
  if (value === undefined || !Number.isFinite(value)) return null;
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** A proportion's 95 % confidence interval, in [0, 1]. */
export interface ProportionInterval {
  readonly low: number;
  readonly high: number;
}

/**
 * The Wilson score interval of `successes` out of `n` (z = 1.96 for 95 %): unlike the normal
 * approximation it stays within [0, 1] and is honest for small samples and rates near 100 %.
 * `undefined` for no trials.
 *
 * @example
 * ```ts
 * wilsonInterval(54, 59); // { low: 0.816, high: 0.963 } (rounded)
 * ```
 */
export function wilsonInterval(
  successes: number,
  n: number,
  z = 1.959_963_984_540_054,
): ProportionInterval | undefined {
  if (!(Number.isInteger(successes) && Number.isInteger(n) && successes >= 0 && successes <= n)) {
    throw new RangeError(`wilsonInterval: need 0 ≤ successes ≤ n, got ${successes} of ${n}`);
  }
  if (n === 0) return undefined;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At 0 or n successes the bound is exactly 0 or 1; floating point would land a hair off.
  return {
    low: successes === 0 ? 0 : Math.max(0, center - half),
    high: successes === n ? 1 : Math.min(1, center + half),
  };
}
