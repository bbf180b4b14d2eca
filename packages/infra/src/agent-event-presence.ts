import type { Channel, LogLevel } from "@connect-affinity/core/contract";
import { deployedFunctions } from "@connect-affinity/handlers/manifest";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  agentEventSourceMappingSettings,
  agentEventStorageConfig,
  agentEventStreamSettings,
} from "./agent-event-stream-settings.js";
import { resolveBundlePath } from "./bundle-paths.js";
import { agentEventConsumerEnvironment, rosterRefreshEnvironment } from "./function-environment.js";
import {
  agentEventConsumerPolicy,
  rosterRefreshPolicy,
  schedulerInvokePolicy,
  schedulerTrustPolicy,
} from "./iam-policies.js";
import { type InstanceArn, parseInstanceArn } from "./instance-arn.js";
import { createOwnedFunction } from "./owned-function.js";
import { presenceTableSettings, tableOf } from "./table-args.js";

/** The arguments of {@link AgentEventPresence}. */
export interface AgentEventPresenceArgs {
  /** The Amazon Connect instance whose agent events are streamed. */
  readonly instanceArn: pulumi.Input<string>;
  /** Shards of the Kinesis stream (default 1: 1,000 records/s, 1 MB/s in). */
  readonly shardCount?: pulumi.Input<number>;
  /** Hours the stream keeps records, 24 to 8,760 (default 24). */
  readonly retentionHours?: pulumi.Input<number>;
  /**
   * Seconds an agent's presence item lives after its last event, 600 to 31,536,000 as the
   * handlers accept (their default, a day, if unset).
   */
  readonly presenceTtlSeconds?: pulumi.Input<number>;
  /** Turns on the presence table's deletion protection (default false). */
  readonly deletionProtection?: pulumi.Input<boolean>;
  /** Days the consumer's logs are kept (default 14). */
  readonly logRetentionDays?: pulumi.Input<number>;
  /** Memory of the consumer in MB (default 256). */
  readonly lambdaMemoryMb?: pulumi.Input<number>;
  /** The consumer's and the refresher's log level (their default if unset). */
  readonly logLevel?: pulumi.Input<LogLevel>;
  /** The CloudWatch namespace of the consumer's and the refresher's metrics (handlers' default if unset). */
  readonly metricsNamespace?: pulumi.Input<string>;
  /**
   * Only users of these routing profiles are agents (default: every user). The consumer applies
   * it to each event, the refresher lists them with `SearchUsers`.
   */
  readonly routingProfileIds?: pulumi.Input<readonly string[]>;
  /** Shards of each channel's agent index, 1–16 (handlers' default, 4, if unset). */
  readonly indexShards?: pulumi.Input<number>;
  /** The channels whose agent index the consumer keeps (handlers' default, `VOICE`, if unset). */
  readonly indexChannels?: pulumi.Input<readonly Channel[]>;
  /**
   * Minutes from one complete roster reconciliation to the next, 1–1,440 (handlers' default,
   * 15, if unset). The refresher runs every minute and reads nothing in between.
   */
  readonly rosterRefreshMinutes?: pulumi.Input<number>;
  /**
   * A directory holding `agent-events.mjs` and `roster-refresh.mjs` instead of
   * `@connect-affinity/handlers`' build. Read at construction.
   */
  readonly bundleDirectory?: string;
  /** Tags for every taggable child. */
  readonly tags?: pulumi.Input<Readonly<Record<string, pulumi.Input<string>>>>;
  /**
   * A customer managed KMS key for the presence table, the stream, the failure queue, the
   * consumer's and the refresher's log groups and environments (AWS managed keys without it).
   */
  readonly kmsKeyArn?: pulumi.Input<string>;
}

const defaults = {
  shardCount: 1,
  retentionHours: 24,
  deletionProtection: false,
  logRetentionDays: 14,
  lambdaMemoryMb: 256,
} as const;

