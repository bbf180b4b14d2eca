import type { PriceList } from "./prices.js";
import type { BenchTarget } from "./targets.js";
import type { TrafficLoad, TrafficModel } from "./traffic.js";

/** The systems the benchmark compares. */
export const benchSystems = ["baseline", "connect-api", "event-stream"] as const;

/** One compared system: the seed's behaviour, or connect-affinity with one presence source. */
export type BenchSystem = (typeof benchSystems)[number];

/** How each system is named in the report. */
export const systemLabels: Readonly<Record<BenchSystem, string>> = {
  baseline: "baseline (seed)",
  "connect-api": "connect-affinity, API presence",
  "event-stream": "connect-affinity, event-stream presence",
};

/** One cell of the grid. */
export interface BenchCell {
  readonly agents: number;
  readonly ratePerSecond: number;
  /** Simulated seconds of the measured interval (after the warm-up). */
  readonly durationSeconds: number;
  /** This cell's `preferredWaitSeconds`; the settings' when absent. */
  readonly preferredWaitSeconds?: number;
}

/** The bounded wait's figures of one row (connect-affinity; see BENCH.md). */
export interface WaitFigures {
  /**
   * Returning calls judged "free at the decision, or free within the wait" and how many reached
   * their last agent.
   */
  readonly lastAgentWithinWait: RateWithInterval;
  /**
   * Why the calls judged within the wait missed their last agent, by cause (see
   * `withinWaitMissCause`: the caller hung up, the route did not offer the agent, the agent
   * left, another contact took them first and which, …).
   */
  readonly lastAgentWithinWaitMisses: Readonly<Record<string, number>>;
  /**
   * `lastAgentWithinWait`'s calls plus those left out only because other contacts were heading
   * for the agent, who would still be free for them within the wait once those are served
   * (the judge's `freeBehindClaims`): a wider, less certain judgement, shown beside it.
   */
  readonly lastAgentWithinWaitBehindClaims: RateWithInterval;
  /** Returning callers who waited in a personal queue and were never answered from one. */
  readonly waitedInVain: {
    readonly count: number;
    readonly p50Seconds: number | null;
    readonly p99Seconds: number | null;
    readonly maxSeconds: number | null;
  };
  /** Callers who hung up while waiting in an agent's personal queue. */
  readonly hungUpWaiting: number;
  /** The longest any caller spent in agents' personal queues (s). */
  readonly longestPersonalQueueSeconds: number | null;
  /** New callers' time to agent (s). */
  readonly newCallerTimeToAgentP50Seconds: number | null;
}

/** A rate with its sample and 95 % Wilson interval (percentages). */
export interface RateWithInterval {
  /** Trials (e.g. judged calls). */
  readonly n: number;
  readonly successes: number;
  readonly percent: number | null;
  readonly low: number | null;
  readonly high: number | null;
}

/** Read and write units per contact, and how they split. */
export interface DynamoDbUnits {
  readonly readUnitsPerContact: number | null;
  readonly writeUnitsPerContact: number | null;
  /** By function (`route`, `agent-events`, …): units per contact. */
  readonly byFunction: Readonly<
    Record<string, { readonly readUnits: number | null; readonly writeUnits: number | null }>
  >;
  /** By table and index (`table/index`): units per contact. */
  readonly byTarget: Readonly<
    Record<string, { readonly readUnits: number | null; readonly writeUnits: number | null }>
  >;
  /** Of the writes: secondary-index upkeep per contact. */
  readonly indexWriteUnitsPerContact: number | null;
  /** Of the writes: the stream consumer's per contact (heartbeats included). */
  readonly consumerWriteUnitsPerContact: number | null;
  /** Heartbeat records the stream carried per contact (each one a consumer write or more). */
  readonly heartbeatsPerContact: number | null;
}

/** Dollars per 1,000 contacts, in total and by service. */
export interface CostPerThousand {
  readonly total: number | null;
  readonly dynamoDb: number | null;
  readonly lambda: number | null;
  readonly kinesis: number | null;
}

/**
 * The figures of one system in one cell: one object of `results.json`. Counts are over the
 * contacts that arrived in the measured interval; per-contact figures add the interval's share
 * of the work that follows time (the stream consumer, schedules, the Kinesis shard). `null`
 * means "no sample" (e.g. nothing judged) or "does not apply" (the baseline has no bundle).
 */
