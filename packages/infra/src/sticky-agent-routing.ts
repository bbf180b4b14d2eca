import {
  type AffinityScopeName,
  type Channel,
  defaultLanguage,
  type IdentitySource,
  type Language,
  type LogLevel,
  type NewCallerStrategyName,
  type PresenceSource,
  type TransferCredit,
} from "@connect-affinity/core/contract";
import {
  type Binding,
  type CustomerProfileLookup,
  defaultPreferredWaitSeconds,
  defaultRequiredWaitSeconds,
  type FlowVariant,
} from "@connect-affinity/flow-builder";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { AgentEventPresence } from "./agent-event-presence.js";
import { resolveBundlePath, resolveBundlePaths } from "./bundle-paths.js";
import { contactEventPattern, creditEventType } from "./contact-event-pattern.js";
import { StickyAgentRoutingArgsError } from "./errors.js";
import {
  customerQueueContent,
  customerQueueOptionsFor,
  type FlowSettings,
  flowContent,
  flowOptionsFor,
} from "./flow-content.js";
import {
  type FunctionName,
  flowFunctions,
  functionCatalog,
  functionNames,
} from "./function-catalog.js";
import { functionEnvironment, type HandlerSettings } from "./function-environment.js";
import { functionPolicy, type PolicyScope, type PresenceAccess } from "./iam-policies.js";
import { type InstanceArn, parseInstanceArn } from "./instance-arn.js";
import { lambdaTimeoutRange } from "./lambda-timeout.js";
import { createOwnedFunction, type OwnedFunction } from "./owned-function.js";
import { secretAccessOf } from "./secret-access.js";
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
  /**
   * Seconds a returning caller waits for their busy agent, 0 to 600 (default 10; 0: no wait).
   * A plain value. With the agent-queue variant the stack always deploys the customer queue
   * flow ({@link StickyAgentRouting.customerQueueFlow}) that bounds the stay in an agent's queue
   * (this wait, or with 0 a 5 s guard) and then moves the caller to `standardQueueArn`, else
   * `fallbackQueueArn` (one of them is required); the routing-criteria variant gives its first
   * step this expiry when it is above 0.
   */
  readonly preferredWaitSeconds?: number;
  /**
   * `preferred` (default) or `required`: the caller waits up to `requiredWaitSeconds` for the
   * agent, offered the next available one on a key press every 30 seconds. A plain value.
   */
  readonly binding?: Binding;
  /** With `binding: required`: the longest wait, 1 to 600 seconds (default 120). */
  readonly requiredWaitSeconds?: number;
  /**
   * With a wait: the routing priority (1 highest, up to 4) the flow gives a caller about to wait
   * for their agent, so a wait in vain ends ahead of default-priority callers in the standard
   * queue (flow-builder's `waitPriority`). A plain value; unset: no change.
   */
  readonly waitPriority?: number;
  /** Who a new caller goes to first (handlers' default if unset). */
  readonly newCallerStrategy?: pulumi.Input<NewCallerStrategyName>;
  /**
   * Where the caller-key secret lives (an SSM SecureString parameter or a Secrets Manager
   * secret; {@link CallerKeySecrets} creates one from a Pulumi secret): the table then holds
   * keyed hashes, not phone numbers. The functions read it once per container; it never enters
   * their environment. The routing cursor's signing key is derived from it too.
   */
  readonly callerKeySecret?: ManagedSecretArgs;
  /** During a rotation: the previous secret, or `raw-number` for a table of plain numbers. */
  readonly previousCallerKey?: ManagedSecretArgs | "raw-number";
  /** The CloudWatch namespace of the functions' metrics (handlers' default if unset). */
  readonly metricsNamespace?: pulumi.Input<string>;
  /**
   * The key `route` signs the routing cursor with and `next-agent` checks it against (at least
   * 32 characters, a secret; `CURSOR_SIGNING_KEY`). Unneeded with `callerKeySecret`, from which
   * the handlers derive it; with neither, the stack generates one (`random.RandomPassword`, kept
   * in the stack's state), so cursors are signed in every deployment. While a table of raw
   * numbers moves to its first secret (`previousCallerKey: "raw-number"`) it is still given,
   * so `next-agent` accepts the cursors signed with it just before the switch.
   */
  readonly cursorSigningKey?: pulumi.Input<string>;
  /** Calling code for numbers without one, e.g. `81`. */
  readonly defaultCallingCode?: pulumi.Input<string>;
  /** Where the router learns who is available now (default `{ source: "connect-api" }`). */
  readonly presence?: PresenceArgs;
  /** Only users of these routing profiles are routable (default: every user of the instance). */
  readonly routingProfileIds?: pulumi.Input<readonly string[]>;
  /**
   * Where a customer's identity comes from, in order (handlers' default: `customer-key`,
   * `phone`, `email`).
   */
  readonly identitySources?: pulumi.Input<readonly IdentitySource[]>;
  /**
   * A JSONPath the flow passes to the Lambdas as `customerKey` (e.g.
   * `$.Attributes.crmCustomerId`). A plain value: it is part of the flow's content.
   */
  readonly customerKey?: string;
  /**
   * Look callers up in the instance's Customer Profiles domain before routing and pass the
   * profile ID as `customerKey` (`true`: by phone number). Not together with `customerKey`.
   */
  readonly customerProfile?: true | CustomerProfileLookup;
  /** How far affinity reaches (handlers' default `global`). */
  readonly affinityScope?: pulumi.Input<AffinityScopeName>;
  /** With the queue or channel scope: each value's own lifetime in days (`{ CHAT: 1 }`). */
  readonly affinityScopeLifetimes?: pulumi.Input<Readonly<Record<string, number>>>;
  /**
   * The least talk time in seconds for an agent to gain affinity (default 0). A plain value: it
   * decides which contact event the stack subscribes to (`DISCONNECTED` above 0, else
   * `CONNECTED_TO_AGENT`).
   */
  readonly minimumTalkSeconds?: number;
  /** Who gains affinity from a transferred contact (handlers' default `finishing`). */
  readonly transferCredit?: pulumi.Input<TransferCredit>;
  /**
   * Whether outbound contacts create affinity (default false). A plain value: it grants the
   * contact-event function `connect:DescribeContact`.
   */
  readonly creditOutbound?: boolean;
  /**
   * Agents who opt out of sticky routing, by routing profile, hierarchy group or user tag. A
   * plain value: it makes the directory read `SearchUsers` (and the roles allow it).
   */
  readonly optOut?: {
    readonly routingProfileIds?: readonly string[];
    readonly hierarchyGroupIds?: readonly string[];
    readonly tags?: Readonly<Record<string, string>>;
  };
  /** Days the functions' logs are kept (default 14). */
  readonly logRetentionDays?: pulumi.Input<number>;
  /** Turns on the table's deletion protection (default false). */
  readonly deletionProtection?: pulumi.Input<boolean>;
  /** Memory of each function in MB (default 256). */
  readonly lambdaMemoryMb?: pulumi.Input<number>;
  /**
   * Each function's timeout, and the flow's time limit for its Lambda calls, in seconds: 5 to 8
   * (default 5), above the handlers' 4-second answer budget and at most Connect's 8.
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
  /**
   * A customer managed KMS key (its ARN) for the tables, the log groups, the functions'
   * environments and, with event-stream presence, the stream and its failure queue. Without it
   * AWS managed keys encrypt them. The roles may use it only through those services
   * (`kms:ViaService`); its key policy must let the account use it and CloudWatch Logs' service
   * principal encrypt the log groups.
   */
  readonly kmsKeyArn?: pulumi.Input<string>;
}

