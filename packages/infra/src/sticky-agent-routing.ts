import {
  type Channel,
  defaultLanguage,
  type Language,
  type LogLevel,
  type NewCallerStrategyName,
  type PresenceSource,
} from "@connect-affinity/core/contract";
import type { FlowVariant } from "@connect-affinity/flow-builder";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AgentEventPresence } from "./agent-event-presence.js";
import { resolveBundlePath, resolveBundlePaths } from "./bundle-paths.js";
import { contactEventPattern } from "./contact-event-pattern.js";
import { StickyAgentRoutingArgsError } from "./errors.js";
import { flowContent, flowOptionsFor } from "./flow-content.js";
import {
  type FunctionName,
  flowFunctions,
  functionCatalog,
  functionNames,
} from "./function-catalog.js";
import { functionEnvironment, type HandlerSettings } from "./function-environment.js";
import { functionPolicy, type PresenceAccess } from "./iam-policies.js";
import { type InstanceArn, parseInstanceArn } from "./instance-arn.js";
import { createOwnedFunction, type OwnedFunction } from "./owned-function.js";
import { affinityTableSettings, tableOf } from "./table-args.js";

/**
 * Where the routers learn who is available now. A plain choice, not an input: `event-stream`
 * adds the agent event stream, its consumer and the presence table ({@link AgentEventPresence}).
 */
export type PresenceArgs =
  | { readonly source: Exclude<PresenceSource, "event-stream"> }
  | {
      readonly source: "event-stream";
      /** How old an agent's item or the stream watermark may be, in seconds (handlers' default 180). */
      readonly maxAgeSeconds?: pulumi.Input<number>;
      /** Shards of the agent event stream (default 1). */
      readonly shardCount?: pulumi.Input<number>;
      /** Hours the stream keeps records, 24 to 8,760 (default 24). */
      readonly retentionHours?: pulumi.Input<number>;
      /** Seconds a presence item lives after the agent's last event, 600–31,536,000 (default a day). */
      readonly presenceTtlSeconds?: pulumi.Input<number>;
      /** Shards of each channel's agent index, 1–16 (handlers' default, 4). */
      readonly indexShards?: pulumi.Input<number>;
      /** The channels whose agent index is kept (handlers' default, `VOICE`). */
      readonly indexChannels?: pulumi.Input<readonly Channel[]>;
      /** Minutes between complete reconciliations of the roster with the directory (default 15). */
      readonly rosterRefreshMinutes?: pulumi.Input<number>;
    };

