import type { RandomSource } from "@connect-affinity/core";
import { SeededRandom } from "@connect-affinity/core/testing";

/** What one cell's traffic is made of; every system in the cell gets the same traffic. */
export interface TrafficSpec {
  readonly seed: number;
  readonly agents: number;
  readonly ratePerSecond: number;
  /** Simulated time over which calls arrive (ms). */
  readonly durationMs: number;
  /** Share of calls from callers who called before (0–1). */
  readonly returningShare: number;
  /** Share of agents in the routable status "Available" (0–1); the rest are on "Break". */
  readonly availableShare: number;
  /**
   * Target share of the available agents busy on a call in steady state (0–1). Talk times are
   * scaled from it, and the floor starts with that share already on a call.
   */
  readonly occupancy: number;
}

/** One agent of the cell. */
export interface TrafficAgent {
  readonly username: string;
  /** "Available" from the start, or on "Break" (logged in, not routable) for the whole run. */
  readonly available: boolean;
}

/** One call of the cell. */
export interface TrafficCall {
  readonly contactId: string;
  /** Milliseconds after the start of the window. */
  readonly atMs: number;
  /** E.164. */
  readonly number: string;
  readonly talkTimeMs: number;
  /** `returning`: the number has a last agent (history, or an earlier call of this window). */
  readonly kind: "returning" | "new";
}

/** A caller who called before the window: who served them last, and when. */
export interface HistoryEntry {
  readonly number: string;
  readonly agentIndex: number;
  /** Milliseconds before the start of the window (> 0). */
  readonly agoMs: number;
}

/** A call already in progress when the window opens. */
export interface WarmupContact {
  readonly agentIndex: number;
  readonly remainingMs: number;
}

/** The seeded traffic of one cell. */
export interface Traffic {
  readonly spec: TrafficSpec;
  readonly agents: readonly TrafficAgent[];
  readonly calls: readonly TrafficCall[];
  /** Only the history callers who call in the window (the others cost nothing to anyone). */
  readonly history: readonly HistoryEntry[];
  readonly warmup: readonly WarmupContact[];
  /** The mean of the exponential talk-time distribution (ms). */
  readonly meanTalkMs: number;
}

const minTalkMs = 1_000;
const maxTalkMs = 3_600_000;
const dayMs = 86_400_000;

/**
 * Generates one cell's traffic from its seed: Poisson arrivals at `ratePerSecond`; each call
 * returning with probability `returningShare` (a caller drawn uniformly from a history of twice
 * the expected returning calls plus the callers already heard in the window) or new (a number
 * never seen); exponential talk times with mean `occupancy × available agents / rate` (clamped
 * to 1 s – 1 h), so the center runs near `occupancy` whatever its size; a random
 * `availableShare` of the agents available; and, at the start, each available agent on a call
 * with probability `occupancy` (the remaining time exponential too: the steady state).
 *
 * @example
 * ```ts
 * const traffic = generateTraffic({ seed: 1, agents: 100, ratePerSecond: 10, durationMs: 60_000,
 *   returningShare: 0.7, availableShare: 0.6, occupancy: 0.7 });
 * ```
 */
export function generateTraffic(spec: TrafficSpec): Traffic {
  checkSpec(spec);
  const random = new SeededRandom(spec.seed);
  const uniform = (): number => random.nextUint32() / 2 ** 32;
  const agents = chooseAvailable(spec, random);
  const availableCount = agents.filter((agent) => agent.available).length;
  const meanTalkMs = clamp(
    (spec.occupancy * Math.max(1, availableCount) * 1000) / spec.ratePerSecond,
    minTalkMs,
    maxTalkMs,
  );
  const exponential = (mean: number): number => -Math.log(1 - uniform()) * mean;
  const talk = (): number => Math.round(clamp(exponential(meanTalkMs), minTalkMs, maxTalkMs));

  const warmup: WarmupContact[] = [];
  agents.forEach((agent, agentIndex) => {
    if (agent.available && uniform() < spec.occupancy) {
      warmup.push({ agentIndex, remainingMs: talk() });
    }
  });

  const expectedReturning = Math.ceil(
    ((spec.ratePerSecond * spec.durationMs) / 1000) * spec.returningShare,
  );
  const historySize = Math.max(1, 2 * expectedReturning);
  const history = new Map<number, HistoryEntry>();
  const heard: string[] = [];
  const calls: TrafficCall[] = [];
  let newCallers = 0;
  for (
    let atMs = exponential(1000 / spec.ratePerSecond);
    atMs < spec.durationMs;
    atMs += exponential(1000 / spec.ratePerSecond)
  ) {
    const returning = uniform() < spec.returningShare;
    let number: string;
    if (returning) {
      const pick = Math.floor(uniform() * (historySize + heard.length));
      const fromWindow = heard[pick - historySize];
      if (fromWindow !== undefined) {
        number = fromWindow;
      } else {
        number = phoneNumber(20_000_000 + pick);
        if (!history.has(pick)) {
          history.set(pick, {
            number,
            agentIndex: Math.floor(uniform() * spec.agents),
            agoMs: Math.round(3_600_000 + uniform() * 30 * dayMs),
          });
        }
      }
    } else {
      newCallers += 1;
      number = phoneNumber(10_000_000 + newCallers);
      heard.push(number);
    }
    calls.push({
      contactId: contactIdOf(spec.seed, calls.length),
      atMs: Math.round(atMs),
      number,
      talkTimeMs: talk(),
      kind: returning ? "returning" : "new",
    });
  }
  return { spec, agents, calls, history: [...history.values()], warmup, meanTalkMs };
}

/** `agent-0001`, …: the username of the agent at `index`. */
export function usernameOf(index: number): string {
  return `agent-${String(index + 1).padStart(4, "0")}`;
}

function chooseAvailable(spec: TrafficSpec, random: RandomSource): TrafficAgent[] {
  // A seeded shuffle, so the available agents are not simply the first ones listed (which
  // would flatter a "first user of ListUsers" strategy).
  const order = Array.from({ length: spec.agents }, (_, index) => index);
  for (let index = order.length - 1; index > 0; index -= 1) {
    const other = random.nextUint32() % (index + 1);
    const a = order[index] as number;
    order[index] = order[other] as number;
    order[other] = a;
  }
  const availableCount = Math.round(spec.agents * spec.availableShare);
  const available = new Set(order.slice(0, availableCount));
  return Array.from({ length: spec.agents }, (_, index) => ({
    username: usernameOf(index),
    available: available.has(index),
  }));
}

function phoneNumber(serial: number): string {
  return `+8190${String(serial % 100_000_000).padStart(8, "0")}`;
}

function contactIdOf(seed: number, index: number): string {
  const hex = (value: number, width: number): string =>
    (value >>> 0).toString(16).padStart(width, "0").slice(-width);
  return `${hex(seed, 8)}-0000-4000-8000-${hex(index, 12)}`;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function checkSpec(spec: TrafficSpec): void {
  const problems: string[] = [];
  if (!Number.isInteger(spec.agents) || spec.agents < 1) problems.push("agents must be ≥ 1");
  if (!(spec.ratePerSecond > 0)) problems.push("ratePerSecond must be > 0");
  if (!(spec.durationMs > 0)) problems.push("durationMs must be > 0");
  for (const share of ["returningShare", "availableShare", "occupancy"] as const) {
    if (!(spec[share] >= 0 && spec[share] <= 1)) problems.push(`${share} must be in [0, 1]`);
  }
  if (problems.length > 0) throw new RangeError(`Invalid traffic: ${problems.join("; ")}`);
}
