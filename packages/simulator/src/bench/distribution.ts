/**
 * The distributions the traffic model draws durations from, as data (a cell's traffic crosses
 * into a worker thread, so no functions), and how to draw from them with a seeded uniform
 * source.
 */

/** A distribution of non-negative durations, in ms. */
export type Distribution =
  | {
      /** exp(N(μ, σ²)) with μ chosen so the mean is `meanMs`; σ is the log-space spread. */
      readonly kind: "lognormal";
      readonly meanMs: number;
      readonly sigma: number;
      /** Draws above this are cut to it (e.g. an ACW timeout); default none. */
      readonly maxMs?: number;
    }
  | { readonly kind: "exponential"; readonly meanMs: number; readonly maxMs?: number }
  | { readonly kind: "uniform"; readonly minMs: number; readonly maxMs: number }
  | { readonly kind: "fixed"; readonly ms: number };

/** A uniform draw in [0, 1). */
export type UniformSource = () => number;

/**
 * One draw from `distribution`.
 *
 * @example
 * ```ts
 * const talk = sample({ kind: "lognormal", meanMs: 240_000, sigma: 0.8 }, Math.random);
 * ```
 */
export function sample(distribution: Distribution, uniform: UniformSource): number {
  switch (distribution.kind) {
    case "fixed":
      return distribution.ms;
    case "uniform":
      return distribution.minMs + uniform() * (distribution.maxMs - distribution.minMs);
    case "exponential":
      return capped(-Math.log(1 - uniform()) * distribution.meanMs, distribution.maxMs);
    case "lognormal": {
      const { meanMs, sigma } = distribution;
      const mu = Math.log(meanMs) - (sigma * sigma) / 2;
      return capped(Math.exp(mu + sigma * standardNormal(uniform)), distribution.maxMs);
    }
  }
}

/** The mean of the distribution before any cap (the value its parameters name). */
export function nominalMeanMs(distribution: Distribution): number {
  switch (distribution.kind) {
    case "fixed":
      return distribution.ms;
    case "uniform":
      return (distribution.minMs + distribution.maxMs) / 2;
    case "exponential":
    case "lognormal":
      return distribution.meanMs;
  }
}

/** The same distribution with every duration multiplied by `factor`. */
export function scaled(distribution: Distribution, factor: number): Distribution {
  switch (distribution.kind) {
    case "fixed":
      return { kind: "fixed", ms: distribution.ms * factor };
    case "uniform":
      return {
        kind: "uniform",
        minMs: distribution.minMs * factor,
        maxMs: distribution.maxMs * factor,
      };
    case "exponential":
      return {
        kind: "exponential",
        meanMs: distribution.meanMs * factor,
        ...(distribution.maxMs === undefined ? {} : { maxMs: distribution.maxMs * factor }),
      };
    case "lognormal":
      return {
        ...distribution,
        meanMs: distribution.meanMs * factor,
        ...(distribution.maxMs === undefined ? {} : { maxMs: distribution.maxMs * factor }),
      };
  }
}

/** Checks the parameters; the problems found, empty when valid. */
export function distributionProblems(name: string, distribution: Distribution): string[] {
  const problems: string[] = [];
  const positive = (value: number | undefined, what: string): void => {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
      problems.push(`${name}.${what} must be a non-negative number`);
    }
  };
  switch (distribution.kind) {
    case "fixed":
      positive(distribution.ms, "ms");
      break;
    case "uniform":
      positive(distribution.minMs, "minMs");
      positive(distribution.maxMs, "maxMs");
      if (distribution.maxMs < distribution.minMs) problems.push(`${name}: maxMs < minMs`);
      break;
    case "exponential":
      positive(distribution.meanMs, "meanMs");
      positive(distribution.maxMs, "maxMs");
      break;
    case "lognormal":
      positive(distribution.meanMs, "meanMs");
      positive(distribution.maxMs, "maxMs");
      if (!(distribution.meanMs > 0)) problems.push(`${name}.meanMs must be > 0`);
      if (!(Number.isFinite(distribution.sigma) && distribution.sigma >= 0)) {
        problems.push(`${name}.sigma must be a non-negative number`);
      }
      break;
  }
  return problems;
}

function capped(value: number, max: number | undefined): number {
  return max === undefined ? value : Math.min(value, max);
}

/** Box–Muller: one standard normal draw from two uniforms. */
function standardNormal(uniform: UniformSource): number {
  const u1 = 1 - uniform();
  const u2 = uniform();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
