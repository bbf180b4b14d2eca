import * as pulumi from "@pulumi/pulumi";
import { DemoContactCenter } from "./demo-contact-center.js";
import type { InstanceChoice, StackConfig } from "./stack-config.js";
import { StickyAgentRouting, type StickyAgentRoutingArgs } from "./sticky-agent-routing.js";

/** What a stack deploys, for its outputs. */
export interface StackDeployment {
  readonly routing: StickyAgentRouting;
  readonly demo?: DemoContactCenter;
  readonly instanceArn: pulumi.Output<string>;
}

/**
 * Deploys a stack from its validated configuration: the demo contact center when the stack
 * asks for one (its queue then serves as the standard queue and, unless another is configured,
 * the fallback queue), and the sticky-agent routing on the chosen instance. `bundleDirectory`
 * replaces the handlers package's bundles (see `StickyAgentRoutingArgs`).
 */
export function deployStack(
  name: string,
  config: StackConfig,
  options: { readonly bundleDirectory?: string } = {},
): StackDeployment {
  const { instanceArn, demo } = instanceFor(name, config.instance);
  const fallbackQueueArn = config.fallbackQueueArn ?? demo?.queue.arn;
  const standardQueueArn = config.standardQueueArn ?? demo?.queue.arn;

  const routing = new StickyAgentRouting(name, {
    instanceArn,
    flowVariant: config.flowVariant,
    flowLanguage: config.flowLanguage,
    maxAttempts: config.maxAttempts,
    presence: config.presence,
    routingProfileIds: config.routingProfileIds,
    logRetentionDays: config.logRetentionDays,
    deletionProtection: config.deletionProtection,
    lambdaMemoryMb: config.lambdaMemoryMb,
    lambdaTimeoutSeconds: config.lambdaTimeoutSeconds,
    ...(fallbackQueueArn === undefined ? {} : { fallbackQueueArn }),
    ...(standardQueueArn === undefined ? {} : { standardQueueArn }),
    ...(config.phoneNumberId === undefined ? {} : { phoneNumberId: config.phoneNumberId }),
    ...(config.kmsKeyArn === undefined ? {} : { kmsKeyArn: config.kmsKeyArn }),
    newCallerStrategy: config.newCallerStrategy,
    affinityLifetimeDays: config.affinityLifetimeDays,
    preferredAgentExpirySeconds: config.preferredAgentExpirySeconds,
    logLevel: config.logLevel,
    ...affinityArgs(config),
    ...(config.callerKeySecret === undefined ? {} : { callerKeySecret: config.callerKeySecret }),
    ...(config.defaultCallingCode === undefined
      ? {}
      : { defaultCallingCode: config.defaultCallingCode }),
    ...(options.bundleDirectory === undefined ? {} : { bundleDirectory: options.bundleDirectory }),
    tags: { project: "connect-affinity", stack: name },
  });
  return { routing, instanceArn, ...(demo === undefined ? {} : { demo }) };
}

/** The routing's identity, scope and credit arguments from the stack's settings. */
function affinityArgs(config: StackConfig): Partial<StickyAgentRoutingArgs> {
  const { affinity } = config;
  const { optOut } = affinity;
  return {
    ...(affinity.identitySources === undefined
      ? {}
      : { identitySources: affinity.identitySources }),
    ...(affinity.customerKey === undefined ? {} : { customerKey: affinity.customerKey }),
    ...(affinity.customerProfiles ? { customerProfile: true } : {}),
    // Settings at the handlers' defaults stay unset, so a stack that uses none of them deploys
    // the same functions as before they existed.
    ...(affinity.scope === "global" ? {} : { affinityScope: affinity.scope }),
    ...(affinity.scopeLifetimes === undefined
      ? {}
      : { affinityScopeLifetimes: affinity.scopeLifetimes }),
    ...(affinity.minimumTalkSeconds === 0
      ? {}
      : { minimumTalkSeconds: affinity.minimumTalkSeconds }),
    ...(affinity.transferCredit === "finishing" ? {} : { transferCredit: affinity.transferCredit }),
    ...(affinity.creditOutbound ? { creditOutbound: true } : {}),
    ...(optOut.routingProfileIds.length === 0 &&
    optOut.hierarchyGroupIds.length === 0 &&
    Object.keys(optOut.tags).length === 0
      ? {}
      : { optOut }),
  };
}

function instanceFor(
  name: string,
  choice: InstanceChoice,
): { readonly instanceArn: pulumi.Output<string>; readonly demo?: DemoContactCenter } {
  switch (choice.kind) {
    case "existing":
      return { instanceArn: pulumi.output(choice.instanceArn) };
    case "demo": {
      const demo = new DemoContactCenter(`${name}-demo`, {
        alias: choice.alias,
        agentCount: choice.agentCount,
        agentPassword: choice.agentPassword,
      });
      return { instanceArn: demo.instance.arn, demo };
    }
  }
}