/** The arguments of {@link StickyAgentRouting}. */
export interface StickyAgentRoutingArgs {
  /** The Amazon Connect instance's ARN (`arn:aws:connect:REGION:ACCOUNT:instance/ID`). */
  readonly instanceArn: pulumi.Input<string>;
  /**
   * Which flow to deploy (default `agent-queue`). A plain value, not an input: it decides which
   * functions the flow calls, and so which permissions and associations exist.
   */
  readonly flowVariant?: FlowVariant;
  /** A queue (ARN or ID) for calls no preferred agent takes; without it they hear an apology. */
  readonly fallbackQueueArn?: pulumi.Input<string>;
  /** The standard queue the routing-criteria variant transfers to; required by that variant. */
  readonly standardQueueArn?: pulumi.Input<string>;
  /** A Connect phone number ID to point at the flow (omit to associate it yourself). */
  readonly phoneNumberId?: pulumi.Input<string>;
  /** The callers' language: the flow's messages and voice, and `record`'s texts (default `en-US`). */
  readonly flowLanguage?: pulumi.Input<Language>;
  /** How many agents a call tries in all, in the flow and the router (default 5). */
  readonly maxAttempts?: pulumi.Input<number>;
  /** Days a caller stays linked to their agent after the last call (handlers' default if unset). */
  readonly affinityLifetimeDays?: pulumi.Input<number>;
  /**
   * Routing-criteria variant: seconds each step (the preferred agent first) waits before the
   * next, and after the last the whole queue (handlers' default if unset).
   */
  readonly preferredAgentExpirySeconds?: pulumi.Input<number>;
  /** Who a new caller goes to first (handlers' default if unset). */
  readonly newCallerStrategy?: pulumi.Input<NewCallerStrategyName>;
  /** A secret of at least 16 characters: the table then holds keyed hashes, not phone numbers. */
  readonly callerKeySecret?: pulumi.Input<string>;
  /** Calling code for numbers without one, e.g. `81`. */
  readonly defaultCallingCode?: pulumi.Input<string>;
  /** Where the router learns who is available now (default `{ source: "connect-api" }`). */
  readonly presence?: PresenceArgs;
  /** Only users of these routing profiles are routable (default: every user of the instance). */
  readonly routingProfileIds?: pulumi.Input<readonly string[]>;
  /** Days the functions' logs are kept (default 14). */
  readonly logRetentionDays?: pulumi.Input<number>;
  /** Turns on the table's deletion protection (default false). */
  readonly deletionProtection?: pulumi.Input<boolean>;
  /** Memory of each function in MB (default 256). */
  readonly lambdaMemoryMb?: pulumi.Input<number>;
  /**
   * Each function's timeout, and the flow's time limit for its Lambda calls, in seconds
   * (default 5; at most Connect's 8).
   */
  readonly lambdaTimeoutSeconds?: pulumi.Input<number>;
  /** The handlers' log level (their default if unset). */
  readonly logLevel?: pulumi.Input<LogLevel>;
  /**
   * A directory holding `route.mjs`, `next-agent.mjs`, `record.mjs`, `routing-criteria.mjs`,
   * `contact-event.mjs` (and `agent-events.mjs` with event-stream presence) instead of
   * `@connect-affinity/handlers`' build. Read at construction.
   */
  readonly bundleDirectory?: string;
  /** Tags for every taggable child. */
  readonly tags?: pulumi.Input<Readonly<Record<string, pulumi.Input<string>>>>;
}

/** One deployed function with the resources that belong to it alone. */
export type RoutingFunction = OwnedFunction;

/** What Connect needs to call one of the flow's functions. */
export interface FlowFunctionAccess {
  readonly permission: aws.lambda.Permission;
  readonly association: aws.connect.LambdaFunctionAssociation;
}

const defaults = {
  flowVariant: "agent-queue",
  flowLanguage: defaultLanguage,
  maxAttempts: 5,
  logRetentionDays: 14,
  deletionProtection: false,
  lambdaMemoryMb: 256,
  lambdaTimeoutSeconds: 5,
} as const;

/**
 * Sticky-agent routing on an existing Amazon Connect instance: the affinity table, the five
 * Lambda functions (each with its own least-privilege role and log group), Connect's permission
 * to invoke the flow's functions and their association with the instance, the EventBridge rule
 * that records who answered, the contact flow generated by flow-builder with the functions'
 * real ARNs, and optionally a phone number pointed at it. With event-stream presence it also
 * deploys {@link AgentEventPresence} (the agent event stream, its consumer and the presence
 * table) and lets the routers read that table instead of asking Connect.
 *
 * @example
 * ```ts
 * const routing = new StickyAgentRouting("sticky", {
 *   instanceArn: "arn:aws:connect:ap-northeast-1:123456789012:instance/…",
 *   fallbackQueueArn: "arn:aws:connect:ap-northeast-1:123456789012:instance/…/queue/…",
 * });
 * export const flowId = routing.flow.contactFlowId;
 * ```
 */
