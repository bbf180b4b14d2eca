import type { BundleName } from "../instance/handler-bundles.js";
import { buildSimulatedInstance } from "../instance/simulated-instance.js";
import type { BenchSettings, BenchSystem } from "./bench-result.js";
import { cellInstanceSpec, cellStartMs } from "./cell-instance.js";
import { CellMeters, type FunctionTotals } from "./cell-meters.js";
import { type ContactRecord, contactRecord } from "./contact-record.js";
import { writeHistory } from "./history.js";
import { RouteDecisionJudge } from "./route-judge.js";
import type { Traffic, TrafficLoad, TrafficSpec } from "./traffic.js";

/** What the agent event stream carried during the measured interval. */
export interface StreamCounts {
  readonly records: number;
  readonly heartbeats: number;
  /** PUT payload units: one per started 25 KB of a record. */
  readonly putPayloadUnits: number;
  /** The records' JSON, in bytes (what the shards' write limit counts). */
  readonly bytes: number;
}

/** What one system did with one cell's traffic: raw counts, before any figure is computed. */
export interface CellRun {
  readonly system: BenchSystem;
  readonly spec: TrafficSpec;
  readonly load: TrafficLoad;
  /** The measured interval (simulated ms). */
  readonly windowMs: number;
  /** The contacts that arrived in the measured interval. */
  readonly contacts: readonly ContactRecord[];
  /** What each function did within what the cell counts (see `CellMeters`). */
  readonly functions: Readonly<Record<string, FunctionTotals>>;
  readonly stream: StreamCounts;
  /**
   * Simulated ms after the measured interval at which the floor-wide background stopped (null:
   * it ran to the end) and at which the last contact settled.
   */
  readonly drain: { readonly backgroundStoppedMs: number | null; readonly endMs: number };
  readonly wallMs: number;
}

/** Options of {@link runCell}. */
export interface RunCellOptions {
  readonly settings: BenchSettings;
  /** The handler bundles to load; the handlers package's build by default. */
  readonly bundlePaths?: Readonly<Record<BundleName, string>>;
  /** Called as contacts settle. */
  readonly onProgress?: (settled: number, total: number) => void;
  /**
   * `routed` (default): the floor-wide background (agent event stream, heartbeats, schedules)
   * stops once the measured interval is over and every contact is queued or settled, since
   * nothing it does later is counted or changes a route; `settled`: it runs until the last
   * contact settles. Both count the same (a test checks it); `routed` is much faster on a
   * large floor.
   */
  readonly background?: "routed" | "settled";
}

/**
 * Runs one system on one cell's traffic, on a fresh simulated instance (see
 * `cellInstanceSpec`): the history is written into the system's table and the stream's first
 * batch delivered (preparation, never counted), then every call of the warm-up and of the
 * measured interval is driven through the instance until all have settled. What is counted is
 * decided per invocation (`CellMeters`): the measured contacts' own work, and the work that
 * follows time within the measured interval. So once the interval is over and every contact is
 * queued or settled, the floor-wide background (stream, heartbeats, schedules) stops: nothing it
 * would do is counted or could change a route (see `RunCellOptions.background`).
 *
 * Owns process-wide state while it runs (`process.env`, `Date.now`, random values), like
 * `runScenario`: one at a time.
 */
