import { SeededRandom } from "@connect-affinity/core/testing";
import {
  type Distribution,
  distributionProblems,
  nominalMeanMs,
  sample,
  scaled,
  type UniformSource,
} from "./distribution.js";

/** A period of an agent's shift spent in a status other than "Available". */
export interface ShiftBreak {
  /** From the start of the shift (ms). */
  readonly afterMs: number;
  readonly lengthMs: number;
  /** A custom (not routable) status, such as "Break" or "Lunch". */
  readonly status: string;
}

/**
 * How a contact center's traffic behaves, whatever its size: the parameters every cell shares.
 * {@link defaultTrafficModel} holds the defaults and BENCH.md their sources.
 */
export interface TrafficModel {
  /** Share of calls from callers who called before (0–1). */
  readonly returningShare: number;
  /** Talk time once an agent answers. */
  readonly talkTime: Distribution;
  /** After-contact work: the agent stays busy (not routable) this long after the call. */
  readonly afterContactWork: Distribution;
  /**
   * `carried`: when the routable floor cannot carry the cell's rate at `targetOccupancy` with
   * these handle times, talk and after-contact work are scaled down together until it can (the
   * cell reports the factor); `as-offered`: never scaled (an overloaded floor stays overloaded).
   */
  readonly load: "carried" | "as-offered";
  /** Busy share of the routable agents that `carried` keeps the floor at (0–1). */
  readonly targetOccupancy: number;
  /** Share of the agents logged in during the cell (the others are off shift). */
  readonly onShiftShare: number;
  /** A shift: its length, and the breaks at fixed offsets in it. */
  readonly shift: { readonly lengthMs: number; readonly breaks: readonly ShiftBreak[] };
  /** When a returning caller's previous call ended, before the cell starts. */
  readonly previousCallAgo: { readonly minMs: number; readonly maxMs: number };
  /** Share of calls followed by a second call from the same number (0 = nobody redials). */
  readonly redialShare: number;
  /** Time from a call's arrival to its redial. */
  readonly redialDelay: Distribution;
  /** Delay of the agent event stream: from an agent's event to its record being readable. */
  readonly streamDelay: Distribution;
  /** Simulated time before counting starts, with calls arriving as in the measured interval. */
  readonly warmupMs: number;
}

/** What one cell's traffic is made of; every system in the cell gets the same traffic. */
export interface TrafficSpec {
  readonly seed: number;
  readonly agents: number;
  readonly ratePerSecond: number;
  /** The measured interval: simulated time over which counted calls arrive (ms). */
  readonly durationMs: number;
  readonly model: TrafficModel;
}

/** One agent of the cell. */
export interface TrafficAgent {
  readonly username: string;
  /**
   * Status over the cell, times in ms from the start of the simulation: the first entry, at 0,
   * is the status at the start (mid-shift), then breaks, shift ends and logins.
   */
  readonly schedule: readonly { readonly atMs: number; readonly status: string }[];
  /** Simulated ms from the start to the agent's first heartbeat (their last event was earlier). */
  readonly heartbeatOffsetMs: number;
}

/** One call. */
export interface TrafficCall {
  readonly contactId: string;
  /** Milliseconds from the start of the simulation (warm-up included). */
  readonly atMs: number;
  /** E.164. */
  readonly number: string;
  readonly talkTimeMs: number;
  readonly afterContactWorkMs: number;
  /**
   * `returning`: a caller from the history (their previous call ended before the cell);
   * `new`: a number never heard; `redial`: the same number again, `redialDelay` after a call of
   * this cell (only with `redialShare` > 0).
   */
  readonly kind: "returning" | "new" | "redial";
  /** Whether the call arrives in the measured interval (counted), not in the warm-up. */
  readonly measured: boolean;
}

/** A caller who called before the cell: who served them last, and when that call ended. */
export interface HistoryEntry {
  readonly number: string;
  readonly agentIndex: number;
  /** Milliseconds before the start of the simulation (> 0). */
  readonly agoMs: number;
}

/** A contact an agent holds when the simulation starts. */
export interface ContactInProgressAtStart {
  readonly agentIndex: number;
  /** Talk left; 0 when the agent is already in after-contact work. */
  readonly remainingTalkMs: number;
  readonly afterContactWorkMs: number;
}