export interface CellResult {
  readonly system: BenchSystem;
  readonly agents: number;
  readonly ratePerSecond: number;
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  /** The preferred wait this row ran with (s). */
  readonly preferredWaitSeconds: number;
  readonly wait: WaitFigures;
  /** The load the traffic put on the floor (talk and after-contact work as used). */
  readonly load: TrafficLoad;
  readonly contacts: number;
  readonly returningContacts: number;
  readonly newContacts: number;
  /**
   * Contacts lost to the directory: they ended at the fallback queue or were disconnected
   * (never at an agent, never abandoned in a queue) after a Lambda of theirs either answered
   * that no agent list was available (`no-routable-agents`) or met a directory read
   * (`ListUsers`, `SearchUsers`) that was throttled or failed.
   */
  readonly lostToDirectory: number;
  /** Connect API requests (every API, throttled ones included) per contact. */
  readonly connectApiCallsPerContact: number | null;
  readonly connectApiThrottlesPerContact: number | null;
  /** Contacts during which a Connect API call was throttled (%). */
  readonly throttledContactsPercent: number | null;
  /** Every Lambda invocation per contact: flow Lambdas, contact-event, consumer, schedules. */
  readonly lambdaInvocationsPerContact: number | null;
  /** Of which the Lambdas the flow invokes (route, next-agent, record or the seed's three). */
  readonly flowLambdaInvocationsPerContact: number | null;
  /** Invocations per contact by function. */
  readonly invocationsByFunction: Readonly<Record<string, number | null>>;
  /** Lambda GB-seconds per contact (modelled duration × memory; see BENCH.md). */
  readonly lambdaGbSecondsPerContact: number | null;
  /** Every DynamoDB request per contact (all functions). */
  readonly dynamoDbRequestsPerContact: number | null;
  readonly dynamoDb: DynamoDbUnits;
  /** Agent event stream records (PUTs into Kinesis) and PUT payload units per contact. */
  readonly kinesisRecordsPerContact: number | null;
  readonly kinesisPutPayloadUnitsPerContact: number | null;
  /**
   * Shards priced: the settings' count, or more when the stream's records or bytes over the
   * measured interval need more (1,000 records and 1 MB per second each); null without a stream.
   */
  readonly kinesisShards: number | null;
  readonly kinesisShardHoursPerContact: number | null;
  readonly costPerThousandContacts: CostPerThousand;
  /** Returning calls judged at the route decision and how many reached their last agent. */
  readonly lastAgent: RateWithInterval;
  /** Why the others were not judged, by reason (see `RouteVerdict`). */
  readonly notJudged: Readonly<Record<string, number>>;
  /**
   * Why judged calls missed: `offered-elsewhere:<reason>` when the first Lambda offered another
   * agent (its reason and presence), `offered-then-lost` when it offered the last agent but the
   * call ended elsewhere.
   */
  readonly lastAgentMisses: Readonly<Record<string, number>>;
  /** Max over mean new-caller contacts per agent, over the agents who received any. */
  readonly newCallerSpread: number | null;
  readonly timeToAgentP50Seconds: number | null;
  readonly timeToAgentP99Seconds: number | null;
  /** Handler decision time in process, in-memory ports (see BENCH.md). */
  readonly decisionP50Ms: number | null;
  readonly decisionP99Ms: number | null;
  /** Wall time of one flow-Lambda invocation in the simulation, local I/O included. */
  readonly handlerWallP50Ms: number | null;
  readonly handlerWallP99Ms: number | null;
  /** Size of the system's flow-Lambda bundles together (bytes); null for the baseline. */
  readonly bundleBytes: number | null;
  /** Median import time of the system's slowest bundle in a fresh Node process (ms). */
  readonly coldStartImportMs: number | null;
  /** What sent calls to the fallback queue or hung up on them, by cause (see `endCause`). */
  readonly endCauses: Readonly<Record<string, number>>;
  readonly outcomes: {
    readonly agent: number;
    readonly fallbackQueue: number;
    readonly disconnected: number;
    readonly abandoned: number;
    readonly deadEnd: number;
  };
  /** Wall-clock seconds the cell took to simulate. */
  readonly wallSeconds: number;
}

/** Every figure of a {@link CellResult} the report must carry (numbers or null). */
export const cellFigureKeys = [
  "connectApiCallsPerContact",
  "connectApiThrottlesPerContact",
  "throttledContactsPercent",
  "lambdaInvocationsPerContact",
  "flowLambdaInvocationsPerContact",
  "lambdaGbSecondsPerContact",
  "dynamoDbRequestsPerContact",
  "kinesisRecordsPerContact",
  "kinesisPutPayloadUnitsPerContact",
  "kinesisShards",
  "kinesisShardHoursPerContact",
  "newCallerSpread",
  "timeToAgentP50Seconds",
  "timeToAgentP99Seconds",
  "decisionP50Ms",
  "decisionP99Ms",
  "handlerWallP50Ms",
  "handlerWallP99Ms",
  "bundleBytes",
  "coldStartImportMs",
] as const satisfies readonly (keyof CellResult)[];

/** One bundle measured. */
export interface BundleMeasure {
  readonly name: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly importMedianMs: number;
}

/** What `results.json` holds. */
export interface BenchResults {
  readonly generatedAt: string;
  readonly node: string;
  /** `full`, `quick`, or `cell` (one cell on demand). */
  readonly grid: string;
  readonly seed: number;
  readonly settings: BenchSettings;
  readonly bundles: readonly BundleMeasure[];
  readonly results: readonly CellResult[];
  /** Issue 12's targets, judged on the rows they are about. */
  readonly targets: readonly BenchTarget[];
  readonly wallSeconds: number;
  /** Peak resident set size of the bench process and its threads (KB), as Node reports it. */
  readonly peakRssKb: number;
}

/** The fixed settings of a run, recorded with the results. */
export interface BenchSettings {
  readonly traffic: TrafficModel;
  readonly quota: { readonly ratePerSecond: number; readonly burst: number };
  readonly lambdaLatencyMs: number;
  readonly lambdaMemoryMb: number;
  readonly messageSeconds: number;
  readonly consumerPollMs: number;
  /** Records per consumer invocation at most (the event source mapping's batch size). */
  readonly streamBatchSize: number;
  readonly kinesisShards: number;
  readonly maxAttempts: number;
  /** How long a caller waits in a queue before hanging up. */
  readonly queueMaxWaitSeconds: number;
  /**
   * connect-affinity's `preferredWaitSeconds` (flows and handlers), unless the cell sets its
   * own (the policy grid); 0 in the grids, for comparison with the rows before the wait.
   */
  readonly preferredWaitSeconds: number;
  readonly prices: PriceList;
}
