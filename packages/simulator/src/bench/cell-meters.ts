import type { ConnectEmulatorStats } from "../connect-emulator/connect-emulator.js";
import type { CapacityReading } from "../dynamodb/capacity-meter.js";
import { capacityBetween } from "../dynamodb/capacity-meter.js";
import type { FunctionTrigger } from "../instance/instance-system.js";
import type { InstrumentedParts } from "../instance/simulated-instance.js";
import type { LambdaFunction } from "../interpreter/lambda-function.js";

/** What one function did within what the cell counts. */
export interface FunctionTotals {
  readonly trigger: FunctionTrigger;
  readonly invocations: number;
  readonly connectCalls: number;
  readonly connectThrottles: number;
  readonly dynamoDbRequests: number;
  readonly readUnits: number;
  readonly writeUnits: number;
  /** Units by table and index (`table/index`). */
  readonly byTarget: Readonly<
    Record<string, { readonly readUnits: number; readonly writeUnits: number }>
  >;
  /** Wall ms of each invocation (flow Lambdas only). */
  readonly wallMs: readonly number[];
}

/** What the meters counted. */
export interface CellMeterReadings {
  /** By function name, only what the cell counts (see {@link CellMeters}). */
  readonly functions: Readonly<Record<string, FunctionTotals>>;
  /** Measured contacts during one of whose invocations the Connect API throttled a request. */
  readonly throttledContacts: ReadonlySet<string>;
  /**
   * Measured contacts during one of whose invocations a directory read (`ListUsers`,
   * `SearchUsers`) was throttled or failed.
   */
  readonly directoryFailedContacts: ReadonlySet<string>;
}

/** Which requests and invocations the cell counts. */
export interface CountingScope {
  /** Contacts arriving in the measured interval. */
  readonly measuredContacts: ReadonlySet<string>;
  /** Epoch ms of the measured interval, for work that follows time rather than contacts. */
  readonly fromMs: number;
  readonly untilMs: number;
}

/** Called with a contact's ID just before its first flow Lambda runs (its route decision). */
export type RouteDecisionListener = (contactId: string) => void;

const directoryApis = ["ListUsers", "SearchUsers"] as const;

interface MutableTotals {
  readonly trigger: FunctionTrigger;
  invocations: number;
  connectCalls: number;
  connectThrottles: number;
  dynamoDbRequests: number;
  readUnits: number;
  writeUnits: number;
  readonly byTarget: Map<string, { readUnits: number; writeUnits: number }>;
  readonly wallMs: number[];
}

/**
 * The bench's measurements around each function of a cell. Every invocation is measured (the
 * Connect API calls and throttles, DynamoDB requests and read/write units it caused, its wall
 * time) and then counted or not:
 *
 * - an invocation for a contact (a flow Lambda, `contact-event`) counts when that contact
 *   arrived in the measured interval, whenever it runs (the drain after the last arrival
 *   included, the warm-up's contacts excluded);
 * - an invocation for no contact (the stream consumer, a scheduled function) counts when it
 *   runs within the measured interval: its cost follows time, not calls.
 *
 * So per-contact figures are the measured contacts' own costs plus the interval's share of the
 * floor's, whatever the warm-up left in flight. Nothing counts before {@link startCounting}
 * (the preparation: history, the stream's first batch, the schedules' first run).
 */
export class CellMeters {
  readonly #scope: CountingScope;
  readonly #onRouteDecision: RouteDecisionListener | undefined;
  readonly #functions = new Map<string, MutableTotals>();
  readonly #throttledContacts = new Set<string>();
  readonly #directoryFailedContacts = new Set<string>();
  readonly #decided = new Set<string>();
  #counting = false;

  constructor(scope: CountingScope, onRouteDecision?: RouteDecisionListener) {
    this.#scope = scope;
    this.#onRouteDecision = onRouteDecision;
  }

  /** The instance's `instrument`. */
  readonly instrument = (
    handler: LambdaFunction,
    fn: { readonly name: string; readonly trigger: FunctionTrigger },
    instance: InstrumentedParts,
  ): LambdaFunction => {
    return async (event) => {
      const contactId = contactIdOf(event);
      if (fn.trigger === "flow" && contactId !== undefined && !this.#decided.has(contactId)) {
        this.#decided.add(contactId);
        this.#onRouteDecision?.(contactId);
      }
      const before = snapshot(instance);
      const started = performance.now();
      try {
        return await handler(event);
      } finally {
        const wallMs = performance.now() - started;
        this.#record(fn, contactId, instance, before, snapshot(instance), wallMs);
      }
    };
  };