/** The load the cell puts on its floor, as planned. */
export interface TrafficLoad {
  /** Agents expected to be routable (on shift, not on a break). */
  readonly routableAgents: number;
  /** Rate × mean handle time with the model's handle times (Erlangs). */
  readonly offeredErlangs: number;
  /** The factor applied to talk and after-contact work (1 = as the model says). */
  readonly handleTimeScale: number;
  /** Mean talk and after-contact work after scaling (ms). */
  readonly meanTalkMs: number;
  readonly meanAfterContactWorkMs: number;
  /** Expected busy share of the routable agents. */
  readonly occupancy: number;
}

/** The seeded traffic of one cell. */
export interface Traffic {
  readonly spec: TrafficSpec;
  readonly agents: readonly TrafficAgent[];
  readonly calls: readonly TrafficCall[];
  /** The history callers who call in the cell (the others cost nothing to anyone). */
  readonly history: readonly HistoryEntry[];
  readonly inProgress: readonly ContactInProgressAtStart[];
  /** Counting covers calls arriving in [measuredFromMs, measuredUntilMs) of simulated time. */
  readonly measuredFromMs: number;
  readonly measuredUntilMs: number;
  readonly load: TrafficLoad;
}

const minuteMs = 60_000;
const hourMs = 60 * minuteMs;
const dayMs = 24 * hourMs;
/** Connect publishes a heartbeat after 120 s without other events. */
const heartbeatIntervalMs = 120_000;
/** How far past the last arrival schedules are written (calls end, breaks go on). */
const scheduleTailMs = 30 * minuteMs;

/**
 * The defaults of the traffic model; BENCH.md gives the source of each.
 */
export const defaultTrafficModel: TrafficModel = {
  returningShare: 0.7,
  talkTime: { kind: "lognormal", meanMs: 240_000, sigma: 0.8, maxMs: 2 * hourMs },
  afterContactWork: { kind: "lognormal", meanMs: 30_000, sigma: 0.6, maxMs: 120_000 },
  load: "carried",
  targetOccupancy: 0.85,
  onShiftShare: 0.85,
  shift: {
    lengthMs: 8.5 * hourMs,
    breaks: [
      { afterMs: 2 * hourMs, lengthMs: 15 * minuteMs, status: "Break" },
      { afterMs: 4 * hourMs, lengthMs: 30 * minuteMs, status: "Lunch" },
      { afterMs: 6.5 * hourMs, lengthMs: 15 * minuteMs, status: "Break" },
    ],
  },
  previousCallAgo: { minMs: 10 * minuteMs, maxMs: 30 * dayMs },
  redialShare: 0,
  redialDelay: { kind: "uniform", minMs: 30_000, maxMs: 300_000 },
  streamDelay: { kind: "lognormal", meanMs: 1500, sigma: 0.6, maxMs: 30_000 },
  warmupMs: 10_000,
};

/**
 * The load a cell's floor carries: the expected routable agents, the offered Erlangs, and the
 * handle-time scale `carried` applies.
 */
export function plannedLoad(spec: TrafficSpec): TrafficLoad {
  const { model } = spec;
  const breakShare =
    model.shift.breaks.reduce((total, entry) => total + entry.lengthMs, 0) / model.shift.lengthMs;
  const routableAgents = spec.agents * model.onShiftShare * (1 - breakShare);
  const meanTalk = nominalMeanMs(model.talkTime);
  const meanWork = nominalMeanMs(model.afterContactWork);
  const offeredErlangs = (spec.ratePerSecond * (meanTalk + meanWork)) / 1000;
  const capacity = routableAgents * model.targetOccupancy;
  const handleTimeScale =
    model.load === "carried" && offeredErlangs > capacity ? capacity / offeredErlangs : 1;
  return {
    routableAgents,
    offeredErlangs,
    handleTimeScale,
    meanTalkMs: meanTalk * handleTimeScale,
    meanAfterContactWorkMs: meanWork * handleTimeScale,
    occupancy: Math.min(1, (offeredErlangs * handleTimeScale) / Math.max(1, routableAgents)),
  };
}

/**
 * Generates one cell's traffic from its seed: agents mid-shift (logged in with
 * `onShiftShare`, at a random point of their shift, on a break when the shift says so, shifts
 * ending and starting during the cell), calls already in progress on the busy share of the
 * routable agents (the time left drawn as in a steady state), Poisson arrivals at the cell's
 * rate through the warm-up and the measured interval, talk and after-contact work from the
 * model (scaled when the floor could not carry them, see {@link plannedLoad}), each call from
 * a returning caller (a history entry of its own: nobody calls twice unless they redial) with
 * probability `returningShare`, else from a new number.
 *
 * @example
 * ```ts
 * const traffic = generateTraffic({ seed: 1, agents: 100, ratePerSecond: 1, durationMs: 60_000,
 *   model: defaultTrafficModel });
 * ```
 */
