import { stableId } from "../agents/connect-resource-names.js";
import { connectAffinitySystem } from "../instance/connect-affinity-system.js";
import type { BundleName } from "../instance/handler-bundles.js";
import type { InstanceSystem } from "../instance/instance-system.js";
import type { SimulatedInstanceSpec } from "../instance/simulated-instance.js";
import { seedBaselineSystem } from "./baseline/seed-system.js";
import type { BenchSettings, BenchSystem } from "./bench-result.js";
import type { Traffic } from "./traffic.js";

/** Where every cell's simulated clock starts. */
export const cellStartMs = Date.UTC(2026, 0, 5, 0, 0, 0);

/** What a cell's instance is built from beyond its traffic. */
export interface CellInstanceOptions {
  readonly settings: BenchSettings;
  /** The handler bundles to load; the handlers package's build by default. */
  readonly bundlePaths?: Readonly<Record<BundleName, string>>;
  readonly instrument?: SimulatedInstanceSpec["instrument"];
}

/**
 * The simulated instance of one cell for one system: the cell's agents (available, or on
 * "Break" all along) with the calls already in progress at the start, every Connect API under
 * the bench's quota, and the system deployed — the seed's, or connect-affinity's agent-queue
 * flow with API or event-stream presence and the handlers' default new-caller strategy.
 */
export function cellInstanceSpec(
  system: BenchSystem,
  traffic: Traffic,
  options: CellInstanceOptions,
): SimulatedInstanceSpec {
  const { settings } = options;
  return {
    instanceId: stableId(`bench:${traffic.spec.agents}:${traffic.spec.ratePerSecond}`),
    startMs: cellStartMs,
    seed: traffic.spec.seed,
    agents: traffic.agents.map((agent) =>
      agent.available
        ? { username: agent.username }
        : { username: agent.username, schedule: [{ at: 0, status: "Break" }] },
    ),
    contactsInProgress: traffic.warmup.map((contact, index) => ({
      agentIndex: contact.agentIndex,
      contactId: `warmup-${index}`,
      remainingMs: contact.remainingMs,
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
      agentQueueCapacity: 1,
      queueCapacity: 1000,
      agentQueueMaxWaitMs: settings.queueMaxWaitSeconds * 1000,
      queueMaxWaitMs: settings.queueMaxWaitSeconds * 1000,
    },
    timing: {
      lambdaLatencyMs: settings.lambdaLatencyMs,
      messageMs: settings.messageSeconds * 1000,
    },
    agentEventPollMs: settings.consumerPollMs,
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
    ...(options.bundlePaths === undefined ? {} : { bundlePaths: options.bundlePaths }),
  });
}
