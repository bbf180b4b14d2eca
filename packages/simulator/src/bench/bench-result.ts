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
  /** Simulated seconds over which calls arrive. */
  readonly durationSeconds: number;
}

/**
 * The figures of one system in one cell: one object of `results.json`. `null` means "no
 * sample" (e.g. no contact reached an agent) or "does not apply" (the baseline has no bundle).
 */
export interface CellResult {
  readonly system: BenchSystem;
  readonly agents: number;
  readonly ratePerSecond: number;
  readonly durationSeconds: number;
  readonly contacts: number;
  readonly returningContacts: number;
  readonly newContacts: number;
  /** Connect API requests (every API, throttled ones included) per contact. */
  readonly connectApiCallsPerContact: number | null;
  readonly connectApiThrottlesPerContact: number | null;
  /** Every Lambda invocation per contact: flow Lambdas, contact-event and the stream consumer. */
  readonly lambdaInvocationsPerContact: number | null;
  /** Of which the Lambdas the flow invokes (route, next-agent, record or the seed's three). */
  readonly flowLambdaInvocationsPerContact: number | null;
  /** Of which the stream consumer's batches (event-stream only, else 0). */
  readonly consumerInvocationsPerContact: number | null;
  /** Every DynamoDB request per contact, the stream consumer's included. */
  readonly dynamoDbRequestsPerContact: number | null;
  /** Of which the stream consumer's writes. */
  readonly consumerDynamoDbRequestsPerContact: number | null;
  /** Contacts during which a Connect API call was throttled (%). */
  readonly throttledContactsPercent: number | null;
  /** Returning contacts whose last agent was available when they arrived. */
  readonly lastAgentAvailableContacts: number;
  /** Of those, the share that reached that agent (%). */
  readonly reachedLastAgentPercent: number | null;
  /**
   * Why the others did not: `offered-elsewhere:<reason>` when the first Lambda offered another
   * agent (its reason and presence), `offered-then-lost` when it offered the last agent but the
   * call ended elsewhere (the agent was taken before the transfer).
   */
  readonly lastAgentMisses: Readonly<Record<string, number>>;
  /** Max over mean new-caller contacts per agent, over the agents who received any. */
  readonly newCallerSpread: number | null;
  /** Agents who received a new caller, over the available agents (%). */
  readonly newCallerCoveragePercent: number | null;
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

/** Every figure of a {@link CellResult} the report must carry, in report order. */
export const cellFigureKeys = [
  "connectApiCallsPerContact",
  "connectApiThrottlesPerContact",
  "lambdaInvocationsPerContact",
  "flowLambdaInvocationsPerContact",
  "consumerInvocationsPerContact",
  "dynamoDbRequestsPerContact",
  "consumerDynamoDbRequestsPerContact",
  "throttledContactsPercent",
  "reachedLastAgentPercent",
  "newCallerSpread",
  "newCallerCoveragePercent",
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
  readonly grid: "full" | "quick";
  readonly seed: number;
  readonly settings: BenchSettings;
  readonly bundles: readonly BundleMeasure[];
  readonly results: readonly CellResult[];
  readonly wallSeconds: number;
}

/** The fixed settings of a run, recorded with the results. */
export interface BenchSettings {
  readonly returningShare: number;
  readonly availableShare: number;
  readonly occupancy: number;
  readonly quota: { readonly ratePerSecond: number; readonly burst: number };
  readonly lambdaLatencyMs: number;
  readonly messageSeconds: number;
  readonly consumerPollMs: number;
  readonly maxAttempts: number;
  readonly queueMaxWaitSeconds: number;
}
