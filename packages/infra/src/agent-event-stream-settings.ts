/** The agent event stream's Kinesis settings, in `aws.kinesis.Stream`'s argument names. */
export interface AgentEventStreamSettings {
  readonly streamModeDetails: { readonly streamMode: "PROVISIONED" };
  readonly shardCount: number;
  readonly retentionPeriod: number;
  readonly encryptionType: "KMS";
  readonly kmsKeyId: "alias/aws/kinesis";
}

/** The consumer's event source mapping settings, in `aws.lambda.EventSourceMapping`'s names. */
export interface AgentEventSourceMappingSettings {
  readonly startingPosition: "LATEST";
  readonly batchSize: number;
  readonly maximumBatchingWindowInSeconds: number;
  readonly functionResponseTypes: readonly ["ReportBatchItemFailures"];
  readonly bisectBatchOnFunctionError: true;
  readonly maximumRetryAttempts: number;
  readonly maximumRecordAgeInSeconds: number;
}

/** How many shards and hours of retention the stream has (the stack's config). */
export interface AgentEventStreamSize {
  readonly shardCount: number;
  readonly retentionHours: number;
}

/** The stream sizes Kinesis accepts: hours of retention (24 to a year). */
export const agentEventStreamRetentionHoursRange = { min: 24, max: 8760 } as const;

/**
 * The agent event stream: provisioned shards, chosen over on-demand because one shard is the
 * cheaper stream at rest and takes 1,000 records/s, while agents send a heartbeat every 120 s
 * and a record per state change (5,000 agents are about 42 heartbeats/s); encrypted at rest
 * with the AWS managed key `aws/kinesis`, so neither Connect nor the consumer needs a key grant.
 *
 * @example
 * ```ts
 * new aws.kinesis.Stream("agent-events", { ...agentEventStreamSettings({ shardCount: 1, retentionHours: 24 }) });
 * ```
 */
export function agentEventStreamSettings(size: AgentEventStreamSize): AgentEventStreamSettings {
  return {
    streamModeDetails: { streamMode: "PROVISIONED" },
    shardCount: size.shardCount,
    retentionPeriod: size.retentionHours,
    encryptionType: "KMS",
    kmsKeyId: "alias/aws/kinesis",
  };
}

/**
 * How Lambda feeds the consumer. `LATEST`: presence is about now, so a new consumer need not
 * replay a day of old states. Batches of up to 100 records, passed on as soon as a poll
 * returns them (no batching window), because the routers judge freshness in minutes.
 * The consumer reports the records it could not write (`ReportBatchItemFailures`), so a retry
 * resends only from the first failed one; a batch that keeps failing is split in two until the
 * bad record is alone (`bisectBatchOnFunctionError`). Retries are bounded (3), and records older
 * than 10 minutes are skipped: by then the routers treat that agent's state as stale anyway
 * (their freshness bound is 3 minutes by default) and the next heartbeat carries a fresh one,
 * so an old record must not hold the shard back.
 */
export function agentEventSourceMappingSettings(): AgentEventSourceMappingSettings {
  return {
    startingPosition: "LATEST",
    batchSize: 100,
    maximumBatchingWindowInSeconds: 0,
    functionResponseTypes: ["ReportBatchItemFailures"],
    bisectBatchOnFunctionError: true,
    maximumRetryAttempts: 3,
    maximumRecordAgeInSeconds: 600,
  };
}

/**
 * The instance's storage config that sends its agent events to `streamArn`, in
 * `aws.connect.InstanceStorageConfig`'s argument names.
 */
export function agentEventStorageConfig<T>(streamArn: T): {
  readonly resourceType: "AGENT_EVENTS";
  readonly storageConfig: {
    readonly storageType: "KINESIS_STREAM";
    readonly kinesisStreamConfig: { readonly streamArn: T };
  };
} {
  return {
    resourceType: "AGENT_EVENTS",
    storageConfig: { storageType: "KINESIS_STREAM", kinesisStreamConfig: { streamArn } },
  };
}
