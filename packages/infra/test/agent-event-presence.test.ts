import { rmSync } from "node:fs";
import { presenceTableDefinition } from "@connect-affinity/core/dynamodb";
import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AgentEventPresence } from "../src/agent-event-presence.js";
import type { PolicyDocument } from "../src/iam-policies.js";
import { makeBundleDirectory } from "./helpers/bundle-directory.js";
import {
  type CapturedResource,
  installMocks,
  named,
  ofType,
  registered,
  testInstanceArn,
} from "./helpers/pulumi-mocks.js";

let captured: CapturedResource[];
let bundleDirectory: string;

beforeAll(async () => {
  captured = await installMocks();
  bundleDirectory = makeBundleDirectory(["agentEvents", "rosterRefresh"]);
});

afterAll(() => rmSync(bundleDirectory, { recursive: true, force: true }));

const key = "arn:aws:kms:ap-northeast-1:111122223333:key/0f0e0d0c-0b0a-4908-8706-050403020100";

/** Builds the component alone and waits until every child has been captured. */
async function build(
  name: string,
  args: Omit<ConstructorParameters<typeof AgentEventPresence>[1], "bundleDirectory">,
): Promise<CapturedResource[]> {
  const presence = new AgentEventPresence(name, { ...args, bundleDirectory });
  await registered([
    presence.presenceTable,
    presence.stream,
    presence.storageConfig,
    presence.failureQueue,
    presence.consumer,
    presence.consumerRole,
    presence.consumerPolicy,
    presence.consumerLogGroup,
    presence.eventSourceMapping,
    presence.rosterRefresh,
    presence.rosterRefreshRole,
    presence.rosterRefreshPolicy,
    presence.rosterRefreshLogGroup,
    presence.rosterRefreshSchedule,
    presence.rosterRefreshScheduleRole,
  ]);
  return captured.filter((resource) => resource.name.startsWith(`${name}-`));
}

function policyOf(resources: readonly CapturedResource[], name: string): PolicyDocument {
  return JSON.parse(
    named(ofType(resources, "aws:iam/rolePolicy:RolePolicy"), name).inputs["policy"] as string,
  ) as PolicyDocument;
}

function variablesOf(resources: readonly CapturedResource[], name: string): unknown {
  const fn = named(ofType(resources, "aws:lambda/function:Function"), name);
  return (fn.inputs["environment"] as { variables: unknown }).variables;
}

describe("AgentEventPresence with only an instance", () => {
  let resources: CapturedResource[];

  beforeAll(async () => {
    // An output, as a demo instance's ARN is: checked once it resolves.
    resources = await build("bare", { instanceArn: pulumi.output(testInstanceArn) });
  });

  it("keeps a one-shard stream for a day and every store on AWS managed keys", () => {
    // Assess
    const [stream] = ofType(resources, "aws:kinesis/stream:Stream");
    expect(stream?.inputs).toMatchObject({
      shardCount: 1,
      retentionPeriod: 24,
      encryptionType: "KMS",
      kmsKeyId: "alias/aws/kinesis",
    });
    expect(ofType(resources, "aws:sqs/queue:Queue")[0]?.inputs).toMatchObject({
      messageRetentionSeconds: 1_209_600,
      sqsManagedSseEnabled: true,
    });
    const [table] = ofType(resources, "aws:dynamodb/table:Table");
    expect(table?.inputs["serverSideEncryption"]).toEqual({ enabled: true });
    expect(table?.inputs["deletionProtectionEnabled"]).toBe(false);
    for (const fn of ofType(resources, "aws:lambda/function:Function")) {
      expect(fn.inputs).not.toHaveProperty("kmsKeyArn");
      expect(fn.inputs["memorySize"]).toBe(256);
    }
    for (const group of ofType(resources, "aws:cloudwatch/logGroup:LogGroup")) {
      expect(group.inputs["retentionInDays"]).toBe(14);
      expect(group.inputs).not.toHaveProperty("kmsKeyId");
    }
  });

  it("gives the presence table core's per-channel indexes of the agents who can take a contact", () => {
    // Assess
    const [table] = ofType(resources, "aws:dynamodb/table:Table");
    const indexes = table?.inputs["globalSecondaryIndexes"] as {
      name: string;
      projectionType: string;
      nonKeyAttributes?: string[];
    }[];
    expect(indexes.map((index) => index.name)).toEqual(
      presenceTableDefinition.GlobalSecondaryIndexes.map((index) => index.IndexName),
    );
    for (const index of indexes) {
      expect(index).toMatchObject({ projectionType: "INCLUDE", nonKeyAttributes: ["agentArn"] });
    }
  });

  it("leaves the consumer and the refresher to the handlers' defaults, the refresher on ListUsers", () => {
    // Assess
    expect(variablesOf(resources, "bare-agent-events")).toEqual({
      PRESENCE_TABLE_NAME: expect.any(String),
      POWERTOOLS_SERVICE_NAME: "connect-affinity-agent-events",
    });
    expect(variablesOf(resources, "bare-roster-refresh")).toEqual({
      PRESENCE_TABLE_NAME: expect.any(String),
      CONNECT_INSTANCE_ID: testInstanceArn,
      POWERTOOLS_SERVICE_NAME: "connect-affinity-roster-refresh",
    });
    const refresher = policyOf(resources, "bare-roster-refresh").Statement;
    expect(refresher.flatMap((statement) => statement.Action)).toContain("connect:ListUsers");
    expect(refresher.flatMap((statement) => statement.Action)).not.toContain("connect:SearchUsers");
    expect(refresher.map((statement) => statement.Sid)).not.toContain("UseStackKey");
  });
});

