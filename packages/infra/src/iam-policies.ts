import type { PresenceSource } from "@connect-affinity/core/contract";
import { agentIndexReservationAttributes } from "@connect-affinity/core/dynamodb";
import { type FunctionName, functionCatalog } from "./function-catalog.js";
import { agentsArnOf, type InstanceArn } from "./instance-arn.js";
import type { SecretAccess } from "./secret-access.js";

/** One `Allow` statement of an IAM policy. */
export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Action: readonly string[];
  readonly Resource: readonly string[];
  /** Condition operator → condition key → values. */
  readonly Condition?: Readonly<
    Record<string, Readonly<Record<string, string | readonly string[]>>>
  >;
}

/** An IAM policy document. */
export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

/** How the handlers list routable agents: every user, or a `SearchUsers` filter. */
export type DirectoryAccess = "list-users" | "search-users";

/** How a function that asks who is available gets its answer, with the ARN it reads. */
export type PresenceAccess =
  | { readonly source: Exclude<PresenceSource, "event-stream"> }
  | { readonly source: "event-stream"; readonly tableArn: string };

/** The resolved ARNs a function's policy is scoped to. */
export interface PolicyScope {
  readonly tableArn: string;
  readonly logGroupArn: string;
  readonly instance: InstanceArn;
  readonly directory: DirectoryAccess;
  readonly presence: PresenceAccess;
  /**
   * Whether outbound contacts are credited: `contact-event` then asks `DescribeContact` who
   * the customer of an outbound contact is. Default `false`.
   */
  readonly creditOutbound?: boolean;
  /** The caller-key secrets, when the stack has them (none with `storeRawNumbers`). */
  readonly secrets?: {
    readonly current?: SecretAccess;
    readonly previous?: SecretAccess;
  };
  /** The stack's customer managed KMS key, when it has one. */
  readonly kmsKeyArn?: string;
}

/** The resolved ARNs the agent-event consumer's policy is scoped to. */
export interface AgentEventConsumerScope {
  readonly logGroupArn: string;
  readonly presenceTableArn: string;
  readonly streamArn: string;
  /** The queue the event source mapping sends a batch it gave up on to. */
  readonly failureQueueArn: string;
  /** The stack's customer managed KMS key, when it has one. */
  readonly kmsKeyArn?: string;
}

/**
 * Use of the stack's customer managed key, only through the services that hold data with it:
 * Lambda (the function's environment), DynamoDB (the tables) and, for the consumer, Kinesis
 * (the stream) and SQS (its failure queue). The key's own policy must allow the account (the
 * default key policy does), and CloudWatch Logs' service principal for the log groups.
 */
function useStackKey(kmsKeyArn: string, services: readonly string[]): PolicyStatement {
  return {
    Sid: "UseStackKey",
    Effect: "Allow",
    Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
    Resource: [kmsKeyArn],
    Condition: {
      StringLike: { "kms:ViaService": services.map((service) => `${service}.*.amazonaws.com`) },
    },
  };
}

/** The resolved ARNs the roster refresher's policy is scoped to. */
export interface RosterRefreshScope {
  readonly logGroupArn: string;
  readonly presenceTableArn: string;
  readonly instance: InstanceArn;
  readonly directory: DirectoryAccess;
  /** The stack's customer managed KMS key (the table, the function's environment), when it has one. */
  readonly kmsKeyArn?: string;
}

/**
 * What Lambda's event source mapping calls on the stream with the function's role (the Lambda
 * developer guide's list for Kinesis). `ListStreams` is in the AWS managed
 * `AWSLambdaKinesisExecutionRole` policy but is not needed for one named stream, and
 * `SubscribeToShard` only for enhanced fan-out, which this stream does not use.
 */
export const agentEventStreamReadActions = [
  "kinesis:DescribeStream",
  "kinesis:DescribeStreamSummary",
  "kinesis:GetRecords",
  "kinesis:GetShardIterator",
  "kinesis:ListShards",
] as const;

/** A trust policy: who may assume a role. */
export interface TrustPolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly {
    readonly Effect: "Allow";
    readonly Principal: { readonly Service: string };
    readonly Action: readonly ["sts:AssumeRole"];
  }[];
}

/** Lets the Lambda service, and nothing else, assume a function's role. */
export const lambdaTrustPolicy: TrustPolicyDocument = {
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: ["sts:AssumeRole"] },
  ],
};

/**
 * Lets EventBridge Scheduler assume the roster refresher's schedule role, for schedules of
 * `accountId` only (the confused-deputy guard the Scheduler user guide recommends).
 */
export function schedulerTrustPolicy(accountId: string): {
  readonly Version: "2012-10-17";
  readonly Statement: readonly {
    readonly Effect: "Allow";
    readonly Principal: { readonly Service: "scheduler.amazonaws.com" };
    readonly Action: readonly ["sts:AssumeRole"];
    readonly Condition: { readonly StringEquals: { readonly "aws:SourceAccount": string } };
  }[];
} {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "scheduler.amazonaws.com" },
        Action: ["sts:AssumeRole"],
        Condition: { StringEquals: { "aws:SourceAccount": accountId } },
      },
    ],
  };
}

