import type { FunctionId } from "@connect-affinity/handlers/manifest";
import * as pulumi from "@pulumi/pulumi";
import { AffinityMonitoring } from "./affinity-monitoring.js";
import { type CallerKeySecretInput, CallerKeySecrets } from "./caller-key-secrets.js";
import { DemoContactCenter } from "./demo-contact-center.js";
import { functionNames } from "./function-catalog.js";
import { parseInstanceArn } from "./instance-arn.js";
import {
  awsManagedKey,
  type InstanceChoice,
  type SecretSource,
  type StackConfig,
} from "./stack-config.js";
import { StickyAgentRouting, type StickyAgentRoutingArgs } from "./sticky-agent-routing.js";

/** What a stack deploys, for its outputs. */
export interface StackDeployment {
  readonly routing: StickyAgentRouting;
  readonly demo?: DemoContactCenter;
  readonly secrets?: CallerKeySecrets;
  readonly monitoring: AffinityMonitoring;
  readonly instanceArn: pulumi.Output<string>;
  /** Where the functions read the caller-key secrets (for the admin tool's `--stack-outputs`). */
  readonly callerKeySecretRef?: pulumi.Output<string>;
  readonly callerKeyPreviousSecretRef?: pulumi.Output<string>;
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
  const tags = { project: "connect-affinity", stack: name };
  const secrets = callerKeySecretsFor(name, config, tags);
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
    ...(secrets === undefined ? {} : secrets.routingArgs()),
    metricsNamespace: config.monitoring.namespace,
    ...(config.defaultCallingCode === undefined
      ? {}
      : { defaultCallingCode: config.defaultCallingCode }),
    ...(options.bundleDirectory === undefined ? {} : { bundleDirectory: options.bundleDirectory }),
    tags,
  });
  const monitoring = new AffinityMonitoring(`${name}-monitoring`, {
    namespace: config.monitoring.namespace,
    region: instanceArn.apply((arn) => parseInstanceArn(arn).region),
    functionNames: monitoredFunctions(routing),
    eventStreamPresence: config.presence.source === "event-stream",
    thresholds: config.monitoring,
    ...(config.monitoring.alarmTopicArn === undefined
      ? {}
      : { alarmTopicArn: config.monitoring.alarmTopicArn }),
    tags,
  });
  const previous = secrets?.previous;
  return {
    routing,
    instanceArn,
    monitoring,
    ...(demo === undefined ? {} : { demo }),
    ...(secrets === undefined ? {} : { secrets, callerKeySecretRef: secrets.current.reference }),
    ...(previous === undefined
      ? {}
      : {
          callerKeyPreviousSecretRef:
            previous === "raw-number" ? pulumi.output("raw-number") : previous.reference,
        }),
  };
}

/** The stack's caller-key secrets, unless it stores raw numbers. */
function callerKeySecretsFor(
  name: string,
  config: StackConfig,
  tags: Readonly<Record<string, string>>,
): CallerKeySecrets | undefined {
  const keys = config.callerKeys;
  if (keys.kind === "raw-numbers") return undefined;
  return new CallerKeySecrets(`${name}-caller-key`, {
    parameterPrefix: `/${name}`,
    current: secretInput(keys.current),
    ...(keys.previous === undefined
      ? {}
      : { previous: keys.previous === "raw-number" ? "raw-number" : secretInput(keys.previous) }),
    ...secretKeysOf(keys.kmsKeyArn, config.kmsKeyArn),
    tags,
  });
}

/**
 * Which KMS keys the caller-key secrets use: a parameter the stack creates is encrypted with
 * `callerKeySecretKmsKeyArn`, else with the stack's `kmsKeyArn` (one customer managed key for
 * everything the stack stores), else with `aws/ssm`; `aws-managed` asks for `aws/ssm` even with
 * a stack key. A referenced secret's key is only what `callerKeySecretKmsKeyArn` says: the
 * stack did not encrypt it, so it does not assume its own key.
 */
function secretKeysOf(
  chosen: string | undefined,
  stackKey: string | undefined,
): { readonly kmsKeyArn?: string; readonly referencedKmsKeyArn?: string } {
  if (chosen === awsManagedKey) return {};
  const created = chosen ?? stackKey;
  return {
    ...(created === undefined ? {} : { kmsKeyArn: created }),
    ...(chosen === undefined ? {} : { referencedKmsKeyArn: chosen }),
  };
}

function secretInput(source: SecretSource): CallerKeySecretInput {
  return source.kind === "reference"
    ? { kind: "reference", reference: source.reference }
    : { kind: "stack-parameter", value: source.value };
}

/** Every function the stack deploys, the agent-event consumer's included, by identifier. */
function monitoredFunctions(
  routing: StickyAgentRouting,
): pulumi.Output<Partial<Record<FunctionId, string>>> {
  const consumer = routing.agentEventPresence?.consumer;
  return pulumi
    .all({
      ...Object.fromEntries(functionNames.map((fn) => [fn, routing.functions[fn].function.name])),
      ...(consumer === undefined ? {} : { agentEvents: consumer.name }),
    })
    .apply((names) => names as Partial<Record<FunctionId, string>>);
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
