import type { FlowLanguage, FlowVariant } from "@connect-affinity/flow-builder";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { resolveBundlePaths } from "./bundle-paths.js";
import { contactEventPattern } from "./contact-event-pattern.js";
import { StickyAgentRoutingArgsError } from "./errors.js";
import { flowContent, flowOptionsFor } from "./flow-content.js";
import {
  type FunctionName,
  flowFunctions,
  functionCatalog,
  functionNames,
} from "./function-catalog.js";
import {
  functionEnvironment,
  type HandlerSettings,
  type LogLevel,
  type NewCallerStrategy,
} from "./function-environment.js";
import { functionPolicy, lambdaTrustPolicy, type PresenceSource } from "./iam-policies.js";
import { type InstanceArn, parseInstanceArn } from "./instance-arn.js";
import { affinityTableSettings } from "./table-args.js";

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
  /** The callers' language: the flow's messages and voice, and `record`'s texts (default `ja-JP`). */
  readonly flowLanguage?: pulumi.Input<FlowLanguage>;
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
  readonly newCallerStrategy?: pulumi.Input<NewCallerStrategy>;
  /** A secret of at least 16 characters: the table then holds keyed hashes, not phone numbers. */
  readonly callerKeySecret?: pulumi.Input<string>;
  /** Calling code for numbers without one, e.g. `81`. */
  readonly defaultCallingCode?: pulumi.Input<string>;
  /** Where the router learns who is available now (default `connect-api`). */
  readonly presenceSource?: pulumi.Input<PresenceSource>;
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
   * A directory holding `route.mjs`, `next-agent.mjs`, `record.mjs`, `routing-criteria.mjs` and
   * `contact-event.mjs` instead of `@connect-affinity/handlers`' build. Read at construction.
   */
  readonly bundleDirectory?: string;
  /** Tags for every taggable child. */
  readonly tags?: pulumi.Input<Readonly<Record<string, pulumi.Input<string>>>>;
}

/** One deployed function with the resources that belong to it alone. */
export interface RoutingFunction {
  readonly function: aws.lambda.Function;
  readonly role: aws.iam.Role;
  readonly policy: aws.iam.RolePolicy;
  readonly logGroup: aws.cloudwatch.LogGroup;
}

/** What Connect needs to call one of the flow's functions. */
export interface FlowFunctionAccess {
  readonly permission: aws.lambda.Permission;
  readonly association: aws.connect.LambdaFunctionAssociation;
}