/** What the schedule's role may do: invoke the one function it starts. */
export function schedulerInvokePolicy(functionArn: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "InvokeRosterRefresh",
        Effect: "Allow",
        Action: ["lambda:InvokeFunction"],
        Resource: [functionArn],
      },
    ],
  };
}

/** Log writes to the function's own group only (the stack creates it: no `CreateLogGroup`). */
function ownLogs(logGroupArn: string): PolicyStatement {
  return {
    Sid: "WriteOwnLogs",
    Effect: "Allow",
    Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
    Resource: [`${logGroupArn}:*`],
  };
}

/**
 * The least-privilege policy of one function, from what it calls (see `functionCatalog`) and
 * the resource types the Service Authorization Reference lists for each action:
 * `ListUsers` and `SearchUsers` authorise on the instance; `GetCurrentUserData`, filtered by
 * agents as core's presence adapter does, on the users (`instance/ID/agent/*`);
 * the table actions on the table;
 * with event-stream presence `BatchGetItem` (core's `DynamoDbAgentPresence`) on the presence
 * table instead of `GetCurrentUserData`; log writes on the function's own log group only (the
 * group is created by the stack, so `logs:CreateLogGroup` is not granted).
 *
 * @example
 * ```ts
 * const document = functionPolicy("record", { tableArn, logGroupArn, instance, directory: "list-users", presence: { source: "connect-api" } });
 * ```
 */
export function functionPolicy(name: FunctionName, scope: PolicyScope): PolicyDocument {
  const needs = functionCatalog[name];
  const statements: PolicyStatement[] = [ownLogs(scope.logGroupArn)];
  // With event-stream presence the roster is the presence table's: no router lists users.
  if (scope.presence.source !== "event-stream") {
    statements.push(directoryStatement(scope.instance, scope.directory));
  }
  if (needs.tableActions.length > 0) {
    statements.push({
      Sid: "UseAffinityTable",
      Effect: "Allow",
      Action: [...needs.tableActions],
      Resource: [scope.tableArn],
    });
  }
  statements.push(...presenceStatements(scope.presence, scope.instance, needs));
  if (name === "contactEvent" && scope.creditOutbound === true) {
    statements.push({
      Sid: "DescribeOutboundContacts",
      Effect: "Allow",
      Action: ["connect:DescribeContact"],
      Resource: [`${scope.instance.arn}/contact/*`],
    });
  }
  const secrets = [
    ...(needs.readsCallerKeySecret && scope.secrets?.current !== undefined
      ? [scope.secrets.current]
      : []),
    ...(needs.readsPreviousCallerKey && scope.secrets?.previous !== undefined
      ? [scope.secrets.previous]
      : []),
  ];
  statements.push(...secretStatements(secrets, scope.instance));
  if (scope.kmsKeyArn !== undefined)
    statements.push(useStackKey(scope.kmsKeyArn, ["lambda", "dynamodb"]));
  return { Version: "2012-10-17", Statement: statements };
}

function directoryStatement(instance: InstanceArn, directory: DirectoryAccess): PolicyStatement {
  return {
    Sid: "ReadAgentDirectory",
    Effect: "Allow",
    Action: [directory === "search-users" ? "connect:SearchUsers" : "connect:ListUsers"],
    Resource: [instance.arn],
  };
}

/**
 * Reading the caller-key secrets: `ssm:GetParameter` (the handlers read with decryption) or
 * `secretsmanager:GetSecretValue` on each secret, and `kms:Decrypt` on a customer managed key
 * only through the service that stores the secret (`kms:ViaService`). The AWS managed keys
 * `aws/ssm` and `aws/secretsmanager` need no statement: their key policies let the account's
 * principals use them through their service.
 */
function secretStatements(
  secrets: readonly SecretAccess[],
  instance: InstanceArn,
): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  const parameters = secrets.filter((secret) => secret.service === "ssm");
  const managed = secrets.filter((secret) => secret.service === "secretsmanager");
  if (parameters.length > 0) {
    statements.push({
      Sid: "ReadCallerKeyParameter",
      Effect: "Allow",
      Action: ["ssm:GetParameter"],
      Resource: [...new Set(parameters.map((secret) => secret.resourceArn))],
    });
  }
  if (managed.length > 0) {
    statements.push({
      Sid: "ReadCallerKeySecret",
      Effect: "Allow",
      Action: ["secretsmanager:GetSecretValue"],
      Resource: [...new Set(managed.map((secret) => secret.resourceArn))],
    });
  }
  const keys = [...new Set(secrets.flatMap((secret) => secret.kmsKeyArn ?? []))];
  if (keys.length > 0) {
    const services = [...new Set(secrets.map((secret) => secret.service))].map(
      (service) => `${service}.${instance.region}.amazonaws.com`,
    );
    statements.push({
      Sid: "DecryptCallerKeySecret",
      Effect: "Allow",
      Action: ["kms:Decrypt"],
      Resource: keys,
      Condition: { StringEquals: { "kms:ViaService": services } },
    });
  }
  return statements;
}

