import { SeededRandom } from "@connect-affinity/core/testing";
import { stableId } from "../agents/connect-resource-names.js";
import { connectAffinitySystem } from "../instance/connect-affinity-system.js";
import type { BundleName } from "../instance/handler-bundles.js";
import type { InstanceSystem } from "../instance/instance-system.js";
import type { SimulatedInstanceSpec } from "../instance/simulated-instance.js";
import { seedBaselineSystem } from "./baseline/seed-system.js";
import type { BenchSettings, BenchSystem } from "./bench-result.js";
import { sample } from "./distribution.js";
import type { Traffic } from "./traffic.js";

/** Where every cell's simulated clock starts (the warm-up's start). */
export const cellStartMs = Date.UTC(2026, 0, 5, 0, 0, 0);

/** What a cell's instance is built from beyond its traffic. */
export interface CellInstanceOptions {
  readonly settings: BenchSettings;
  /** The handler bundles to load; the handlers package's build by default. */
  readonly bundlePaths?: Readonly<Record<BundleName, string>>;
  readonly instrument?: SimulatedInstanceSpec["instrument"];
}

/**
 * Connect applies no capacity of its own to an agent's queue, and a standard queue without a
 * "Maximum contacts in queue" is bounded only by the instance's concurrent-calls quota (which a
 * center of these sizes has raised): in the simulation, no queue is ever full.
 */
const unboundedQueue = Number.MAX_SAFE_INTEGER;

/**
 * The simulated instance of one cell for one system: the cell's agents mid-shift (their
 * schedules: status at the start, breaks, shift ends and logins; heartbeats staggered), the
 * contacts in progress at the start, every Connect API under the bench's quota, the agent
 * event stream in batches with its delivery delay, and the system deployed — the seed's, or
 * connect-affinity's agent-queue flow with API or event-stream presence and the handlers'
 * default new-caller strategy.
 */
export function cellInstanceSpec(
  system: BenchSystem,
  traffic: Traffic,
  options: CellInstanceOptions,
): SimulatedInstanceSpec {
  const { settings } = options;
  const delayRandom = new SeededRandom((traffic.spec.seed ^ 0x5eed) >>> 0);
  return {
    instanceId: stableId(`bench:${traffic.spec.agents}:${traffic.spec.ratePerSecond}`),
    startMs: cellStartMs,
    seed: traffic.spec.seed,
    agents: traffic.agents.map((agent) => ({
      username: agent.username,
      schedule: agent.schedule.map((entry) => ({ at: entry.atMs, status: entry.status })),
    })),
    heartbeatOffsetMs: (index) => traffic.agents[index]?.heartbeatOffsetMs ?? 120_000,
    contactsInProgress: traffic.inProgress.map((contact, index) => ({
      agentIndex: contact.agentIndex,
      contactId: `in-progress-${index}`,
      remainingMs: contact.remainingTalkMs,
      afterContactWorkMs: contact.afterContactWorkMs,
    })),
    connect: {
      quotas: {
        ListUsers: settings.quota,
        SearchUsers: settings.quota,
        DescribeUser: settings.quota,
        GetCurrentUserData: settings.quota,
      },
    },
    queueLimits: {
      agentQueueCapacity: unboundedQueue,
      queueCapacity: unboundedQueue,
      agentQueueMaxWaitMs: settings.queueMaxWaitSeconds * 1000,
      queueMaxWaitMs: settings.queueMaxWaitSeconds * 1000,
    },
    timing: {
      lambdaLatencyMs: settings.lambdaLatencyMs,
      messageMs: settings.messageSeconds * 1000,
    },
    agentEventPollMs: settings.consumerPollMs,
    agentEventStream: {
      batchSize: settings.streamBatchSize,
      deliveryDelayMs: () =>
        sample(traffic.spec.model.streamDelay, () => delayRandom.nextUint32() / 2 ** 32),
    },
    system: systemOf(system, options),
    ...(options.instrument === undefined ? {} : { instrument: options.instrument }),
  };
}

function systemOf(system: BenchSystem, options: CellInstanceOptions): InstanceSystem {
  if (system === "baseline") return seedBaselineSystem();
  return connectAffinitySystem({
    flow: "agent-queue",
    fallbackQueue: true,
    maxAttempts: options.settings.maxAttempts,
    lambdaTimeLimitSeconds: 5,
    language: "ja-JP",
    presence: system === "event-stream" ? "event-stream" : "connect-api",
    // As a deployment sets it: the flows' bound and the handlers' PREFERRED_WAIT_SECONDS.
    wait: { preferredWaitSeconds: options.settings.preferredWaitSeconds },
    ...(options.bundlePaths === undefined ? {} : { bundlePaths: options.bundlePaths }),
  });
}