export class StickyAgentRouting extends pulumi.ComponentResource {
  readonly table: aws.dynamodb.Table;
  /** With event-stream presence: the stream, its consumer and the presence table. */
  readonly agentEventPresence?: AgentEventPresence;
  readonly functions: { readonly [F in FunctionName]: RoutingFunction };
  /** Connect's access to each function the flow calls (only those). */
  readonly flowAccess: { readonly [F in FunctionName]?: FlowFunctionAccess };
  readonly contactEventRule: aws.cloudwatch.EventRule;
  readonly contactEventTarget: aws.cloudwatch.EventTarget;
  readonly contactEventPermission: aws.lambda.Permission;
  readonly flow: aws.connect.ContactFlow;
  readonly phoneNumberAssociation?: aws.connect.PhoneNumberContactFlowAssociation;
  /** The functions' ARNs by name. */
  readonly functionArns: pulumi.Output<{ readonly [F in FunctionName]: string }>;

  constructor(name: string, args: StickyAgentRoutingArgs, opts?: pulumi.ComponentResourceOptions) {
    super("connect-affinity:index:StickyAgentRouting", name, {}, opts);
    const variant = args.flowVariant ?? defaults.flowVariant;
    if (variant === "routing-criteria" && args.standardQueueArn === undefined) {
      throw new StickyAgentRoutingArgsError(
        "standardQueueArn",
        "is required by the routing-criteria variant: routing criteria act only in a standard queue",
      );
    }
    // A plain ARN is checked now; an output (a demo instance's) when it resolves.
    if (typeof args.instanceArn === "string") parseInstanceArn(args.instanceArn);
    const bundlePaths = resolveBundlePaths(args.bundleDirectory);
    const presence = args.presence ?? { source: "connect-api" };
    // Checked here too, so a missing bundle stops the program before any resource.
    if (presence.source === "event-stream") {
      resolveBundlePath("agentEvents", args.bundleDirectory);
      resolveBundlePath("rosterRefresh", args.bundleDirectory);
    }
    const instance = pulumi.output(args.instanceArn).apply(parseInstanceArn);
    const tags = args.tags ?? {};

    this.table = this.affinityTable(name, args, tags);
    let readers: PresenceReaders;
    if (presence.source === "event-stream") {
      const agentEvents = this.agentEventStream(name, presence, args);
      this.agentEventPresence = agentEvents;
      readers = eventStreamReaders(agentEvents.presenceTable, presence.maxAgeSeconds);
    } else {
      readers = {
        settings: pulumi.output<PresenceSettings>({ presenceSource: presence.source }),
        access: pulumi.output<PresenceAccess>({ source: presence.source }),
      };
    }
    const settings = handlerSettings(this.table, instance, readers.settings, args);
    const scope = {
      tableArn: this.table.arn,
      instance,
      args,
      tags,
      settings,
      presence: readers.access,
    };
    const functions = Object.fromEntries(
      functionNames.map((fn) => [fn, this.routingFunction(name, fn, bundlePaths[fn], scope)]),
    ) as { [F in FunctionName]: RoutingFunction };
    this.functions = functions;
    this.functionArns = pulumi.all(functionNames.map((fn) => functions[fn].function.arn)).apply(
      (arns) =>
        Object.fromEntries(functionNames.map((fn, index) => [fn, arns[index]])) as {
          [F in FunctionName]: string;
        },
    );

    const flowAccess: { [F in FunctionName]?: FlowFunctionAccess } = {};
    for (const fn of flowFunctions(variant)) {
      flowAccess[fn] = this.connectAccess(name, fn, functions[fn].function, instance);
    }
    this.flowAccess = flowAccess;

    const contactEvents = this.contactEventRoute(
      name,
      functions.contactEvent.function,
      instance,
      tags,
    );
    this.contactEventRule = contactEvents.rule;
    this.contactEventPermission = contactEvents.permission;
    this.contactEventTarget = contactEvents.target;

    this.flow = new aws.connect.ContactFlow(
      `${name}-flow`,
      {
        instanceId: instance.instanceId,
        name: `${name} sticky-agent routing`,
        description: `Returning callers reach the agent who served them last time (${variant} variant)`,
        type: "CONTACT_FLOW",
        content: contactFlowContent(variant, this.functionArns, args),
        tags,
      },
      // Connect expects the functions a flow invokes to be associated with its instance.
      {
        parent: this,
        dependsOn: Object.values(flowAccess).map((access) => access.association),
      },
    );

    if (args.phoneNumberId !== undefined) {
      this.phoneNumberAssociation = new aws.connect.PhoneNumberContactFlowAssociation(
        `${name}-phone-number`,
        {
          instanceId: instance.instanceId,
          phoneNumberId: args.phoneNumberId,
          contactFlowId: this.flow.contactFlowId,
        },
        { parent: this },
      );
    }

    this.registerOutputs({
      tableName: this.table.name,
      functionArns: this.functionArns,
      flowId: this.flow.contactFlowId,
      flowArn: this.flow.arn,
      ...(this.agentEventPresence === undefined
        ? {}
        : {
            presenceTableName: this.agentEventPresence.presenceTable.name,
            agentEventStreamArn: this.agentEventPresence.stream.arn,
          }),
    });
  }

