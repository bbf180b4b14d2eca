/** How a contact ended, as the report names it. */
export type ReportOutcome = "agent" | "fallback-queue" | "abandoned" | "disconnected" | "dead-end";

/** Whether the agent who answered had served this caller last time (in this run). */
export type LastAgentMatch = "same" | "other" | "first-call" | "withheld" | "not-connected";

/** One contact of a run. */
export interface ContactReport {
  readonly contactId: string;
  /** The caller's name in the scenario. */
  readonly caller: string;
  /** The number, masked. */
  readonly number: string;
  readonly channel: string;
  /** Seconds after the scenario start. */
  readonly arrivedAtSeconds: number;
  /** The path through the flow, one readable line. */
  readonly path: string;
  readonly outcome: ReportOutcome;
  /** Who answered, for `agent` and an answered `fallback-queue`. */
  readonly agent?: string;
  /** Who answered this caller's previous call in this run. */
  readonly previousAgent?: string;
  readonly lastAgent: LastAgentMatch;
  /**
   * For a caller answered before in this run: whether that agent could take the call when it
   * arrived (Available with a free slot). The case where sticky routing must work.
   */
  readonly lastAgentAvailableOnArrival?: boolean;
  /** From arrival to an agent answering. */
  readonly timeToAgentSeconds?: number;
  /**
   * Seconds spent waiting in agents' personal queues (every stay together), when there were
   * any: the bounded wait's promise is that this never exceeds the bound by more than a few
   * seconds.
   */
  readonly agentQueueWaitSeconds?: number;
  /** What the caller heard, in order. */
  readonly messages: readonly string[];
  /** For a dead end: where and why the flow stopped. */
  readonly deadEnd?: { readonly actionId: string; readonly reason: string };
  readonly lambdaInvocations: number;
  /** Each Lambda's answer in short: `route:agent/returning-caller`, `record:skipped/anonymous-caller`. */
  readonly decisions: readonly string[];
  readonly note?: string;
}

/** Quantiles of a set of durations in seconds. */
export interface SecondsSummary {
  readonly mean: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
}

/** The totals of a run. */
export interface RunSummary {
  readonly calls: number;
  /** Calls whose caller had been answered before in this run. */
  readonly returningCalls: number;
  readonly reachedLastAgent: number;
  /** Returning calls whose last agent was available when they arrived. */
  readonly lastAgentAvailableOnArrival: number;
  /** Of those, the calls that reached that agent. */
  readonly reachedLastAgentWhenAvailable: number;
  readonly reachedAnotherAgent: number;
  readonly fellBack: number;
  readonly abandoned: number;
  readonly disconnected: number;
  readonly deadEnds: number;
  readonly connectApiCalls: number;
  readonly connectApiThrottles: number;
  readonly lambdaInvocations: number;
  readonly lambdaInvocationsByFunction: Readonly<Record<string, number>>;
  /** Contact events delivered again after the contact-event function failed (as EventBridge does). */
  readonly contactEventRetries: number;
  /** Contact events that still failed after every redelivery, or were still waiting at the end. */
  readonly contactEventsLost: number;
  readonly dynamoDbRequests: number;
  readonly perContact: {
    readonly lambdaInvocations: number;
    readonly connectApiCalls: number;
    readonly dynamoDbRequests: number;
  };
  readonly timeToAgentSeconds?: SecondsSummary;
  /** Simulated seconds from the scenario start to the last event. */
  readonly simulatedSeconds: number;
}

/** Everything a run produced; what `--json` writes. */
export interface RunReport {
  readonly scenario: {
    readonly name: string;
    readonly description: string;
    readonly seed: number;
    readonly flow: string;
    readonly agents: number;
    readonly start: string;
  };
  readonly contacts: readonly ContactReport[];
  readonly summary: RunSummary;
  /**
   * Wall-clock figures of this run on this machine. Unlike everything else in the report they
   * differ between runs of the same seed.
   */
  readonly wallClock: {
    readonly runMs: number;
    /** Mean wall-clock milliseconds per invocation, by function. */
    readonly lambdaMeanMs: Readonly<Record<string, number>>;
  };
}

/** Mean and quantiles (nearest rank) of `values`; undefined when empty. */
export function summarizeSeconds(values: readonly number[]): SecondsSummary | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  const round = (value: number): number => Math.round(value * 10) / 10;
  return {
    mean: round(sorted.reduce((sum, value) => sum + value, 0) / sorted.length),
    p50: round(rank(0.5)),
    p95: round(rank(0.95)),
    max: round(sorted[sorted.length - 1] ?? 0),
  };
}