/** A caller-key secret as the functions are told where it is. */
export interface ManagedSecretArgs {
  /** `ssm:NAME`, an SSM parameter ARN, `secretsmanager:NAME` or a Secrets Manager secret ARN. */
  readonly reference: pulumi.Input<string>;
  /** A customer managed KMS key that encrypts it (the functions may decrypt with it). */
  readonly kmsKeyArn?: pulumi.Input<string>;
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
  /**
   * With the agent-queue variant and a wait: the customer queue flow (type `CUSTOMER_QUEUE`)
   * the flow sets before it transfers a caller to their agent's queue.
   */
  readonly customerQueueFlow?: aws.connect.ContactFlow;
  readonly phoneNumberAssociation?: aws.connect.PhoneNumberContactFlowAssociation;
  /** The functions' ARNs by name. */
  readonly functionArns: pulumi.Output<{ readonly [F in FunctionName]: string }>;
  /**
   * The generated cursor signing key, when `cursorSigningKey` is not given and the functions
   * have no caller-key secret to derive one from, or are moving a table of raw numbers to its
   * first secret (its `result` is a secret output).
   */
  readonly generatedCursorKey?: random.RandomPassword;

  constructor(name: string, args: StickyAgentRoutingArgs, opts?: pulumi.ComponentResourceOptions) {
    super("connect-affinity:index:StickyAgentRouting", name, {}, opts);
    const variant = args.flowVariant ?? defaults.flowVariant;
    if (variant === "routing-criteria" && args.standardQueueArn === undefined) {
      throw new StickyAgentRoutingArgsError(
        "standardQueueArn",
        "is required by the routing-criteria variant: routing criteria act only in a standard queue",
      );
    }
    // The agent-queue variant bounds every stay in an agent's queue with the customer queue
    // flow (the wait, or the 5 s guard with the wait off), which needs a queue to move to.
    if (
      variant === "agent-queue" &&
      args.standardQueueArn === undefined &&
      args.fallbackQueueArn === undefined
    ) {
      throw new StickyAgentRoutingArgsError(
        "preferredWaitSeconds",
        "needs standardQueueArn or fallbackQueueArn with the agent-queue variant: the queue a caller is moved to when their stay in an agent's queue reaches its bound (the wait, or the 5 s guard)",
      );
    }
    if (args.customerKey !== undefined && args.customerProfile !== undefined) {
      throw new StickyAgentRoutingArgsError(
        "customerKey",
        "is not allowed together with customerProfile, which passes the profile ID as the customer key",
      );
    }
    const timeout = args.lambdaTimeoutSeconds;
    if (
      typeof timeout === "number" &&
      !(
        Number.isInteger(timeout) &&
        timeout >= lambdaTimeoutRange.min &&
        timeout <= lambdaTimeoutRange.max
      )
    ) {
      throw new StickyAgentRoutingArgsError(
        "lambdaTimeoutSeconds",
        `must be a whole number from ${lambdaTimeoutRange.min} to ${lambdaTimeoutRange.max}: above the handlers' 4-second answer budget, at most Connect's 8 seconds`,
      );
    }
    // A plain ARN is checked now; an output (a demo instance's) when it resolves.
    if (typeof args.instanceArn === "string") parseInstanceArn(args.instanceArn);
    const bundlePaths = resolveBundlePaths(args.bundleDirectory);
    const presence = args.presence ?? { source: "connect-api" };
    if (presence.source === "event-stream" && hasOptOut(args)) {
      throw new StickyAgentRoutingArgsError(
        "optOut",
        "is not supported with event-stream presence: the shared roster the routers read does not carry opt-outs",
      );
    }
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
    let cursorKey = args.cursorSigningKey;
    const keyFromSecret =
      args.callerKeySecret !== undefined && args.previousCallerKey !== "raw-number";
    if (!keyFromSecret && cursorKey === undefined) {
      // 48 letters and digits: a key of its own for the cursor's HMAC, stable across updates
      // (so the move to a first secret keeps the very key the cursors in flight were signed with).
      this.generatedCursorKey = new random.RandomPassword(
        `${name}-cursor-signing-key`,
        { length: 48, special: false },
        { parent: this },
      );
      cursorKey = this.generatedCursorKey.result;
    }
    const settings = handlerSettings(this.table, instance, readers.settings, args, cursorKey);
    const scope = {
      tableArn: this.table.arn,
      instance,
      args,
      tags,
      settings,
      presence: readers.access,
      secrets: secretsAccess(instance, args),
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
      args.minimumTalkSeconds ?? 0,
    );
    this.contactEventRule = contactEvents.rule;
    this.contactEventPermission = contactEvents.permission;
    this.contactEventTarget = contactEvents.target;

    if (variant === "agent-queue") {
      this.customerQueueFlow = new aws.connect.ContactFlow(
        `${name}-customer-queue-flow`,
        {
          instanceId: instance.instanceId,
          name: `${name} sticky-agent wait`,
          description:
            "Bounds a caller's stay in an agent's queue (the wait for a busy agent, or a 5 s guard), then moves them on",
          type: "CUSTOMER_QUEUE",
          content: customerQueueFlowContent(args),
          tags,
        },
        { parent: this },
      );
    }
    this.flow = new aws.connect.ContactFlow(
      `${name}-flow`,
      {
        instanceId: instance.instanceId,
        name: `${name} sticky-agent routing`,
        description: `Returning callers reach the agent who served them last time (${variant} variant)`,
        type: "CONTACT_FLOW",
        content: contactFlowContent(variant, this.functionArns, args, this.customerQueueFlow?.arn),
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
          metricsNamespace: args.metricsNamespace,
          tags: args.tags,
          kmsKeyArn: args.kmsKeyArn,
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
      {
        deletionProtection: args.deletionProtection ?? defaults.deletionProtection,
        tags,
        kmsKeyArn: args.kmsKeyArn,
      },
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
      readonly secrets: pulumi.Output<NonNullable<PolicyScope["secrets"]>>;
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
              secrets: scope.secrets,
              routingProfileIds: args.routingProfileIds ?? [],
              kmsKeyArn: args.kmsKeyArn,
            })
            .apply((resolved) =>
              functionPolicy(fn, {
                tableArn: resolved.tableArn,
                logGroupArn: resolved.logGroupArn,
                instance: resolved.instance,
                presence: resolved.presence,
                directory:
                  resolved.routingProfileIds.length > 0 || hasOptOut(args)
                    ? "search-users"
                    : "list-users",
                creditOutbound: args.creditOutbound === true,
                secrets: resolved.secrets,
                ...(resolved.kmsKeyArn === undefined ? {} : { kmsKeyArn: resolved.kmsKeyArn }),
              }),
            ),
        variables: scope.settings.apply((resolved) => ({ ...functionEnvironment(fn, resolved) })),
        memorySize: args.lambdaMemoryMb ?? defaults.lambdaMemoryMb,
        timeout: args.lambdaTimeoutSeconds ?? defaults.lambdaTimeoutSeconds,
        logRetentionDays: args.logRetentionDays ?? defaults.logRetentionDays,
        tags,
        kmsKeyArn: args.kmsKeyArn,
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

  /**
   * The instance's contact events the contact-event function credits on (`CONNECTED_TO_AGENT`,
   * or `DISCONNECTED` with a minimum talk time), delivered to it. The rule keeps its first name
   * whichever it is, so changing the setting updates the rule rather than replacing it.
   */
  private contactEventRoute(
    name: string,
    contactEvent: aws.lambda.Function,
    instance: pulumi.Output<InstanceArn>,
    tags: Tags,
    minimumTalkSeconds: number,
  ): {
    readonly rule: aws.cloudwatch.EventRule;
    readonly permission: aws.lambda.Permission;
    readonly target: aws.cloudwatch.EventTarget;
  } {
    const rule = new aws.cloudwatch.EventRule(
      `${name}-connected-to-agent`,
      {
        description: `Amazon Connect ${creditEventType(minimumTalkSeconds)} events of ${name}'s instance, for the contact-event function`,
        eventPattern: instance.arn.apply((arn) =>
          contactEventPattern(arn, creditEventType(minimumTalkSeconds)),
        ),
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

function hasOptOut(args: StickyAgentRoutingArgs): boolean {
  const { optOut } = args;
  return (
    (optOut?.routingProfileIds?.length ?? 0) > 0 ||
    (optOut?.hierarchyGroupIds?.length ?? 0) > 0 ||
    Object.keys(optOut?.tags ?? {}).length > 0
  );
}

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

/** What the functions' roles may read of the caller-key secrets, once the instance is known. */
function secretsAccess(
  instance: pulumi.Output<InstanceArn>,
  args: StickyAgentRoutingArgs,
): pulumi.Output<NonNullable<PolicyScope["secrets"]>> {
  const previous = args.previousCallerKey === "raw-number" ? undefined : args.previousCallerKey;
  return pulumi
    .output({
      instance,
      current: args.callerKeySecret?.reference,
      currentKey: args.callerKeySecret?.kmsKeyArn,
      previous: previous?.reference,
      previousKey: previous?.kmsKeyArn,
    })
    .apply((resolved) => ({
      ...(resolved.current === undefined
        ? {}
        : { current: secretAccessOf(resolved.current, resolved.instance, resolved.currentKey) }),
      ...(resolved.previous === undefined
        ? {}
        : {
            previous: secretAccessOf(resolved.previous, resolved.instance, resolved.previousKey),
          }),
    }));
}

/** The handlers' settings, once the table, the instance and every argument are known. */
function handlerSettings(
  table: aws.dynamodb.Table,
  instance: pulumi.Output<InstanceArn>,
  presence: pulumi.Output<PresenceSettings>,
  args: StickyAgentRoutingArgs,
  cursorSigningKey: pulumi.Input<string> | undefined,
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
      waitSeconds: handlersWaitSeconds(args),
      secretRef: args.callerKeySecret?.reference,
      previousRef:
        args.previousCallerKey === undefined || args.previousCallerKey === "raw-number"
          ? args.previousCallerKey
          : args.previousCallerKey.reference,
      metricsNamespace: args.metricsNamespace,
      cursorSigningKey,
      callingCode: args.defaultCallingCode,
      logLevel: args.logLevel,
      identitySources: args.identitySources,
      scope: args.affinityScope,
      scopeLifetimes: args.affinityScopeLifetimes,
      transferCredit: args.transferCredit,
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
        // Always written, 0 included: the handlers' own default is the flow's 10 s.
        preferredWaitSeconds: resolved.waitSeconds,
        ...(resolved.secretRef === undefined ? {} : { callerKeySecretRef: resolved.secretRef }),
        ...(resolved.previousRef === undefined
          ? {}
          : { callerKeyPreviousSecretRef: resolved.previousRef }),
        ...(resolved.metricsNamespace === undefined
          ? {}
          : { metricsNamespace: resolved.metricsNamespace }),
        ...(resolved.cursorSigningKey === undefined
          ? {}
          : { cursorSigningKey: resolved.cursorSigningKey }),
        ...(resolved.callingCode === undefined ? {} : { defaultCallingCode: resolved.callingCode }),
        ...(resolved.logLevel === undefined ? {} : { logLevel: resolved.logLevel }),
        ...(resolved.identitySources === undefined
          ? {}
          : { identitySources: resolved.identitySources }),
        ...(resolved.scope === undefined ? {} : { affinityScope: resolved.scope }),
        ...(resolved.scopeLifetimes === undefined
          ? {}
          : { affinityScopeLifetimes: resolved.scopeLifetimes }),
        ...(args.minimumTalkSeconds === undefined
          ? {}
          : { minimumTalkSeconds: args.minimumTalkSeconds }),
        ...(resolved.transferCredit === undefined
          ? {}
          : { transferCredit: resolved.transferCredit }),
        ...(args.creditOutbound === undefined ? {} : { creditOutbound: args.creditOutbound }),
        ...(args.optOut?.routingProfileIds === undefined
          ? {}
          : { optOutRoutingProfileIds: args.optOut.routingProfileIds }),
        ...(args.optOut?.hierarchyGroupIds === undefined
          ? {}
          : { optOutHierarchyGroupIds: args.optOut.hierarchyGroupIds }),
        ...(args.optOut?.tags === undefined ? {} : { optOutTags: args.optOut.tags }),
      }),
    );
}

/**
 * The handlers' `PREFERRED_WAIT_SECONDS`: the wait the flow bounds, whichever the binding
 * (`requiredWaitSeconds`, default 120, with `required`), so `route` answers a busy agent for
 * the caller to wait for exactly when the flow lets them wait.
 */
function handlersWaitSeconds(args: StickyAgentRoutingArgs): number {
  return args.binding === "required"
    ? (args.requiredWaitSeconds ?? defaultRequiredWaitSeconds)
    : (args.preferredWaitSeconds ?? defaultPreferredWaitSeconds);
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
  customerQueueFlowArn: pulumi.Output<string> | undefined,
): pulumi.Output<string> {
  return pulumi
    .output({ arns: functionArns, settings: flowSettingsOf(variant, args), customerQueueFlowArn })
    .apply((resolved) =>
      flowContent(
        variant,
        flowOptionsFor(
          {
            ...resolved.settings,
            ...(resolved.customerQueueFlowArn === undefined
              ? {}
              : { customerQueueFlowArn: resolved.customerQueueFlowArn }),
          },
          resolved.arns,
        ),
      ),
    );
}

/** The customer queue flow's content, once the queues are known. */
function customerQueueFlowContent(args: StickyAgentRoutingArgs): pulumi.Output<string> {
  return flowSettingsOf("agent-queue", args).apply((settings) =>
    customerQueueContent(customerQueueOptionsFor(settings)),
  );
}

/** The flow settings of `args`, resolved. */
function flowSettingsOf(
  variant: FlowVariant,
  args: StickyAgentRoutingArgs,
): pulumi.Output<FlowSettings> {
  return pulumi
    .output({
      maxAttempts: args.maxAttempts ?? defaults.maxAttempts,
      seconds: args.lambdaTimeoutSeconds ?? defaults.lambdaTimeoutSeconds,
      language: args.flowLanguage ?? defaults.flowLanguage,
      fallbackQueueArn: args.fallbackQueueArn,
      standardQueueArn: args.standardQueueArn,
      expirySeconds: args.preferredAgentExpirySeconds,
    })
    .apply(
      (resolved): FlowSettings => ({
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
        ...(resolved.expirySeconds === undefined
          ? {}
          : { preferredAgentExpirySeconds: resolved.expirySeconds }),
        ...(args.preferredWaitSeconds === undefined
          ? {}
          : { preferredWaitSeconds: args.preferredWaitSeconds }),
        ...(args.binding === undefined ? {} : { binding: args.binding }),
        ...(args.requiredWaitSeconds === undefined
          ? {}
          : { requiredWaitSeconds: args.requiredWaitSeconds }),
        ...(args.waitPriority === undefined ? {} : { waitPriority: args.waitPriority }),
        ...(args.customerKey === undefined ? {} : { customerKey: args.customerKey }),
        ...(args.customerProfile === undefined ? {} : { customerProfile: args.customerProfile }),
      }),
    );
}