  /** The agent event stream, its consumer and the presence table, as one child component. */
  private agentEventStream(
    name: string,
    presence: Extract<PresenceArgs, { readonly source: "event-stream" }>,
    args: StickyAgentRoutingArgs,
  ): AgentEventPresence {
    return new AgentEventPresence(
      name,
      {
        instanceArn: args.instanceArn,
        ...definedInputs({
          shardCount: presence.shardCount,
          retentionHours: presence.retentionHours,
          presenceTtlSeconds: presence.presenceTtlSeconds,
          indexShards: presence.indexShards,
          indexChannels: presence.indexChannels,
          rosterRefreshMinutes: presence.rosterRefreshMinutes,
          routingProfileIds: args.routingProfileIds,
          deletionProtection: args.deletionProtection,
          logRetentionDays: args.logRetentionDays,
          lambdaMemoryMb: args.lambdaMemoryMb,
          logLevel: args.logLevel,
          tags: args.tags,
        }),
        ...(args.bundleDirectory === undefined ? {} : { bundleDirectory: args.bundleDirectory }),
      },
      { parent: this },
    );
  }

  /** The affinity table, shaped by core's definition. */
  private affinityTable(
    name: string,
    args: StickyAgentRoutingArgs,
    tags: Tags,
  ): aws.dynamodb.Table {
    return tableOf(
      `${name}-affinity`,
      affinityTableSettings(),
      { deletionProtection: args.deletionProtection ?? defaults.deletionProtection, tags },
      this,
    );
  }

  /** One function with its own log group, role and least-privilege policy. */
  private routingFunction(
    name: string,
    fn: FunctionName,
    bundlePath: string,
    scope: {
      readonly tableArn: pulumi.Output<string>;
      readonly instance: pulumi.Output<InstanceArn>;
      readonly args: StickyAgentRoutingArgs;
      readonly tags: Tags;
      readonly settings: pulumi.Output<HandlerSettings>;
      readonly presence: pulumi.Output<PresenceAccess>;
    },
  ): RoutingFunction {
    const { args, tags } = scope;
    const { slug, description } = functionCatalog[fn];
    return createOwnedFunction(
      `${name}-${slug}`,
      {
        description,
        componentName: name,
        bundlePath,
        policy: (logGroupArn) =>
          pulumi
            .output({
              tableArn: scope.tableArn,
              logGroupArn,
              instance: scope.instance,
              presence: scope.presence,
              routingProfileIds: args.routingProfileIds ?? [],
            })
            .apply((resolved) =>
              functionPolicy(fn, {
                tableArn: resolved.tableArn,
                logGroupArn: resolved.logGroupArn,
                instance: resolved.instance,
                presence: resolved.presence,
                directory: resolved.routingProfileIds.length > 0 ? "search-users" : "list-users",
              }),
            ),
        variables: scope.settings.apply((resolved) => ({ ...functionEnvironment(fn, resolved) })),
        memorySize: args.lambdaMemoryMb ?? defaults.lambdaMemoryMb,
        timeout: args.lambdaTimeoutSeconds ?? defaults.lambdaTimeoutSeconds,
        logRetentionDays: args.logRetentionDays ?? defaults.logRetentionDays,
        tags,
      },
      this,
    );
  }