  /** Counting starts here: what ran before (preparation) is never counted. */
  startCounting(): void {
    this.#counting = true;
  }

  readings(): CellMeterReadings {
    const functions: Record<string, FunctionTotals> = {};
    for (const [name, totals] of this.#functions) {
      functions[name] = {
        trigger: totals.trigger,
        invocations: totals.invocations,
        connectCalls: totals.connectCalls,
        connectThrottles: totals.connectThrottles,
        dynamoDbRequests: totals.dynamoDbRequests,
        readUnits: totals.readUnits,
        writeUnits: totals.writeUnits,
        byTarget: Object.fromEntries(
          [...totals.byTarget].map(([target, units]) => [target, { ...units }]),
        ),
        wallMs: [...totals.wallMs],
      };
    }
    return {
      functions,
      throttledContacts: new Set(this.#throttledContacts),
      directoryFailedContacts: new Set(this.#directoryFailedContacts),
    };
  }

  #record(
    fn: { readonly name: string; readonly trigger: FunctionTrigger },
    contactId: string | undefined,
    instance: InstrumentedParts,
    before: Snapshot,
    after: Snapshot,
    wallMs: number,
  ): void {
    const now = instance.clock.now();
    const counted = !this.#counting
      ? false
      : contactId !== undefined
        ? this.#scope.measuredContacts.has(contactId)
        : now >= this.#scope.fromMs && now < this.#scope.untilMs;
    if (!counted) return;
    const throttles = sumOf(after.connect.throttled) - sumOf(before.connect.throttled);
    if (contactId !== undefined && throttles > 0) this.#throttledContacts.add(contactId);
    if (contactId !== undefined && directoryFailed(before.connect, after.connect)) {
      this.#directoryFailedContacts.add(contactId);
    }
    let totals = this.#functions.get(fn.name);
    if (totals === undefined) {
      totals = {
        trigger: fn.trigger,
        invocations: 0,
        connectCalls: 0,
        connectThrottles: 0,
        dynamoDbRequests: 0,
        readUnits: 0,
        writeUnits: 0,
        byTarget: new Map(),
        wallMs: [],
      };
      this.#functions.set(fn.name, totals);
    }
    const units = capacityBetween(before.capacity, after.capacity);
    totals.invocations += 1;
    totals.connectCalls += sumOf(after.connect.calls) - sumOf(before.connect.calls);
    totals.connectThrottles += throttles;
    totals.dynamoDbRequests += after.requests - before.requests;
    totals.readUnits += units.total.readUnits;
    totals.writeUnits += units.total.writeUnits;
    for (const [target, delta] of Object.entries(units.byTarget)) {
      const sums = totals.byTarget.get(target);
      if (sums === undefined) totals.byTarget.set(target, { ...delta });
      else {
        sums.readUnits += delta.readUnits;
        sums.writeUnits += delta.writeUnits;
      }
    }
    if (fn.trigger === "flow") totals.wallMs.push(wallMs);
  }
}

interface Snapshot {
  readonly connect: ConnectEmulatorStats;
  readonly requests: number;
  readonly capacity: CapacityReading;
}

function snapshot(instance: InstrumentedParts): Snapshot {
  return {
    connect: instance.emulator.stats(),
    requests: sumOf(instance.dynamoDb.requestCount()),
    capacity: instance.dynamoDb.capacity(),
  };
}

function directoryFailed(before: ConnectEmulatorStats, after: ConnectEmulatorStats): boolean {
  return directoryApis.some(
    (api) =>
      after.throttled[api] > before.throttled[api] ||
      after.injectedErrors[api] > before.injectedErrors[api],
  );
}

function contactIdOf(event: unknown): string | undefined {
  const details = field(event, "Details");
  const fromFlow = field(field(details, "ContactData"), "ContactId");
  if (typeof fromFlow === "string") return fromFlow;
  const fromEventBridge = field(field(event, "detail"), "contactId");
  return typeof fromEventBridge === "string" ? fromEventBridge : undefined;
}

function field(value: unknown, key: string): unknown {
  if (typeof value !== "object" || value === null) return undefined;
  return (value as Readonly<Record<string, unknown>>)[key];
}

/** The total of per-operation counts. */
export function sumOf(counts: Readonly<Record<string, number>>): number {
  return Object.values(counts).reduce((total, count) => total + count, 0);
}