const defaults = {
  flowVariant: "agent-queue",
  flowLanguage: "ja-JP",
  maxAttempts: 5,
  presenceSource: "connect-api",
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
 * real ARNs, and optionally a phone number pointed at it.
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
    if (typeof args.instanceArn === "string") parseInstanceArn(args.instanceArn);
    const bundlePaths = resolveBundlePaths(args.bundleDirectory);
    const parent = { parent: this };
    const tags = args.tags ?? {};
    const instance: pulumi.Output<InstanceArn> = pulumi
      .output(args.instanceArn)
      .apply(parseInstanceArn);
    const timeoutSeconds = pulumi.output(
      args.lambdaTimeoutSeconds ?? defaults.lambdaTimeoutSeconds,
    );
    const presence = pulumi.output(args.presenceSource ?? defaults.presenceSource);
    const routingProfileIds = pulumi.output(args.routingProfileIds ?? []);
    const language = pulumi.output(args.flowLanguage ?? defaults.flowLanguage);
    const maxAttempts = pulumi.output(args.maxAttempts ?? defaults.maxAttempts);

    const table = affinityTableSettings();
    this.table = new aws.dynamodb.Table(
      `${name}-affinity`,
      {
        billingMode: table.billingMode,
        hashKey: table.hashKey,
        attributes: table.attributes.map((attribute) => ({ ...attribute })),
        ttl: { ...table.ttl },
        pointInTimeRecovery: { ...table.pointInTimeRecovery },
        serverSideEncryption: { ...table.serverSideEncryption },
        deletionProtectionEnabled: args.deletionProtection ?? defaults.deletionProtection,
        tags,
      },
      parent,
    );

    const settings = pulumi
      .output({
        tableName: this.table.name,
        instance,
        presence,
        maxAttempts,
        language,
        routingProfileIds,
        strategy: args.newCallerStrategy,
        lifetimeDays: args.affinityLifetimeDays,
        expirySeconds: args.preferredAgentExpirySeconds,
        callerKeySecret: args.callerKeySecret,
        callingCode: args.defaultCallingCode,
        logLevel: args.logLevel,
      })
      .apply(
        (resolved): HandlerSettings => ({
          tableName: resolved.tableName,
          instanceArn: resolved.instance.arn,
          presence: resolved.presence,
          maxAttempts: resolved.maxAttempts,
          recordMessageLanguage: resolved.language === "en-US" ? "en" : "ja",
          routingProfileIds: resolved.routingProfileIds,
          ...(resolved.strategy === undefined ? {} : { strategy: resolved.strategy }),
          ...(resolved.lifetimeDays === undefined
            ? {}
            : { affinityLifetimeDays: resolved.lifetimeDays }),
          ...(resolved.expirySeconds === undefined
            ? {}
            : { preferredAgentExpirySeconds: resolved.expirySeconds }),
          ...(resolved.callerKeySecret === undefined
            ? {}
            : { callerKeySecret: resolved.callerKeySecret }),
          ...(resolved.callingCode === undefined
            ? {}
            : { defaultCallingCode: resolved.callingCode }),
          ...(resolved.logLevel === undefined ? {} : { logLevel: resolved.logLevel }),
        }),
      );

    const functions = {} as { [F in FunctionName]: RoutingFunction };
    for (const fn of functionNames) {
      const { slug, description } = functionCatalog[fn];
      const childName = `${name}-${slug}`;
      const logGroup = new aws.cloudwatch.LogGroup(
        childName,
        {
          name: `/aws/lambda/${childName}`,
          retentionInDays: args.logRetentionDays ?? defaults.logRetentionDays,
          tags,
        },
        parent,
      );
      const role = new aws.iam.Role(
        childName,
        {
          assumeRolePolicy: JSON.stringify(lambdaTrustPolicy),
          description: `${description} (${name})`,
          tags,
        },
        parent,
      );
      const policy = new aws.iam.RolePolicy(
        childName,
        {
          role: role.id,
          policy: pulumi
            .all([this.table.arn, logGroup.arn, instance, presence, routingProfileIds])
            .apply(([tableArn, logGroupArn, resolvedInstance, presenceSource, profileIds]) =>
              JSON.stringify(
                functionPolicy(fn, {
                  tableArn,
                  logGroupArn,
                  instance: resolvedInstance,
                  presence: presenceSource,
                  directory: profileIds.length > 0 ? "search-users" : "list-users",
                }),
              ),
            ),
        },
        parent,
      );
      const lambda = new aws.lambda.Function(
        childName,
        {
          description,
          runtime: "nodejs22.x",
          architectures: ["arm64"],
          handler: "index.handler",
          code: new pulumi.asset.AssetArchive({
            "index.mjs": new pulumi.asset.FileAsset(bundlePaths[fn]),
          }),
          role: role.arn,
          memorySize: args.lambdaMemoryMb ?? defaults.lambdaMemoryMb,
          timeout: timeoutSeconds,
          loggingConfig: { logFormat: "JSON", logGroup: logGroup.name },
          environment: {
            variables: settings.apply((resolved) => ({ ...functionEnvironment(fn, resolved) })),
          },
          tags,
        },
        // The role's policy must be in place before the first invocation can use it.
        { parent: this, dependsOn: [policy, logGroup] },
      );
      functions[fn] = { function: lambda, role, policy, logGroup };
    }
    this.functions = functions;
    this.functionArns = pulumi.all(functionNames.map((fn) => functions[fn].function.arn)).apply(
      (arns) =>
        Object.fromEntries(functionNames.map((fn, index) => [fn, arns[index] ?? ""])) as {
          [F in FunctionName]: string;
        },
    );

    // Connect's AssociateLambdaFunction also adds an invoke statement of its own to the
    // function's policy. This explicit permission is the one the stack relies on: it names the
    // source account as well as the instance, it is declared and tested here, and it goes away
    // with the stack. Connect's statement is a side effect of the association, which the flow
    // needs anyway; it is removed when the association is.
    const flowAccess: { [F in FunctionName]?: FlowFunctionAccess } = {};
    for (const fn of flowFunctions(variant)) {
      const childName = `${name}-${functionCatalog[fn].slug}`;
      const permission = new aws.lambda.Permission(
        `${childName}-connect`,
        {
          action: "lambda:InvokeFunction",
          function: functions[fn].function.name,
          principal: "connect.amazonaws.com",
          sourceArn: instance.arn,
          sourceAccount: instance.accountId,
        },
        parent,
      );
      const association = new aws.connect.LambdaFunctionAssociation(
        childName,
        { instanceId: instance.instanceId, functionArn: functions[fn].function.arn },
        { parent: this, dependsOn: [permission] },
      );
      flowAccess[fn] = { permission, association };
    }
    this.flowAccess = flowAccess;

    const contactEvent = functions.contactEvent.function;
    this.contactEventRule = new aws.cloudwatch.EventRule(
      `${name}-connected-to-agent`,
      {
        description: `Amazon Connect CONNECTED_TO_AGENT events of ${name}'s instance, for the contact-event function`,
        eventPattern: instance.arn.apply(contactEventPattern),
        tags,
      },
      parent,
    );
    this.contactEventPermission = new aws.lambda.Permission(
      `${name}-contact-event-events`,
      {
        action: "lambda:InvokeFunction",
        function: contactEvent.name,
        principal: "events.amazonaws.com",
        sourceArn: this.contactEventRule.arn,
      },
      parent,
    );
    this.contactEventTarget = new aws.cloudwatch.EventTarget(
      `${name}-connected-to-agent`,
      { rule: this.contactEventRule.name, arn: contactEvent.arn },
      { parent: this, dependsOn: [this.contactEventPermission] },
    );

    const content = pulumi
      .all([
        this.functionArns,
        maxAttempts,
        timeoutSeconds,
        language,
        args.fallbackQueueArn,
        args.standardQueueArn,
      ])
      .apply(([arns, attempts, seconds, flowLanguage, fallbackQueueArn, standardQueueArn]) =>
        flowContent(
          variant,
          flowOptionsFor(
            {
              variant,
              maxAttempts: attempts,
              lambdaTimeLimitSeconds: seconds,
              language: flowLanguage,
              ...(fallbackQueueArn === undefined ? {} : { fallbackQueueArn }),
              ...(standardQueueArn === undefined ? {} : { standardQueueArn }),
            },
            arns,
          ),
        ),
      );
    this.flow = new aws.connect.ContactFlow(
      `${name}-flow`,
      {
        instanceId: instance.instanceId,
        name: `${name} sticky-agent routing`,
        description: `Returning callers reach the agent who served them last time (${variant} variant)`,
        type: "CONTACT_FLOW",
        content,
        tags,
      },
      // Connect rejects a flow that invokes a function not associated with the instance.
      { parent: this, dependsOn: Object.values(flowAccess).map((access) => access.association) },
    );

    if (args.phoneNumberId !== undefined) {
      this.phoneNumberAssociation = new aws.connect.PhoneNumberContactFlowAssociation(
        `${name}-phone-number`,
        {
          instanceId: instance.instanceId,
          phoneNumberId: args.phoneNumberId,
          contactFlowId: this.flow.contactFlowId,
        },
        parent,
      );
    }

    this.registerOutputs({
      tableName: this.table.name,
      functionArns: this.functionArns,
      flowId: this.flow.contactFlowId,
      flowArn: this.flow.arn,
    });
  }
}