  /**
   * Connect's permission to invoke one of the flow's functions, and its association with the
   * instance. AssociateLambdaFunction also adds an invoke statement of its own to the
   * function's policy; this explicit permission is the one the stack relies on: it names the
   * source account as well as the instance, it is declared and tested here, and it goes away
   * with the stack. Connect's statement is a side effect of the association, which the flow
   * needs anyway, and is removed with it.
   */
  private connectAccess(
    name: string,
    fn: FunctionName,
    lambda: aws.lambda.Function,
    instance: pulumi.Output<InstanceArn>,
  ): FlowFunctionAccess {
    const childName = `${name}-${functionCatalog[fn].slug}`;
    const permission = new aws.lambda.Permission(
      `${childName}-connect`,
      {
        action: "lambda:InvokeFunction",
        function: lambda.name,
        principal: "connect.amazonaws.com",
        sourceArn: instance.arn,
        sourceAccount: instance.accountId,
      },
      { parent: this },
    );
    const association = new aws.connect.LambdaFunctionAssociation(
      childName,
      { instanceId: instance.instanceId, functionArn: lambda.arn },
      { parent: this, dependsOn: [permission] },
    );
    return { permission, association };
  }

  /** The instance's CONNECTED_TO_AGENT events, delivered to the contact-event function. */
  private contactEventRoute(
    name: string,
    contactEvent: aws.lambda.Function,
    instance: pulumi.Output<InstanceArn>,
    tags: Tags,
  ): {
    readonly rule: aws.cloudwatch.EventRule;
    readonly permission: aws.lambda.Permission;
    readonly target: aws.cloudwatch.EventTarget;
  } {
    const rule = new aws.cloudwatch.EventRule(
      `${name}-connected-to-agent`,
      {
        description: `Amazon Connect CONNECTED_TO_AGENT events of ${name}'s instance, for the contact-event function`,
        eventPattern: instance.arn.apply(contactEventPattern),
        tags,
      },
      { parent: this },
    );
    const permission = new aws.lambda.Permission(
      `${name}-contact-event-events`,
      {
        action: "lambda:InvokeFunction",
        function: contactEvent.name,
        principal: "events.amazonaws.com",
        sourceArn: rule.arn,
      },
      { parent: this },
    );
    const target = new aws.cloudwatch.EventTarget(
      `${name}-connected-to-agent`,
      { rule: rule.name, arn: contactEvent.arn },
      { parent: this, dependsOn: [permission] },
    );
    return { rule, permission, target };
  }
}

type Tags = NonNullable<StickyAgentRoutingArgs["tags"]>;

/** The presence part of the routers' settings. */
type PresenceSettings = Pick<
  HandlerSettings,
  "presenceSource" | "presenceTableName" | "presenceMaxAgeSeconds"
>;

/** What the routers need to read presence: their environment and their policy's access. */
interface PresenceReaders {
  readonly settings: pulumi.Output<PresenceSettings>;
  readonly access: pulumi.Output<PresenceAccess>;
}

/** Event-stream presence readers, with the presence table's name and ARN once known. */
function eventStreamReaders(
  table: aws.dynamodb.Table,
  maxAgeSeconds: pulumi.Input<number> | undefined,
): PresenceReaders {
  return {
    settings: pulumi.output({ tableName: table.name, maxAgeSeconds }).apply(
      (resolved): PresenceSettings => ({
        presenceSource: "event-stream",
        presenceTableName: resolved.tableName,
        ...(resolved.maxAgeSeconds === undefined
          ? {}
          : { presenceMaxAgeSeconds: resolved.maxAgeSeconds }),
      }),
    ),
    access: table.arn.apply((tableArn): PresenceAccess => ({ source: "event-stream", tableArn })),
  };
}

