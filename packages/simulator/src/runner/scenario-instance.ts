import type { FlowDocument } from "@connect-affinity/flow-builder";
import type { VariableName } from "@connect-affinity/handlers/manifest";
import { connectAffinitySystem } from "../instance/connect-affinity-system.js";
import type { BundleName } from "../instance/handler-bundles.js";
import type { SimulatedInstanceSpec } from "../instance/simulated-instance.js";
import type { CustomerProfileDirectory } from "../interpreter/flow-interpreter.js";
import type { ScenarioPlan } from "../scenario/scenario-plan.js";
import { uuidOf } from "../scenario/scenario-plan.js";
import type { ScenarioOptions } from "../scenario/scenario-schema.js";
import { faultRulesOf, quotasOf } from "./emulator-settings.js";

/** What the caller of `runScenario` may choose beyond the scenario file. */
export interface ScenarioInstanceOptions {
  /** Paths of the handler bundles; the handlers package's build by default. */
  readonly bundlePaths?: Readonly<Record<BundleName, string>>;
  /** Keep DynamoDB's data in this directory instead of memory. */
  readonly dynamoDbPath?: string;
  /**
   * Run this flow instead of the scenario's generated one: an existing flow with sticky
   * routing spliced in (`pnpm flow splice`). Its `connect-affinity-*` Lambdas run the handlers,
   * its queues join the instance, and a TransferToFlow to `placeholderStickyFlowArn` continues
   * in the scenario's generated flow.
   */
  readonly flow?: FlowDocument;
}

/**
 * The simulated instance a scenario describes: its agents and schedules, the emulator's quotas
 * and faults, DynamoDB's outages, the queue limits and timings, and connect-affinity deployed
 * with the scenario's flow and handler settings.
 */
export function scenarioInstanceSpec(
  plan: ScenarioPlan,
  options: ScenarioInstanceOptions = {},
): SimulatedInstanceSpec {
  const { scenario } = plan;
  const settings = scenario.options;
  return {
    instanceId: uuidOf(`instance:${scenario.name}`),
    startMs: plan.startMs,
    seed: scenario.seed,
    agents: plan.agents.map((agent) => ({
      username: agent.username,
      id: agent.id,
      ...(agent.routingProfileId === undefined ? {} : { routingProfileId: agent.routingProfileId }),
      ...(agent.slots === undefined ? {} : { slots: agent.slots }),
      ...(agent.tags === undefined ? {} : { tags: agent.tags }),
      ...(agent.schedule.length === 0
        ? {}
        : {
            schedule: agent.schedule.map((change) => ({ at: change.atMs, status: change.status })),
          }),
    })),
    connect: {
      ...(settings.quotas === undefined ? {} : { quotas: quotasOf(settings.quotas) }),
      faults: faultRulesOf(settings.faults.connect),
    },
    dynamoDb: {
      ...(options.dynamoDbPath === undefined ? {} : { path: options.dynamoDbPath }),
      outages: settings.faults.dynamodb.map((window) => ({
        from: window.from * 1000,
        until: window.to * 1000,
      })),
    },
    queueLimits: {
      agentQueueCapacity: settings.agentQueueCapacity,
      agentQueueMaxWaitMs: settings.agentQueueMaxWaitSeconds * 1000,
      queueMaxWaitMs: settings.queueMaxWaitSeconds * 1000,
    },
    timing: {
      lambdaLatencyMs: settings.lambdaLatencyMs,
      messageMs: settings.messageSeconds * 1000,
    },
    agentEventPollMs: settings.streamPollSeconds * 1000,
    ...(settings.customerProfiles ? { customerProfiles: profileDirectoryOf(plan) } : {}),
    system: connectAffinitySystem({
      flow: settings.flow,
      fallbackQueue: settings.fallbackQueue,
      maxAttempts: settings.maxAttempts,
      lambdaTimeLimitSeconds: settings.lambdaTimeLimitSeconds,
      language: settings.language,
      presence: settings.presence,
      ...(settings.newCallerStrategy === undefined
        ? {}
        : { newCallerStrategy: settings.newCallerStrategy }),
      ...(settings.preferredAgentExpirySeconds === undefined
        ? {}
        : { preferredAgentExpirySeconds: settings.preferredAgentExpirySeconds }),
      ...(settings.customerKeyAttribute === undefined
        ? {}
        : { customerKeyAttribute: settings.customerKeyAttribute }),
      ...(settings.customerProfiles ? { customerProfiles: true } : {}),
      affinityVariables: affinityVariablesOf(settings),
      ...(options.bundlePaths === undefined ? {} : { bundlePaths: options.bundlePaths }),
      ...(options.flow === undefined ? {} : { hostFlow: options.flow }),
    }),
  };
}

/**
 * The handlers' identity, scope and credit variables a scenario sets, spelled as the variables
 * are (the manifest's writer formats for the deployed functions alike).
 */
function affinityVariablesOf(settings: ScenarioOptions): {
  readonly [V in VariableName]?: string;
} {
  const pairs = (values: Readonly<Record<string, string | number>>): string =>
    Object.entries(values)
      .map(([key, value]) => `${key}=${value}`)
      .join(",");
  return {
    ...(settings.identitySources === undefined
      ? {}
      : { IDENTITY_SOURCES: settings.identitySources.join(",") }),
    ...(settings.scope === undefined ? {} : { AFFINITY_SCOPE: settings.scope }),
    ...(settings.scopeLifetimeDays === undefined
      ? {}
      : { AFFINITY_SCOPE_LIFETIMES: pairs(settings.scopeLifetimeDays) }),
    ...(settings.minimumTalkSeconds === undefined
      ? {}
      : { MINIMUM_TALK_SECONDS: String(settings.minimumTalkSeconds) }),
    ...(settings.transferCredit === undefined ? {} : { TRANSFER_CREDIT: settings.transferCredit }),
    ...(settings.optOutTags === undefined ? {} : { OPT_OUT_TAGS: pairs(settings.optOutTags) }),
  };
}

/** The scenario's Customer Profiles domain: each caller with a `profileId`, by number and email. */
function profileDirectoryOf(plan: ScenarioPlan): CustomerProfileDirectory {
  const profiles = plan.scenario.callers.flatMap((caller) =>
    caller.profileId === undefined ? [] : [caller],
  );
  return (searchBy, value) =>
    profiles
      .filter((caller) =>
        searchBy === "PhoneNumber"
          ? caller.number === value
          : searchBy === "EmailAddress"
            ? caller.email === value
            : searchBy === "_profileId" && caller.profileId === value,
      )
      .map((caller) => caller.profileId as string);
}