describe("AgentEventPresence with every argument", () => {
  let resources: CapturedResource[];

  beforeAll(async () => {
    resources = await build("full", {
      instanceArn: testInstanceArn,
      shardCount: 2,
      retentionHours: 48,
      presenceTtlSeconds: 7_200,
      deletionProtection: true,
      logRetentionDays: 30,
      lambdaMemoryMb: 512,
      logLevel: "DEBUG",
      metricsNamespace: "ConnectAffinity/prod",
      routingProfileIds: ["rp-sales"],
      indexShards: 8,
      indexChannels: ["VOICE", "CHAT"],
      rosterRefreshMinutes: 30,
      kmsKeyArn: key,
      tags: { team: "contact-center" },
    });
  });

  it("writes every setting into the consumer's and the refresher's environments", () => {
    // Assess
    expect(variablesOf(resources, "full-agent-events")).toMatchObject({
      PRESENCE_TTL_SECONDS: "7200",
      LOG_LEVEL: "DEBUG",
      POWERTOOLS_METRICS_NAMESPACE: "ConnectAffinity/prod",
      ROUTING_PROFILE_IDS: "rp-sales",
      PRESENCE_INDEX_SHARDS: "8",
      PRESENCE_INDEX_CHANNELS: "VOICE,CHAT",
    });
    expect(variablesOf(resources, "full-roster-refresh")).toMatchObject({
      ROUTING_PROFILE_IDS: "rp-sales",
      ROSTER_REFRESH_MINUTES: "30",
      LOG_LEVEL: "DEBUG",
      POWERTOOLS_METRICS_NAMESPACE: "ConnectAffinity/prod",
    });
  });

  it("encrypts the table, stream, queue, log groups and environments with the stack's key", () => {
    // Assess
    expect(ofType(resources, "aws:kinesis/stream:Stream")[0]?.inputs).toMatchObject({
      shardCount: 2,
      retentionPeriod: 48,
      kmsKeyId: key,
    });
    expect(ofType(resources, "aws:sqs/queue:Queue")[0]?.inputs).toMatchObject({
      kmsMasterKeyId: key,
    });
    expect(ofType(resources, "aws:sqs/queue:Queue")[0]?.inputs).not.toHaveProperty(
      "sqsManagedSseEnabled",
    );
    const [table] = ofType(resources, "aws:dynamodb/table:Table");
    expect(table?.inputs).toMatchObject({
      serverSideEncryption: { enabled: true, kmsKeyArn: key },
      deletionProtectionEnabled: true,
      tags: { team: "contact-center" },
    });
    for (const fn of ofType(resources, "aws:lambda/function:Function")) {
      expect(fn.inputs).toMatchObject({ kmsKeyArn: key, memorySize: 512 });
    }
    for (const group of ofType(resources, "aws:cloudwatch/logGroup:LogGroup")) {
      expect(group.inputs).toMatchObject({ kmsKeyId: key, retentionInDays: 30 });
    }
  });

  it("lets the refresher search the filtered directory and use the key only through Lambda and DynamoDB", () => {
    // Assess
    const statements = policyOf(resources, "full-roster-refresh").Statement;
    expect(statements.flatMap((statement) => statement.Action)).toContain("connect:SearchUsers");
    expect(statements.flatMap((statement) => statement.Action)).not.toContain("connect:ListUsers");
    expect(statements.find((statement) => statement.Sid === "UseStackKey")).toMatchObject({
      Resource: [key],
      Condition: {
        StringLike: { "kms:ViaService": ["lambda.*.amazonaws.com", "dynamodb.*.amazonaws.com"] },
      },
    });
    const consumerKey = policyOf(resources, "full-agent-events").Statement.find(
      (statement) => statement.Sid === "UseStackKey",
    );
    expect(consumerKey?.Condition).toEqual({
      StringLike: {
        "kms:ViaService": [
          "lambda.*.amazonaws.com",
          "dynamodb.*.amazonaws.com",
          "kinesis.*.amazonaws.com",
          "sqs.*.amazonaws.com",
        ],
      },
    });
  });
});

describe("AgentEventPresence's arguments", () => {
  it("refuses an instance ARN that is not one, before any resource", () => {
    // Act
    const act = (): AgentEventPresence =>
      new AgentEventPresence("wrong", {
        instanceArn: "arn:aws:connect:ap-northeast-1:111122223333:queue/not-an-instance",
        bundleDirectory,
      });

    // Assess
    expect(act).toThrow(/instance/);
    expect(captured.filter((resource) => resource.name.startsWith("wrong-"))).toEqual([]);
  });
});