/** The entries of `values` that are set, so optional arguments stay absent, not undefined. */
function definedInputs<T extends Record<string, unknown>>(
  values: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

/** The handlers' settings, once the table, the instance and every argument are known. */
function handlerSettings(
  table: aws.dynamodb.Table,
  instance: pulumi.Output<InstanceArn>,
  presence: pulumi.Output<PresenceSettings>,
  args: StickyAgentRoutingArgs,
): pulumi.Output<HandlerSettings> {
  return pulumi
    .output({
      tableName: table.name,
      instance,
      presence,
      maxAttempts: args.maxAttempts ?? defaults.maxAttempts,
      language: args.flowLanguage ?? defaults.flowLanguage,
      routingProfileIds: args.routingProfileIds ?? [],
      strategy: args.newCallerStrategy,
      lifetimeDays: args.affinityLifetimeDays,
      expirySeconds: args.preferredAgentExpirySeconds,
      callerKeySecret: args.callerKeySecret,
      callingCode: args.defaultCallingCode,
      logLevel: args.logLevel,
    })
    .apply(
      (resolved): HandlerSettings => ({
        affinityTableName: resolved.tableName,
        connectInstance: resolved.instance.arn,
        ...resolved.presence,
        maxAttempts: resolved.maxAttempts,
        recordMessageLanguage: resolved.language,
        routingProfileIds: resolved.routingProfileIds,
        ...(resolved.strategy === undefined ? {} : { newCallerStrategy: resolved.strategy }),
        ...(resolved.lifetimeDays === undefined
          ? {}
          : { affinityLifetimeDays: resolved.lifetimeDays }),
        ...(resolved.expirySeconds === undefined
          ? {}
          : { preferredAgentExpirySeconds: resolved.expirySeconds }),
        ...(resolved.callerKeySecret === undefined
          ? {}
          : { callerKeySecret: resolved.callerKeySecret }),
        ...(resolved.callingCode === undefined ? {} : { defaultCallingCode: resolved.callingCode }),
        ...(resolved.logLevel === undefined ? {} : { logLevel: resolved.logLevel }),
      }),
    );
}

/**
 * The flow's content, generated inside `apply` from the resolved function ARNs and queues, so
 * a changed ARN or queue is a changed flow. The flow's Lambda time limit is the functions'
 * timeout.
 */
function contactFlowContent(
  variant: FlowVariant,
  functionArns: pulumi.Output<{ readonly [F in FunctionName]: string }>,
  args: StickyAgentRoutingArgs,
): pulumi.Output<string> {
  return pulumi
    .output({
      arns: functionArns,
      maxAttempts: args.maxAttempts ?? defaults.maxAttempts,
      seconds: args.lambdaTimeoutSeconds ?? defaults.lambdaTimeoutSeconds,
      language: args.flowLanguage ?? defaults.flowLanguage,
      fallbackQueueArn: args.fallbackQueueArn,
      standardQueueArn: args.standardQueueArn,
    })
    .apply((resolved) =>
      flowContent(
        variant,
        flowOptionsFor(
          {
            variant,
            maxAttempts: resolved.maxAttempts,
            lambdaTimeLimitSeconds: resolved.seconds,
            language: resolved.language,
            ...(resolved.fallbackQueueArn === undefined
              ? {}
              : { fallbackQueueArn: resolved.fallbackQueueArn }),
            ...(resolved.standardQueueArn === undefined
              ? {}
              : { standardQueueArn: resolved.standardQueueArn }),
          },
          resolved.arns,
        ),
      ),
    );
}