function presenceStatements(
  presence: PresenceAccess,
  instance: InstanceArn,
  needs: { readonly readsPresence: boolean; readonly reservesAgents: boolean },
): PolicyStatement[] {
  switch (presence.source) {
    case "connect-api":
      return needs.readsPresence
        ? [
            {
              Sid: "ReadAgentPresence",
              Effect: "Allow",
              Action: ["connect:GetCurrentUserData"],
              Resource: [agentsArnOf(instance)],
            },
          ]
        : [];
    case "event-stream": {
      // GetItem: every router reads the index's status and single agents' entries (the
      // returning caller's agent, the agent record and contact-event store). Query: the
      // index, only its own indexes.
      const statements: PolicyStatement[] = [
        {
          Sid: "ReadSharedRoster",
          Effect: "Allow",
          Action: ["dynamodb:GetItem"],
          Resource: [presence.tableArn],
        },
      ];
      if (needs.readsPresence) {
        statements.push({
          Sid: "QueryAgentIndex",
          Effect: "Allow",
          Action: ["dynamodb:Query"],
          Resource: [`${presence.tableArn}/index/available-*`],
        });
      }
      if (needs.reservesAgents) {
        // route and next-agent reserve the agent they offer: an UpdateItem naming only the key,
        // the reservation's attributes and the channels' index keys it removes (core's
        // `agentIndexReservationAttributes`; `dynamodb:Attributes` counts the condition's
        // attributes too), returning nothing. They can hold an agent and take them out of an
        // index, never rewrite presence (routable, slots, event times) or the roster.
        statements.push({
          Sid: "ReserveAgents",
          Effect: "Allow",
          Action: ["dynamodb:UpdateItem"],
          Resource: [presence.tableArn],
          Condition: {
            "ForAllValues:StringEquals": {
              "dynamodb:Attributes": [...agentIndexReservationAttributes],
            },
            StringEqualsIfExists: { "dynamodb:ReturnValues": ["NONE"] },
          },
        });
      }
      return statements;
    }
    case "none":
      return [];
  }
}

/**
 * The least-privilege policy of the agent-event consumer: read the one stream through the event
 * source mapping ({@link agentEventStreamReadActions}), write presence items with core's
 * `DynamoDbPresenceWriter` (a conditional `UpdateItem` per agent and one for the watermark, on
 * the presence table only), and its own logs. No KMS statement: the stream is encrypted with
 * the AWS managed key `aws/kinesis`, whose key policy already lets the account's principals use
 * it through Kinesis; a customer managed key would need `kms:Decrypt` here.
 *
 * @example
 * ```ts
 * const document = agentEventConsumerPolicy({ logGroupArn, presenceTableArn, streamArn });
 * ```
 */
export function agentEventConsumerPolicy(scope: AgentEventConsumerScope): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      ownLogs(scope.logGroupArn),
      {
        Sid: "ReadAgentEventStream",
        Effect: "Allow",
        Action: [...agentEventStreamReadActions],
        Resource: [scope.streamArn],
      },
      {
        // UpdateItem: every write. GetItem: only after a conditional write failed on an
        // endpoint that does not return the item it saw (DynamoDB itself returns it).
        Sid: "WritePresenceTable",
        Effect: "Allow",
        Action: ["dynamodb:UpdateItem", "dynamodb:GetItem"],
        Resource: [scope.presenceTableArn],
      },
      // The event source mapping's on-failure destination, sent with the function's role.
      {
        Sid: "SendFailedBatches",
        Effect: "Allow",
        Action: ["sqs:SendMessage"],
        Resource: [scope.failureQueueArn],
      },
      ...(scope.kmsKeyArn === undefined
        ? []
        : [useStackKey(scope.kmsKeyArn, ["lambda", "dynamodb", "kinesis", "sqs"])]),
    ],
  };
}

/**
 * The least-privilege policy of the roster refresher: list the directory (`ListUsers`, or
 * `SearchUsers` with a filter, on the instance), and on the presence table only what core's
 * `DynamoDbSharedRoster` calls — `GetItem` (its progress, the watermark), `Scan` (the stored
 * roster), `BatchGetItem` (listing pages of a refresh spread over runs), `PutItem` (those
 * pages) and `UpdateItem` (the reconciling writes, its progress) — its own logs, and the
 * stack's key, when it has one, only through Lambda and DynamoDB.
 *
 * @example
 * ```ts
 * const document = rosterRefreshPolicy({ logGroupArn, presenceTableArn, instance, directory: "list-users" });
 * ```
 */
export function rosterRefreshPolicy(scope: RosterRefreshScope): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      ownLogs(scope.logGroupArn),
      directoryStatement(scope.instance, scope.directory),
      {
        Sid: "KeepSharedRoster",
        Effect: "Allow",
        Action: [
          "dynamodb:GetItem",
          "dynamodb:Scan",
          "dynamodb:BatchGetItem",
          "dynamodb:PutItem",
          "dynamodb:UpdateItem",
        ],
        Resource: [scope.presenceTableArn],
      },
      ...(scope.kmsKeyArn === undefined
        ? []
        : [useStackKey(scope.kmsKeyArn, ["lambda", "dynamodb"])]),
    ],
  };
}