/**
 * Agent presence and the shared roster from Amazon Connect's agent event stream, for centers
 * too large for every container to list the directory or ask Connect on every contact: the
 * instance's `AGENT_EVENTS` storage config sends every agent event to a Kinesis stream; a
 * consumer Lambda (the handlers' `agent-events` bundle) reads it through an event source
 * mapping and keeps one item per agent in the presence table (core's `presenceTableDefinition`,
 * with its per-channel index of agents who can take a contact); a roster refresher (the
 * `roster-refresh` bundle), started every minute by EventBridge Scheduler, reconciles that
 * roster with the directory within a share of Connect's API quota. The routers read the table
 * (`GetItem`, `Query` on its indexes) with `PRESENCE_SOURCE=event-stream`; grant it with
 * {@link AgentEventPresence.presenceTable}.
 *
 * The schedule is an EventBridge Scheduler schedule rather than a scheduled EventBridge rule:
 * AWS recommends Scheduler for schedules; its retry policy can be turned off (a retry would only
 * spend the Connect quota again, and the next minute's run resumes anyway); and it needs no rule
 * on the account's default event bus (300 rules a bus) nor a resource policy on the function —
 * its own role may invoke that one function only.
 *
 * Children are named after the component: `<name>-presence` (table), `<name>-agent-events`
 * (stream, storage config, consumer with its role, policy and log group, event source mapping)
 * and `<name>-roster-refresh` (function with its role, policy and log group; the schedule and
 * the schedule's role).
 *
 * @example
 * ```ts
 * const presence = new AgentEventPresence("sticky", { instanceArn, shardCount: 1 });
 * export const presenceTableName = presence.presenceTable.name;
 * ```
 */
export class AgentEventPresence extends pulumi.ComponentResource {
  readonly presenceTable: aws.dynamodb.Table;
  readonly stream: aws.kinesis.Stream;
  readonly storageConfig: aws.connect.InstanceStorageConfig;
  readonly consumer: aws.lambda.Function;
  readonly consumerRole: aws.iam.Role;
  readonly consumerPolicy: aws.iam.RolePolicy;
  readonly consumerLogGroup: aws.cloudwatch.LogGroup;
  readonly eventSourceMapping: aws.lambda.EventSourceMapping;
  readonly rosterRefresh: aws.lambda.Function;
  readonly rosterRefreshRole: aws.iam.Role;
  readonly rosterRefreshPolicy: aws.iam.RolePolicy;
  readonly rosterRefreshLogGroup: aws.cloudwatch.LogGroup;
  readonly rosterRefreshSchedule: aws.scheduler.Schedule;
  readonly rosterRefreshScheduleRole: aws.iam.Role;
  /**
   * Where the mapping sends a batch it gave up on (retries spent, records too old): the batch's
   * shard and sequence numbers, so it can be read again from the stream while it is retained.
   */
  readonly failureQueue: aws.sqs.Queue;