export function generateTraffic(spec: TrafficSpec): Traffic {
  checkSpec(spec);
  const { model } = spec;
  const load = plannedLoad(spec);
  const talkTime = scaled(model.talkTime, load.handleTimeScale);
  const afterContactWork = scaled(model.afterContactWork, load.handleTimeScale);
  const measuredFromMs = model.warmupMs;
  const measuredUntilMs = model.warmupMs + spec.durationMs;
  const horizonMs = measuredUntilMs + scheduleTailMs;

  const floorRandom = uniformOf(spec.seed, 1);
  const agents = Array.from({ length: spec.agents }, (_, index) =>
    agentOf(index, model, horizonMs, floorRandom),
  );

  const inProgress: ContactInProgressAtStart[] = [];
  const workRandom = uniformOf(spec.seed, 2);
  agents.forEach((agent, agentIndex) => {
    if (agent.schedule[0]?.status !== "Available" || workRandom() >= load.occupancy) return;
    const { talkMs, workMs } = residualHandle(talkTime, afterContactWork, workRandom);
    inProgress.push({ agentIndex, remainingTalkMs: talkMs, afterContactWorkMs: workMs });
  });

  const callRandom = uniformOf(spec.seed, 3);
  const arrivals: Omit<TrafficCall, "contactId">[] = [];
  const history: HistoryEntry[] = [];
  const meanGapMs = 1000 / spec.ratePerSecond;
  let serial = 0;
  for (
    let atMs = -Math.log(1 - callRandom()) * meanGapMs;
    atMs < measuredUntilMs;
    atMs += -Math.log(1 - callRandom()) * meanGapMs
  ) {
    serial += 1;
    const returning = callRandom() < model.returningShare;
    const number = phoneNumber(returning ? 20_000_000 + serial : 10_000_000 + serial);
    if (returning) {
      const { minMs, maxMs } = model.previousCallAgo;
      history.push({
        number,
        agentIndex: Math.floor(callRandom() * spec.agents),
        agoMs: Math.round(minMs + callRandom() * (maxMs - minMs)),
      });
    }
    const call = {
      atMs: Math.round(atMs),
      number,
      talkTimeMs: Math.round(sample(talkTime, callRandom)),
      afterContactWorkMs: Math.round(sample(afterContactWork, callRandom)),
      kind: returning ? ("returning" as const) : ("new" as const),
    };
    arrivals.push({ ...call, measured: isMeasured(call.atMs, measuredFromMs, measuredUntilMs) });
    if (model.redialShare > 0 && callRandom() < model.redialShare) {
      const redialAt = Math.round(call.atMs + sample(model.redialDelay, callRandom));
      if (redialAt < measuredUntilMs) {
        arrivals.push({
          atMs: redialAt,
          number,
          talkTimeMs: Math.round(sample(talkTime, callRandom)),
          afterContactWorkMs: Math.round(sample(afterContactWork, callRandom)),
          kind: "redial",
          measured: isMeasured(redialAt, measuredFromMs, measuredUntilMs),
        });
      }
    }
  }
  const calls = arrivals
    .sort((a, b) => a.atMs - b.atMs)
    .map((call, index) => ({ contactId: contactIdOf(spec.seed, index), ...call }));
  return { spec, agents, calls, history, inProgress, measuredFromMs, measuredUntilMs, load };
}

/** `agent-0001`, …: the username of the agent at `index`. */
export function usernameOf(index: number): string {
  return `agent-${String(index + 1).padStart(4, "0")}`;
}

/**
 * An agent's status over the cell: on shift with `onShiftShare` at a uniform point of the
 * shift (breaks by the shift's offsets), else off shift until a login drawn so that logins and
 * logouts balance (the on-shift share stays steady).
 */
