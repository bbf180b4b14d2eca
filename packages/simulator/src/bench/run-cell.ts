import type { BundleName } from "../instance/handler-bundles.js";
import { buildSimulatedInstance } from "../instance/simulated-instance.js";
import { LastAgentLedger } from "../report/last-agent-ledger.js";
import type { BenchSettings, BenchSystem } from "./bench-result.js";
import { cellInstanceSpec, cellStartMs } from "./cell-instance.js";
import { CellMeters, sumOf } from "./cell-meters.js";
import { type ContactRecord, contactRecord } from "./contact-record.js";
import { writeHistory } from "./history.js";
import type { Traffic } from "./traffic.js";

/** What one system did with one cell's traffic: raw counts, before any figure is computed. */
export interface CellRun {
  readonly system: BenchSystem;
  readonly traffic: Traffic;
  readonly contacts: readonly ContactRecord[];
  readonly connectApiCalls: number;
  readonly connectApiThrottles: number;
  readonly flowLambdaInvocations: number;
  readonly contactEventInvocations: number;
  readonly consumerInvocations: number;
  readonly dynamoDbRequests: number;
  readonly consumerDynamoDbRequests: number;
  /** Wall ms of each flow-Lambda invocation. */
  readonly handlerWallMs: readonly number[];
  /** User IDs of the agents available (status) during the run. */
  readonly availableAgentIds: ReadonlySet<string>;
  readonly wallMs: number;
}

/** Options of {@link runCell}. */
export interface RunCellOptions {
  readonly settings: BenchSettings;
  /** The handler bundles to load; the handlers package's build by default. */
  readonly bundlePaths?: Readonly<Record<BundleName, string>>;
  /** Called as contacts settle. */
  readonly onProgress?: (settled: number, total: number) => void;
}

/**
 * Runs one system on one cell's traffic, on a fresh simulated instance (see
 * `cellInstanceSpec`). History, the presence table's first batch and the calls in progress at
 * the start are prepared first and not counted; every request after that is.
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
  const meters = new CellMeters(cellStartMs + traffic.spec.durationMs);
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
    // The first batch (every logged-in agent's state) is what a consumer running for a while
    // has already written: preparation, not counted.
    await instance.agentEvents?.deliverDue(cellStartMs);
    instance.resetCounters();
    meters.startCounting();

    const ledger = new LastAgentLedger(
      (agentId, channel) => instance.floor.isAvailable(agentId, channel),
      traffic.history.map((entry) => [entry.number, agentAt(entry.agentIndex).id] as const),
    );
    const results = await instance.run(
      traffic.calls.map((call) => ({
        at: cellStartMs + call.atMs,
        input: {
          contactId: call.contactId,
          channel: "VOICE",
          customerAddress: call.number,
          talkTimeMs: call.talkTimeMs,
        },
      })),
      {
        ...ledger.hooks(),
        onSettled: (_result, settled, total) => options.onProgress?.(settled, total),
      },
    );

    const readings = meters.readings();
    const connect = instance.emulator.stats();
    return {
      system,
      traffic,
      contacts: traffic.calls.map((call, index) =>
        contactRecord(
          call,
          results[index],
          ledger.onArrival(call.contactId),
          readings.throttledContacts,
        ),
      ),
      connectApiCalls: sumOf(connect.calls),
      connectApiThrottles: sumOf(connect.throttled),
      flowLambdaInvocations: readings.flowLambdaWallMs.length,
      contactEventInvocations: readings.contactEventInvocations,
      consumerInvocations: readings.consumerInvocations,
      dynamoDbRequests:
        sumOf(instance.dynamoDb.requestCount()) - readings.consumerDynamoDbRequestsAfterWindow,
      consumerDynamoDbRequests: readings.consumerDynamoDbRequests,
      handlerWallMs: readings.flowLambdaWallMs,
      availableAgentIds: new Set(
        traffic.agents.flatMap((agent, index) => (agent.available ? [agentAt(index).id] : [])),
      ),
      wallMs: performance.now() - wallStarted,
    };
  } finally {
    await instance.close();
  }
}