  constructor(name: string, args: AgentEventPresenceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("connect-affinity:index:AgentEventPresence", name, {}, opts);
    if (typeof args.instanceArn === "string") parseInstanceArn(args.instanceArn);
    const bundlePath = resolveBundlePath("agentEvents", args.bundleDirectory);
    const refreshBundlePath = resolveBundlePath("rosterRefresh", args.bundleDirectory);
    const instance = pulumi.output(args.instanceArn).apply(parseInstanceArn);
    const tags = args.tags ?? {};
    const childName = `${name}-${deployedFunctions.agentEvents.name}`;

    const { kmsKeyArn } = args;
    this.presenceTable = tableOf(
      `${name}-presence`,
      presenceTableSettings(),
      {
        deletionProtection: args.deletionProtection ?? defaults.deletionProtection,
        tags,
        kmsKeyArn,
      },
      this,
    );

    const stream = pulumi
      .output({
        shardCount: args.shardCount ?? defaults.shardCount,
        retentionHours: args.retentionHours ?? defaults.retentionHours,
      })
      .apply(agentEventStreamSettings);
    this.stream = new aws.kinesis.Stream(
      childName,
      {
        streamModeDetails: stream.apply((settings) => ({ ...settings.streamModeDetails })),
        shardCount: stream.apply((settings) => settings.shardCount),
        retentionPeriod: stream.apply((settings) => settings.retentionPeriod),
        encryptionType: stream.apply((settings) => settings.encryptionType),
        kmsKeyId: kmsKeyArn ?? stream.apply((settings) => settings.kmsKeyId),
        tags,
      },
      { parent: this },
    );

    const storage = agentEventStorageConfig(this.stream.arn);
    this.storageConfig = new aws.connect.InstanceStorageConfig(
      childName,
      {
        instanceId: instance.instanceId,
        resourceType: storage.resourceType,
        storageConfig: {
          storageType: storage.storageConfig.storageType,
          kinesisStreamConfig: { ...storage.storageConfig.kinesisStreamConfig },
        },
      },
      { parent: this },
    );

    // Fourteen days, SQS's longest: time to look at a failure and replay it from the stream.
    this.failureQueue = new aws.sqs.Queue(
      `${childName}-failures`,
      {
        messageRetentionSeconds: 1_209_600,
        ...(kmsKeyArn === undefined
          ? { sqsManagedSseEnabled: true }
          : { kmsMasterKeyId: kmsKeyArn }),
        tags,
      },
      { parent: this },
    );

    const { presenceTable, stream: eventStream, failureQueue } = this;
    const consumer = createOwnedFunction(
      childName,
      {
        description: deployedFunctions.agentEvents.description,
        componentName: name,
        bundlePath,
        policy: (logGroupArn) =>
          pulumi
            .all([logGroupArn, presenceTable.arn, eventStream.arn, failureQueue.arn, kmsKeyArn])
            .apply(([logGroupArn, presenceTableArn, streamArn, failureQueueArn, key]) =>
              agentEventConsumerPolicy({
                logGroupArn,
                presenceTableArn,
                streamArn,
                failureQueueArn,
                ...(key === undefined ? {} : { kmsKeyArn: key }),
              }),
            ),
        variables: consumerVariables(presenceTable, args),
        memorySize: args.lambdaMemoryMb ?? defaults.lambdaMemoryMb,
        // A batch is at most 100 records, one conditional write per agent, 16 at a time.
        timeout: 30,
        logRetentionDays: args.logRetentionDays ?? defaults.logRetentionDays,
        tags,
        kmsKeyArn,
      },
      this,
    );
    this.consumer = consumer.function;
    this.consumerRole = consumer.role;
    this.consumerPolicy = consumer.policy;
    this.consumerLogGroup = consumer.logGroup;

    const mapping = agentEventSourceMappingSettings();
    this.eventSourceMapping = new aws.lambda.EventSourceMapping(
      childName,
      {
        eventSourceArn: this.stream.arn,
        functionName: this.consumer.arn,
        startingPosition: mapping.startingPosition,
        batchSize: mapping.batchSize,
        maximumBatchingWindowInSeconds: mapping.maximumBatchingWindowInSeconds,
        functionResponseTypes: [...mapping.functionResponseTypes],
        bisectBatchOnFunctionError: mapping.bisectBatchOnFunctionError,
        maximumRetryAttempts: mapping.maximumRetryAttempts,
        maximumRecordAgeInSeconds: mapping.maximumRecordAgeInSeconds,
        destinationConfig: { onFailure: { destinationArn: this.failureQueue.arn } },
        tags,
      },
      // Lambda checks the role's stream access when the mapping is created.
      { parent: this, dependsOn: [this.consumerPolicy] },
    );

    const refresher = this.rosterRefresher(name, args, instance, tags, refreshBundlePath);
    this.rosterRefresh = refresher.function;
    this.rosterRefreshRole = refresher.role;
    this.rosterRefreshPolicy = refresher.policy;
    this.rosterRefreshLogGroup = refresher.logGroup;
    const schedule = this.refreshSchedule(name, refresher.function, instance);
    this.rosterRefreshSchedule = schedule.schedule;
    this.rosterRefreshScheduleRole = schedule.role;

    this.registerOutputs({
      presenceTableName: this.presenceTable.name,
      streamArn: this.stream.arn,
      consumerArn: this.consumer.arn,
      rosterRefreshArn: this.rosterRefresh.arn,
      failureQueueUrl: this.failureQueue.url,
    });
  }