function agentOf(
  index: number,
  model: TrafficModel,
  horizonMs: number,
  random: UniformSource,
): TrafficAgent {
  const { lengthMs, breaks } = model.shift;
  const onShift = random() < model.onShiftShare;
  const offShiftLengthMs =
    (lengthMs * (1 - model.onShiftShare)) / Math.max(model.onShiftShare, 1e-9);
  // Where the shift starts, relative to the start of the simulation.
  const shiftStart = onShift ? -random() * lengthMs : random() * offShiftLengthMs;
  const heartbeatOffsetMs = Math.max(1, Math.round(random() * heartbeatIntervalMs));
  const statusAt = (atMs: number): string => {
    const intoShift = atMs - shiftStart;
    if (intoShift < 0 || intoShift >= lengthMs) return "Offline";
    const onBreak = breaks.find(
      (entry) => intoShift >= entry.afterMs && intoShift < entry.afterMs + entry.lengthMs,
    );
    return onBreak?.status ?? "Available";
  };
  const changes = [
    shiftStart,
    shiftStart + lengthMs,
    ...breaks.flatMap((entry) => [
      shiftStart + entry.afterMs,
      shiftStart + entry.afterMs + entry.lengthMs,
    ]),
  ]
    .filter((atMs) => atMs > 0 && atMs < horizonMs)
    .map(Math.round)
    .sort((a, b) => a - b);
  const schedule = [{ atMs: 0, status: statusAt(0) }];
  for (const atMs of changes) {
    const status = statusAt(atMs);
    if (status !== schedule.at(-1)?.status) schedule.push({ atMs, status });
  }
  return { username: usernameOf(index), schedule, heartbeatOffsetMs };
}

/**
 * What is left of a contact in progress at a random moment: the handle time drawn
 * length-biased (a longer call is more likely to be in progress; rejection against five mean
 * handle times), the moment uniform within it.
 */
function residualHandle(
  talkTime: Distribution,
  afterContactWork: Distribution,
  random: UniformSource,
): { readonly talkMs: number; readonly workMs: number } {
  const bound = 5 * (nominalMeanMs(talkTime) + nominalMeanMs(afterContactWork));
  let talk = sample(talkTime, random);
  let work = sample(afterContactWork, random);
  for (let tries = 0; tries < 100 && random() * bound > talk + work; tries += 1) {
    talk = sample(talkTime, random);
    work = sample(afterContactWork, random);
  }
  const left = random() * (talk + work);
  return left > work
    ? { talkMs: Math.round(left - work), workMs: Math.round(work) }
    : { talkMs: 0, workMs: Math.round(left) };
}

function isMeasured(atMs: number, fromMs: number, untilMs: number): boolean {
  return atMs >= fromMs && atMs < untilMs;
}

/** An independent seeded uniform source per part of the traffic. */
function uniformOf(seed: number, part: number): UniformSource {
  const random = new SeededRandom((Math.imul(seed, 2_654_435_761) ^ part) >>> 0);
  return () => random.nextUint32() / 2 ** 32;
}

function phoneNumber(serial: number): string {
  return `+8190${String(serial % 100_000_000).padStart(8, "0")}`;
}

function contactIdOf(seed: number, index: number): string {
  const hex = (value: number, width: number): string =>
    (value >>> 0).toString(16).padStart(width, "0").slice(-width);
  return `${hex(seed, 8)}-0000-4000-8000-${hex(index, 12)}`;
}

function checkSpec(spec: TrafficSpec): void {
  const { model } = spec;
  const problems: string[] = [];
  if (!Number.isInteger(spec.agents) || spec.agents < 1) problems.push("agents must be ≥ 1");
  if (!(spec.ratePerSecond > 0)) problems.push("ratePerSecond must be > 0");
  if (!(spec.durationMs > 0)) problems.push("durationMs must be > 0");
  for (const share of [
    "returningShare",
    "targetOccupancy",
    "onShiftShare",
    "redialShare",
  ] as const) {
    if (!(model[share] >= 0 && model[share] <= 1)) problems.push(`${share} must be in [0, 1]`);
  }
  if (!(model.onShiftShare > 0)) problems.push("onShiftShare must be > 0");
  if (!(model.warmupMs >= 0)) problems.push("warmupMs must be ≥ 0");
  if (!(model.shift.lengthMs > 0)) problems.push("shift.lengthMs must be > 0");
  if (
    !(model.previousCallAgo.minMs > 0 && model.previousCallAgo.maxMs >= model.previousCallAgo.minMs)
  ) {
    problems.push("previousCallAgo must satisfy 0 < minMs ≤ maxMs");
  }
  problems.push(
    ...distributionProblems("talkTime", model.talkTime),
    ...distributionProblems("afterContactWork", model.afterContactWork),
    ...distributionProblems("redialDelay", model.redialDelay),
    ...distributionProblems("streamDelay", model.streamDelay),
  );
  if (problems.length > 0) throw new RangeError(`Invalid traffic: ${problems.join("; ")}`);
}