export async function runCell(
  system: BenchSystem,
  traffic: Traffic,
  options: RunCellOptions,
): Promise<CellRun> {
  const wallStarted = performance.now();
  const fromMs = cellStartMs + traffic.measuredFromMs;
  const untilMs = cellStartMs + traffic.measuredUntilMs;
  const measured = traffic.calls.filter((call) => call.measured);
  const judged: { judge?: RouteDecisionJudge } = {};
  const meters = new CellMeters(
    { measuredContacts: new Set(measured.map((call) => call.contactId)), fromMs, untilMs },
    (contactId) => judged.judge?.decide(contactId),
  );
  const instance = await buildSimulatedInstance(
    cellInstanceSpec(system, traffic, {
      settings: options.settings,
      ...(options.bundlePaths === undefined ? {} : { bundlePaths: options.bundlePaths }),
      instrument: meters.instrument,
    }),
  );
  try {
    const agents = instance.floor.list();
    const agentAt = (index: number): (typeof agents)[number] => {
      const agent = agents[index];
      if (agent === undefined) throw new RangeError(`No agent at index ${index}`);
      return agent;
    };
    await writeHistory(system, instance.site, traffic.history, agents, cellStartMs);
    // The first batch (every logged-in agent's state) and the schedules' first run are what a
    // deployment running for a while has already done: preparation, outside the interval.
    await instance.agentEvents?.deliverDue(cellStartMs);
    for (const schedule of instance.schedules) await schedule.deliverDue(cellStartMs);
    instance.resetCounters();
    meters.startCounting();

    // Only a system that reads the agent event stream has one deployed (and pays for it).
    const stream = { records: 0, heartbeats: 0, putPayloadUnits: 0, bytes: 0 };
    const stopCounting =
      instance.agentEvents === undefined
        ? () => {}
        : instance.floor.onEvent((event) => {
            const at = Date.parse(event.EventTimestamp);
            if (at < fromMs || at >= untilMs) return;
            stream.records += 1;
            if (event.EventType === "HEART_BEAT") stream.heartbeats += 1;
            const bytes = Buffer.byteLength(JSON.stringify(event));
            stream.bytes += bytes;
            stream.putPayloadUnits += Math.max(1, Math.ceil(bytes / 25_600));
          });
    const judge = new RouteDecisionJudge(
      instance.floor,
      traffic.history.map((entry) => [entry.number, agentAt(entry.agentIndex).id] as const),
      // The judge allows the wait the deployment has; the seed's flow never waits.
      {
        waitMs: system === "baseline" ? 0 : options.settings.preferredWaitSeconds * 1000,
        now: () => instance.clock.now(),
      },
    );
    judged.judge = judge;
    const hooks = judge.hooks();
    let backgroundStoppedAt: number | undefined;
    const results = await instance.run(
      traffic.calls.map((call) => ({
        at: cellStartMs + call.atMs,
        input: {
          contactId: call.contactId,
          channel: "VOICE",
          customerAddress: call.number,
          talkTimeMs: call.talkTimeMs,
          afterContactWorkMs: call.afterContactWorkMs,
        },
      })),
      {
        onArrive: hooks.onArrive,
        onConnected: hooks.onConnected,
        ...(options.background === "settled"
          ? {}
          : {
              backgroundUntil: untilMs,
              onBackgroundStopped: (at: number) => {
                backgroundStoppedAt = at;
                stopCounting();
              },
            }),
        onSettled: (result, settled, total) => {
          hooks.onSettled(result);
          options.onProgress?.(settled, total);
        },
      },
    );
    stopCounting();

    const readings = meters.readings();
    const byContact = new Map(results.map((result) => [result.execution.input.contactId, result]));
    return {
      system,
      spec: traffic.spec,
      load: traffic.load,
      windowMs: untilMs - fromMs,
      contacts: measured.map((call) =>
        contactRecord(
          call,
          byContact.get(call.contactId),
          judge.verdict(call.contactId),
          judge.freeWithinWait(call.contactId),
          {
            throttled: readings.throttledContacts,
            directoryFailed: readings.directoryFailedContacts,
          },
          judge.afterDecision(call.contactId),
          judge.freeBehindClaims(call.contactId),
        ),
      ),
      functions: readings.functions,
      stream,
      drain: {
        backgroundStoppedMs:
          backgroundStoppedAt === undefined ? null : backgroundStoppedAt - untilMs,
        endMs: instance.clock.now() - untilMs,
      },
      wallMs: performance.now() - wallStarted,
    };
  } finally {
    await instance.close();
  }
}