  /**
   * The roster refresher: lists the directory (its own role may call only `ListUsers`, or
   * `SearchUsers` with a filter) into the presence table. One execution at a time (reserved
   * concurrency 1): two would spend the quota twice. Its minute-long timeout matches the
   * schedule; the function stops starting requests 20 s before it.
   */
  private rosterRefresher(
    name: string,
    args: AgentEventPresenceArgs,
    instance: pulumi.Output<InstanceArn>,
    tags: Tags,
    bundlePath: string,
  ) {
    const { presenceTable } = this;
    const routingProfileIds = pulumi.output(args.routingProfileIds ?? []);
    return createOwnedFunction(
      `${name}-${deployedFunctions.rosterRefresh.name}`,
      {
        description: deployedFunctions.rosterRefresh.description,
        componentName: name,
        bundlePath,
        policy: (logGroupArn) =>
          pulumi
            .all([logGroupArn, presenceTable.arn, instance, routingProfileIds, args.kmsKeyArn])
            .apply(([logGroupArn, presenceTableArn, instance, ids, key]) =>
              rosterRefreshPolicy({
                logGroupArn,
                presenceTableArn,
                instance,
                directory: ids.length > 0 ? "search-users" : "list-users",
                ...(key === undefined ? {} : { kmsKeyArn: key }),
              }),
            ),
        variables: pulumi
          .output({
            tableName: presenceTable.name,
            instance,
            routingProfileIds,
            minutes: args.rosterRefreshMinutes,
            logLevel: args.logLevel,
            metricsNamespace: args.metricsNamespace,
          })
          .apply((resolved) => ({
            ...rosterRefreshEnvironment({
              presenceTableName: resolved.tableName,
              connectInstance: resolved.instance.arn,
              routingProfileIds: resolved.routingProfileIds,
              ...(resolved.minutes === undefined ? {} : { rosterRefreshMinutes: resolved.minutes }),
              ...(resolved.logLevel === undefined ? {} : { logLevel: resolved.logLevel }),
              ...(resolved.metricsNamespace === undefined
                ? {}
                : { metricsNamespace: resolved.metricsNamespace }),
            }),
          })),
        memorySize: args.lambdaMemoryMb ?? defaults.lambdaMemoryMb,
        timeout: 60,
        reservedConcurrentExecutions: 1,
        logRetentionDays: args.logRetentionDays ?? defaults.logRetentionDays,
        tags,
        kmsKeyArn: args.kmsKeyArn,
      },
      this,
    );
  }

  /**
   * The refresher's schedule: every minute, no flexible window, no retry (the next minute is
   * the retry), and a role that may invoke this function only, assumable by EventBridge
   * Scheduler for this account's schedules only.
   */
  private refreshSchedule(
    name: string,
    target: aws.lambda.Function,
    instance: pulumi.Output<InstanceArn>,
  ): { readonly schedule: aws.scheduler.Schedule; readonly role: aws.iam.Role } {
    const childName = `${name}-${deployedFunctions.rosterRefresh.name}-schedule`;
    const role = new aws.iam.Role(
      childName,
      {
        assumeRolePolicy: instance.apply((parsed) =>
          JSON.stringify(schedulerTrustPolicy(parsed.accountId)),
        ),
        description: `EventBridge Scheduler starts ${name}'s roster refresher`,
      },
      { parent: this },
    );
    const policy = new aws.iam.RolePolicy(
      childName,
      {
        role: role.id,
        policy: target.arn.apply((arn) => JSON.stringify(schedulerInvokePolicy(arn))),
      },
      { parent: this },
    );
    const schedule = new aws.scheduler.Schedule(
      childName,
      {
        description: `Reconciles ${name}'s shared agent roster with the Connect directory`,
        scheduleExpression: "rate(1 minute)",
        flexibleTimeWindow: { mode: "OFF" },
        target: {
          arn: target.arn,
          roleArn: role.arn,
          retryPolicy: { maximumRetryAttempts: 0, maximumEventAgeInSeconds: 60 },
        },
      },
      { parent: this, dependsOn: [policy] },
    );
    return { schedule, role };
  }
}

type Tags = NonNullable<AgentEventPresenceArgs["tags"]>;

function consumerVariables(
  table: aws.dynamodb.Table,
  args: AgentEventPresenceArgs,
): pulumi.Output<Record<string, string>> {
  return pulumi
    .output({
      tableName: table.name,
      ttl: args.presenceTtlSeconds,
      logLevel: args.logLevel,
      metricsNamespace: args.metricsNamespace,
      routingProfileIds: args.routingProfileIds ?? [],
      shards: args.indexShards,
      channels: args.indexChannels,
    })
    .apply((resolved) => ({
      ...agentEventConsumerEnvironment({
        presenceTableName: resolved.tableName,
        routingProfileIds: resolved.routingProfileIds,
        ...(resolved.ttl === undefined ? {} : { presenceTtlSeconds: resolved.ttl }),
        ...(resolved.logLevel === undefined ? {} : { logLevel: resolved.logLevel }),
        ...(resolved.shards === undefined ? {} : { presenceIndexShards: resolved.shards }),
        ...(resolved.channels === undefined ? {} : { presenceIndexChannels: resolved.channels }),
        ...(resolved.metricsNamespace === undefined
          ? {}
          : { metricsNamespace: resolved.metricsNamespace }),
      }),
    }));
}
