import { SeededRandom } from "@connect-affinity/core/testing";
import type { ConnectApiName } from "./connect-api.js";

/**
 * A fault to inject into one API over a window of simulated time.
 *
 * - `throttle`: answer `ThrottlingException` (HTTP 429) whatever the token bucket says.
 * - `error`: answer `InternalServiceException` (HTTP 500).
 * - `latency`: answer `latencyMs` of wall-clock time late (the simulated clock belongs to the
 *   runner, so the delay is felt by client timeouts, not by simulated time).
 *
 * `from` and `until` are ms from the simulation start (`SimulatedClock.start`), `until`
 * exclusive; `probability` (default 1) is drawn from the emulator's seeded generator.
 */
export type FaultRule =
  | (FaultWindow & { readonly kind: "throttle" })
  | (FaultWindow & { readonly kind: "error" })
  | (FaultWindow & { readonly kind: "latency"; readonly latencyMs: number });

interface FaultWindow {
  readonly api: ConnectApiName;
  readonly from?: number;
  readonly until?: number;
  readonly probability?: number;
}

/** What the injector decided for one request. */
export interface FaultDecision {
  /** Wall-clock delay before answering (ms). */
  readonly delayMs: number;
  /** The failure to answer with, if any. */
  readonly failure: "throttle" | "error" | undefined;
}

/** Decides, per request, which fault rules fire; seeded, so a run repeats. */
export class FaultInjector {
  readonly #rules: readonly FaultRule[];
  readonly #random: SeededRandom;

  constructor(rules: readonly FaultRule[], seed: number) {
    for (const rule of rules) {
      const probability = rule.probability ?? 1;
      if (!(probability >= 0 && probability <= 1)) {
        throw new RangeError(`fault probability must be within 0..1, got ${rule.probability}`);
      }
      if (rule.kind === "latency" && !(Number.isFinite(rule.latencyMs) && rule.latencyMs >= 0)) {
        throw new RangeError(
          `fault latencyMs must be a non-negative number, got ${rule.latencyMs}`,
        );
      }
    }
    this.#rules = rules;
    this.#random = new SeededRandom(seed);
  }

  /** The faults for a request to `api` at `elapsedMs` from the simulation start. */
  decide(api: ConnectApiName, elapsedMs: number): FaultDecision {
    let delayMs = 0;
    let failure: FaultDecision["failure"];
    for (const rule of this.#rules) {
      if (rule.api !== api || !inWindow(rule, elapsedMs) || !this.#fires(rule)) {
        continue;
      }
      if (rule.kind === "latency") {
        delayMs += rule.latencyMs;
      } else {
        failure ??= rule.kind;
      }
    }
    return { delayMs, failure };
  }

  #fires(rule: FaultRule): boolean {
    const probability = rule.probability ?? 1;
    if (probability >= 1) return true;
    return this.#random.nextUint32() / 2 ** 32 < probability;
  }
}

function inWindow(rule: FaultRule, elapsedMs: number): boolean {
  return (
    (rule.from === undefined || elapsedMs >= rule.from) &&
    (rule.until === undefined || elapsedMs < rule.until)
  );
}
