import type { LogLevel } from "@connect-affinity/core/contract";
import { deployedFunctions } from "@connect-affinity/handlers/manifest";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  agentEventSourceMappingSettings,
  agentEventStorageConfig,
  agentEventStreamSettings,
} from "./agent-event-stream-settings.js";
import { resolveBundlePath } from "./bundle-paths.js";
import { agentEventConsumerEnvironment } from "./function-environment.js";
import { agentEventConsumerPolicy } from "./iam-policies.js";
import { parseInstanceArn } from "./instance-arn.js";
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
  /** The consumer's log level (its default if unset). */
  readonly logLevel?: pulumi.Input<LogLevel>;
  /** The CloudWatch namespace of the consumer's metrics (handlers' default if unset). */
  readonly metricsNamespace?: pulumi.Input<string>;
  /**
   * A directory holding `agent-events.mjs` instead of `@connect-affinity/handlers`' build. Read
   * at construction.
   */
  readonly bundleDirectory?: string;
  /** Tags for every taggable child. */
  readonly tags?: pulumi.Input<Readonly<Record<string, pulumi.Input<string>>>>;
  /**
   * A customer managed KMS key for the presence table, the stream, the failure queue, the
   * consumer's log group and environment (AWS managed keys without it).
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
 * Agent presence from Amazon Connect's agent event stream, for centers too busy to ask Connect
 * on every contact: the instance's `AGENT_EVENTS` storage config sends every agent event to a
 * Kinesis stream; a consumer Lambda (the handlers' `agent-events` bundle) reads it through an
 * event source mapping and keeps one item per agent in the presence table (core's
 * `presenceTableDefinition`). The routers read that table (`BatchGetItem`) with
 * `PRESENCE_SOURCE=event-stream`; grant it with {@link AgentEventPresence.presenceTable}.
 *
 * Children are named after the component: `<name>-presence` (table) and `<name>-agent-events`
 * (stream, storage config, consumer with its role, policy and log group, event source mapping).
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
  /**
   * Where the mapping sends a batch it gave up on (retries spent, records too old): the batch's
   * shard and sequence numbers, so it can be read again from the stream while it is retained.
   */
  readonly failureQueue: aws.sqs.Queue;

  constructor(name: string, args: AgentEventPresenceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("connect-affinity:index:AgentEventPresence", name, {}, opts);
    if (typeof args.instanceArn === "string") parseInstanceArn(args.instanceArn);
    const bundlePath = resolveBundlePath("agentEvents", args.bundleDirectory);
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

    this.registerOutputs({
      presenceTableName: this.presenceTable.name,
      streamArn: this.stream.arn,
      consumerArn: this.consumer.arn,
      failureQueueUrl: this.failureQueue.url,
    });
  }
}

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
    })
    .apply((resolved) => ({
      ...agentEventConsumerEnvironment({
        presenceTableName: resolved.tableName,
        ...(resolved.ttl === undefined ? {} : { presenceTtlSeconds: resolved.ttl }),
        ...(resolved.logLevel === undefined ? {} : { logLevel: resolved.logLevel }),
        ...(resolved.metricsNamespace === undefined
          ? {}
          : { metricsNamespace: resolved.metricsNamespace }),
      }),
    }));
}
