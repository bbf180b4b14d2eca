import { logLevels } from "@connect-affinity/core/contract";
import { environmentVariables } from "@connect-affinity/handlers/manifest";
import { describe, expect, it } from "vitest";
import { StackConfigError } from "../src/errors.js";
import { configDefaults, readStackConfig } from "../src/stack-config.js";
import { fakeConfig, projectConfigDefaults, stackFileValues } from "./helpers/config-source.js";
import { testInstanceArn, testQueueArn } from "./helpers/pulumi-mocks.js";

function problemsOf(act: () => unknown): readonly { key: string; problem: string }[] {
  try {
    act();
  } catch (error) {
    if (error instanceof StackConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a StackConfigError");
}

describe("readStackConfig", () => {
  it("applies the declared defaults to a stack that names only its instance", () => {
    // Prepare
    const source = fakeConfig({ connectInstanceArn: testInstanceArn });

    // Act
    const config = readStackConfig(source, "dev");

    // Assess
    expect(config).toMatchObject({
      instance: { kind: "existing", instanceArn: testInstanceArn },
      flowVariant: "agent-queue",
      flowLanguage: "en-US",
      maxAttempts: 5,
      lambdaMemoryMb: 256,
      lambdaTimeoutSeconds: 5,
      logRetentionDays: 14,
      deletionProtection: false,
      presence: { source: "connect-api" },
      routingProfileIds: [],
      newCallerStrategy: "longest-idle",
      affinityLifetimeDays: 90,
      preferredAgentExpirySeconds: 30,
      logLevel: "INFO",
    });
    expect(config.fallbackQueueArn).toBeUndefined();
    expect(config.callerKeySecret).toBeUndefined();
  });

  it("keeps the code's defaults equal to the ones Pulumi.yaml declares", () => {
    // Prepare
    const declared = projectConfigDefaults();

    // Act
    const inCode = { ...configDefaults };

    // Assess
    expect(inCode).toEqual(declared);
  });

  it("tells how to set connectInstanceArn when it is missing and no demo instance is asked for", () => {
    // Prepare
    const source = fakeConfig({});

    // Act
    const problems = problemsOf(() => readStackConfig(source, "prod"));

    // Assess
    expect(problems).toEqual([
      expect.objectContaining({
        key: "connectInstanceArn",
        problem: expect.stringContaining("pulumi config set connectInstanceArn"),
      }),
    ]);
  });

  it("rejects a connectInstanceArn that is not an instance ARN, such as a queue's", () => {
    // Prepare
    const source = fakeConfig({ connectInstanceArn: testQueueArn });

    // Act
    const problems = problemsOf(() => readStackConfig(source, "prod"));

    // Assess
    expect(problems.map((p) => p.key)).toContain("connectInstanceArn");
  });

  it("names the allowed variants when flowVariant is unknown", () => {
    // Prepare
    const source = fakeConfig({ connectInstanceArn: testInstanceArn, flowVariant: "round-robin" });

    // Act
    const problems = problemsOf(() => readStackConfig(source, "dev"));

    // Assess
    expect(problems).toEqual([
      { key: "flowVariant", problem: "must be one of agent-queue, routing-criteria" },
    ]);
  });

  it("requires a standard queue for the routing-criteria variant", () => {
    // Prepare
    const source = fakeConfig({
      connectInstanceArn: testInstanceArn,
      flowVariant: "routing-criteria",
    });

    // Act
    const problems = problemsOf(() => readStackConfig(source, "dev"));

    // Assess
    expect(problems).toEqual([
      expect.objectContaining({
        key: "standardQueueArn",
        problem: expect.stringContaining("routing-criteria"),
      }),
    ]);
  });

  it("accepts the routing-criteria variant with a standard queue", () => {
    // Prepare
    const source = fakeConfig({
      connectInstanceArn: testInstanceArn,
      flowVariant: "routing-criteria",
      standardQueueArn: testQueueArn,
    });

    // Act
    const config = readStackConfig(source, "dev");

    // Assess
    expect(config.flowVariant).toBe("routing-criteria");
    expect(config.standardQueueArn).toBe(testQueueArn);
  });

  it("rejects a queue of another instance", () => {
    // Prepare
    const otherInstanceQueue = testQueueArn.replace("aaaaaaaa", "ffffffff");
    const source = fakeConfig({
      connectInstanceArn: testInstanceArn,
      fallbackQueueArn: otherInstanceQueue,
    });

    // Act
    const problems = problemsOf(() => readStackConfig(source, "dev"));

    // Assess
    expect(problems).toEqual([
      { key: "fallbackQueueArn", problem: "must be a queue of connectInstanceArn's instance" },
    ]);
  });

  it("reports every malformed value at once, each by its key", () => {
    // Prepare
    const source = fakeConfig({
      connectInstanceArn: testInstanceArn,
      maxAttempts: "0",
      logRetentionDays: "10",
      lambdaTimeoutSeconds: "9",
      deletionProtection: "yes",
    });

    // Act
    const problems = problemsOf(() => readStackConfig(source, "prod"));

    // Assess
    expect(problems.map((p) => p.key).sort()).toEqual([
      "deletionProtection",
      "lambdaTimeoutSeconds",
      "logRetentionDays",
      "maxAttempts",
    ]);
  });

  it("needs the demo agents' password to create a demo instance", () => {
    // Prepare
    const source = fakeConfig({ createDemoInstance: "true" });

    // Act
    const problems = problemsOf(() => readStackConfig(source, "dev"));

    // Assess
    expect(problems).toEqual([
      expect.objectContaining({
        key: "demoAgentPassword",
        problem: expect.stringContaining("pulumi config set --secret demoAgentPassword"),
      }),
    ]);
  });

  it("refuses both a demo instance and an existing one", () => {
    // Prepare
    const source = fakeConfig(
      { createDemoInstance: "true", connectInstanceArn: testInstanceArn },
      { demoAgentPassword: "Passw0rd-for-demo" },
    );

    // Act
    const problems = problemsOf(() => readStackConfig(source, "dev"));

    // Assess
    expect(problems.map((p) => p.key)).toEqual(["connectInstanceArn"]);
  });

  it("sizes event-stream presence with one shard and a day of retention unless told otherwise", () => {
    // Prepare
    const source = fakeConfig({
      connectInstanceArn: testInstanceArn,
      presenceSource: "event-stream",
    });

    // Act
    const config = readStackConfig(source, "prod");

    // Assess
    expect(config.presence).toEqual({ source: "event-stream", shardCount: 1, retentionHours: 24 });
  });

  it("reads the event stream's size and the presence age bound", () => {
    // Prepare
    const source = fakeConfig({
      connectInstanceArn: testInstanceArn,
      presenceSource: "event-stream",
      presenceMaxAgeSeconds: "240",
      agentEventStreamShardCount: "2",
      agentEventStreamRetentionHours: "48",
    });

    // Act
    const config = readStackConfig(source, "prod");

    // Assess
    expect(config.presence).toEqual({
      source: "event-stream",
      maxAgeSeconds: 240,
      shardCount: 2,
      retentionHours: 48,
    });
  });

  it("passes the agent index's shards and the roster refresh interval to event-stream presence, and refuses them elsewhere", () => {
    // Prepare
    const values = {
      connectInstanceArn: testInstanceArn,
      presenceIndexShards: "8",
      rosterRefreshMinutes: "30",
    };

    // Act
    const config = readStackConfig(
      fakeConfig({ ...values, presenceSource: "event-stream" }),
      "prod",
    );
    const problems = problemsOf(() =>
      readStackConfig(fakeConfig({ ...values, presenceSource: "connect-api" }), "prod"),
    );
    const outOfRange = problemsOf(() =>
      readStackConfig(
        fakeConfig({ ...values, presenceSource: "event-stream", presenceIndexShards: "17" }),
        "prod",
      ),
    );

    // Assess
    expect(config.presence).toMatchObject({ indexShards: 8, rosterRefreshMinutes: 30 });
    expect(problems.map((problem) => problem.key)).toEqual([
      "presenceIndexShards",
      "rosterRefreshMinutes",
    ]);
    expect(outOfRange).toEqual([
      { key: "presenceIndexShards", problem: "must be a whole number from 1 to 16" },
    ]);
  });

  it("refuses a presence age bound for a source that does not use it", () => {
    // Prepare
    const source = fakeConfig({
      connectInstanceArn: testInstanceArn,
      presenceSource: "connect-api",
      presenceMaxAgeSeconds: "240",
    });

    // Act
    const problems = problemsOf(() => readStackConfig(source, "prod"));

    // Assess
    expect(problems).toEqual([
      {
        key: "presenceMaxAgeSeconds",
        problem: expect.stringContaining("applies only to presenceSource event-stream"),
      },
    ]);
  });

  it("names the allowed presence sources and the stream's bounds", () => {
    // Prepare
    const source = fakeConfig({
      connectInstanceArn: testInstanceArn,
      presenceSource: "kinesis",
      presenceMaxAgeSeconds: "0",
      agentEventStreamShardCount: "0",
      agentEventStreamRetentionHours: "12",
    });

    // Act
    const problems = problemsOf(() => readStackConfig(source, "prod"));

    // Assess
    expect(problems).toEqual([
      { key: "presenceSource", problem: "must be one of connect-api, event-stream, none" },
      { key: "presenceMaxAgeSeconds", problem: "must be a whole number from 1 to 3600" },
      { key: "agentEventStreamShardCount", problem: "must be a whole number from 1 to 100" },
      { key: "agentEventStreamRetentionHours", problem: "must be a whole number from 24 to 8760" },
    ]);
  });

  it("reads the committed prod stack: existing instance, deletion protection, a year of logs", () => {
    // Prepare
    const source = fakeConfig(stackFileValues("prod"));

    // Act
    const config = readStackConfig(source, "prod");

    // Assess
    expect(config.instance.kind).toBe("existing");
    expect(config.deletionProtection).toBe(true);
    expect(config.logRetentionDays).toBe(365);
    expect(config.flowLanguage).toBe("ja-JP");
    expect(config.fallbackQueueArn).toMatch(/\/queue\//);
    expect(config.presence).toEqual({ source: "event-stream", shardCount: 1, retentionHours: 24 });
  });

  it("reads the committed dev stack: a demo instance named after the stack, short logs", () => {
    // Prepare
    const source = fakeConfig(stackFileValues("dev"), { demoAgentPassword: "Passw0rd-for-demo" });

    // Act
    const config = readStackConfig(source, "dev");

    // Assess
    expect(config.instance).toMatchObject({
      kind: "demo",
      alias: "connect-affinity-dev",
      agentCount: 3,
    });
    expect(config.deletionProtection).toBe(false);
    expect(config.logRetentionDays).toBe(7);
    expect(config.flowLanguage).toBe("ja-JP");
  });

  it.each(logLevels)("accepts the handlers' log level %s", (level) => {
    // Act
    const config = readStackConfig(
      fakeConfig({ connectInstanceArn: testInstanceArn, logLevel: level }),
      "dev",
    );

    // Assess
    expect(config.logLevel).toBe(level);
  });

  it.each([
    ["maxAttempts", "MAX_ATTEMPTS"],
    ["affinityLifetimeDays", "AFFINITY_LIFETIME_DAYS"],
    ["preferredAgentExpirySeconds", "PREFERRED_AGENT_EXPIRY_SECONDS"],
  ] as const)("bounds %s as the handlers bound %s", (key, variable) => {
    // Prepare
    const { min, max } = environmentVariables[variable].type;
    const read = (value: number) => () =>
      readStackConfig(
        fakeConfig({ connectInstanceArn: testInstanceArn, [key]: String(value) }),
        "dev",
      );

    // Act
    const atBounds = [read(min)(), read(max)()].map((config) => config[key]);

    // Assess
    expect(atBounds).toEqual([min, max]);
    expect(problemsOf(read(max + 1))).toEqual([
      { key, problem: `must be a whole number from ${min} to ${max}` },
    ]);
  });

  it("names the allowed languages, English and Japanese", () => {
    // Act
    const problems = problemsOf(() =>
      readStackConfig(
        fakeConfig({ connectInstanceArn: testInstanceArn, flowLanguage: "ja" }),
        "dev",
      ),
    );

    // Assess
    expect(problems).toEqual([{ key: "flowLanguage", problem: "must be one of en-US, ja-JP" }]);
  });
});
