import { logLevels } from "@connect-affinity/core/contract";
import { defaultPreferredWaitSeconds } from "@connect-affinity/flow-builder";
import { environmentVariables } from "@connect-affinity/handlers/manifest";
import { describe, expect, it } from "vitest";
import { StackConfigError } from "../src/errors.js";
import { configDefaults, readStackConfig } from "../src/stack-config.js";
import { fakeConfig, projectConfigDefaults, stackFileValues } from "./helpers/config-source.js";
import { testInstanceArn, testQueueArn } from "./helpers/pulumi-mocks.js";

/** A stack that stores raw numbers, for tests about other keys (they need no caller-key secret). */
function rawNumberStack(
  values: Readonly<Record<string, string>>,
  secrets: Readonly<Record<string, string>> = {},
) {
  // A queue to move a caller to when their stay in an agent's queue reaches its bound.
  return fakeConfig(
    { storeRawNumbers: "true", standardQueueArn: testQueueArn, ...values },
    secrets,
  );
}

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
    const source = rawNumberStack({ connectInstanceArn: testInstanceArn });

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
    expect(config.callerKeys).toEqual({ kind: "raw-numbers" });
    expect(config.monitoring).toEqual({
      namespace: "ConnectAffinity/dev",
      hitRatePercent: 80,
      hitRateMinContacts: 20,
      handlerErrors: 5,
      connectThrottles: 10,
      stalePresence: 1,
    });
  });

  it("reads the bounded wait, 10 s by default", () => {
    const off = readStackConfig(rawNumberStack({ connectInstanceArn: testInstanceArn }), "dev");
    expect(off).toMatchObject({ preferredWaitSeconds: 10, binding: "preferred" });
    const on = readStackConfig(
      rawNumberStack({
        connectInstanceArn: testInstanceArn,
        fallbackQueueArn: testQueueArn,
        preferredWaitSeconds: "30",
        binding: "required",
        requiredWaitSeconds: "90",
      }),
      "dev",
    );
    expect(on).toMatchObject({
      preferredWaitSeconds: 30,
      binding: "required",
      requiredWaitSeconds: 90,
    });
    expect(off).not.toHaveProperty("waitPriority");
    const raised = readStackConfig(
      rawNumberStack({
        connectInstanceArn: testInstanceArn,
        fallbackQueueArn: testQueueArn,
        preferredWaitSeconds: "30",
        waitPriority: "1",
      }),
      "dev",
    );
    expect(raised).toMatchObject({ waitPriority: 1 });
    const tooLow = problemsOf(() =>
      readStackConfig(
        rawNumberStack({ connectInstanceArn: testInstanceArn, waitPriority: "5" }),
        "dev",
      ),
    );
    expect(tooLow.map((problem) => problem.key)).toEqual(["waitPriority"]);
  });

  it("needs a queue to move a caller to with the agent-queue variant, wait or not, and a wait within 600 s", () => {
    const problems = problemsOf(() =>
      readStackConfig(
        rawNumberStack({
          connectInstanceArn: testInstanceArn,
          standardQueueArn: "",
          preferredWaitSeconds: "0",
        }),
        "dev",
      ),
    );
    expect(problems.map((problem) => problem.key)).toEqual(["preferredWaitSeconds"]);
    expect(problems[0]?.problem).toMatch(/standardQueueArn or fallbackQueueArn/);
    const tooLong = problemsOf(() =>
      readStackConfig(
        rawNumberStack({
          connectInstanceArn: testInstanceArn,
          fallbackQueueArn: testQueueArn,
          preferredWaitSeconds: "601",
        }),
        "dev",
      ),
    );
    expect(tooLong.map((problem) => problem.key)).toEqual(["preferredWaitSeconds"]);
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
    const source = rawNumberStack({});

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
    const source = rawNumberStack({ connectInstanceArn: testQueueArn });

    // Act
    const problems = problemsOf(() => readStackConfig(source, "prod"));

    // Assess
    expect(problems.map((p) => p.key)).toContain("connectInstanceArn");
  });

  it("names the allowed variants when flowVariant is unknown", () => {
    // Prepare
    const source = rawNumberStack({
      connectInstanceArn: testInstanceArn,
      flowVariant: "round-robin",
    });

    // Act
    const problems = problemsOf(() => readStackConfig(source, "dev"));

    // Assess
    expect(problems).toEqual([
      { key: "flowVariant", problem: "must be one of agent-queue, routing-criteria" },
    ]);
  });

  it("requires a standard queue for the routing-criteria variant", () => {
    // Prepare
    const source = rawNumberStack({
      connectInstanceArn: testInstanceArn,
      flowVariant: "routing-criteria",
      standardQueueArn: "",
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
    const source = rawNumberStack({
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
    const source = rawNumberStack({
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
    const source = rawNumberStack({
      connectInstanceArn: testInstanceArn,
      maxAttempts: "0",
      logRetentionDays: "10",
      lambdaTimeoutSeconds: "4",
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
    const source = rawNumberStack({ createDemoInstance: "true" });

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
    const source = rawNumberStack(
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
    const source = rawNumberStack({
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
    const source = rawNumberStack({
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
      storeRawNumbers: "true",
      standardQueueArn: testQueueArn,
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

  it("refuses opt-outs with event-stream presence, and keeps them with Connect's", () => {
    // Prepare
    const values = {
      connectInstanceArn: testInstanceArn,
      optOutTags: "sticky=off",
      storeRawNumbers: "true",
      standardQueueArn: testQueueArn,
    };

    // Act
    const problems = problemsOf(() =>
      readStackConfig(fakeConfig({ ...values, presenceSource: "event-stream" }), "prod"),
    );
    const config = readStackConfig(
      fakeConfig({ ...values, presenceSource: "connect-api" }),
      "prod",
    );

    // Assess
    expect(problems.map((problem) => problem.key)).toEqual(["optOutTags"]);
    expect(config.affinity.optOut).toMatchObject({ tags: { sticky: "off" } });
  });

  it("refuses a presence age bound for a source that does not use it", () => {
    // Prepare
    const source = rawNumberStack({
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
    const source = rawNumberStack({
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
      rawNumberStack({ connectInstanceArn: testInstanceArn, logLevel: level }),
      "dev",
    );

    // Assess
    expect(config.logLevel).toBe(level);
  });

  it("gives the handlers, when deployed without this stack's setting, the generated flow's default wait", () => {
    // A handler whose PREFERRED_WAIT_SECONDS is unset must answer busy agents exactly when the
    // flow (generated with its own default) lets the caller wait for them.
    expect(Number(environmentVariables.PREFERRED_WAIT_SECONDS.default)).toBe(
      defaultPreferredWaitSeconds,
    );
    expect(configDefaults.preferredWaitSeconds).toBe(String(defaultPreferredWaitSeconds));
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
        rawNumberStack({ connectInstanceArn: testInstanceArn, [key]: String(value) }),
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
        rawNumberStack({ connectInstanceArn: testInstanceArn, flowLanguage: "ja" }),
        "dev",
      ),
    );

    // Assess
    expect(problems).toEqual([{ key: "flowLanguage", problem: "must be one of en-US, ja-JP" }]);
  });

  it("reads identity, scope, credit rules and opt-outs", () => {
    // Prepare
    const source = fakeConfig({
      connectInstanceArn: testInstanceArn,
      storeRawNumbers: "true",
      standardQueueArn: testQueueArn,
      identitySources: "phone, customer-key",
      customerKeyPath: "$.Attributes.crmCustomerId",
      affinityScope: "channel",
      affinityScopeLifetimes: "CHAT=1, VOICE=30",
      minimumTalkSeconds: "45",
      transferCredit: "first",
      creditOutbound: "true",
      optOutRoutingProfileIds: "rp-1",
      optOutTags: "sticky-routing=off",
    });

    // Act
    const config = readStackConfig(source, "dev");

    // Assess
    expect(config.affinity).toEqual({
      identitySources: ["phone", "customer-key"],
      customerKey: "$.Attributes.crmCustomerId",
      customerProfiles: false,
      scope: "channel",
      scopeLifetimes: { CHAT: 1, VOICE: 30 },
      minimumTalkSeconds: 45,
      transferCredit: "first",
      creditOutbound: true,
      optOut: {
        routingProfileIds: ["rp-1"],
        hierarchyGroupIds: [],
        tags: { "sticky-routing": "off" },
      },
    });
  });

  it.each([
    ["identitySources", { identitySources: "phone,fax" }],
    ["customerKeyPath", { customerKeyPath: "crmCustomerId" }],
    ["customerKeyPath", { customerKeyPath: "$.Attributes.id", customerProfiles: "true" }],
    ["affinityScope", { affinityScope: "tenant" }],
    ["affinityScopeLifetimes", { affinityScopeLifetimes: "CHAT=1" }],
    ["affinityScopeLifetimes", { affinityScope: "channel", affinityScopeLifetimes: "SMS=1" }],
    ["affinityScopeLifetimes", { affinityScope: "queue", affinityScopeLifetimes: "q1=0" }],
    ["minimumTalkSeconds", { minimumTalkSeconds: "86401" }],
    ["transferCredit", { transferCredit: "last" }],
    ["optOutTags", { optOutTags: "novalue" }],
  ])("names %s when it is unusable", (key, values) => {
    const problems = problemsOf(() =>
      readStackConfig(fakeConfig({ connectInstanceArn: testInstanceArn, ...values }), "dev"),
    );
    expect(problems.map((problem) => problem.key)).toContain(key);
  });
});

describe("readStackConfig: the caller-key secret", () => {
  const prodWithout = (): Record<string, string> => {
    const { callerKeySecretRef: _ref, ...values } = stackFileValues("prod");
    return values;
  };

  it("refuses a prod stack without a managed secret, saying how to set one", () => {
    // Act
    const problems = problemsOf(() => readStackConfig(fakeConfig(prodWithout()), "prod"));

    // Assess
    expect(problems).toHaveLength(1);
    expect(problems[0]?.key).toBe("callerKeySecret");
    expect(problems[0]?.problem).toMatch(/stack prod has no managed caller-key secret/);
    expect(problems[0]?.problem).toMatch(/pulumi config set --secret callerKeySecret/);
    expect(problems[0]?.problem).toMatch(
      /callerKeySecretRef ssm:\/connect-affinity\/prod\/caller-key/,
    );
    expect(problems[0]?.problem).toMatch(/storeRawNumbers: true/);
  });

  it("reads the committed prod stack's reference to its SecureString parameter", () => {
    // Act
    const config = readStackConfig(fakeConfig(stackFileValues("prod")), "prod");

    // Assess
    expect(config.callerKeys).toEqual({
      kind: "managed",
      current: { kind: "reference", reference: "ssm:/connect-affinity/prod/caller-key" },
    });
  });

  it("refuses a secret set in plain text, and one shorter than 32 bytes", () => {
    // Act
    const plain = problemsOf(() =>
      readStackConfig(fakeConfig({ ...prodWithout(), callerKeySecret: "x".repeat(48) }), "prod"),
    );
    const short = problemsOf(() =>
      readStackConfig(
        fakeConfig(prodWithout(), { callerKeySecret: "only-24-bytes-of-secret!" }),
        "prod",
      ),
    );

    // Assess
    expect(plain).toEqual([
      {
        key: "callerKeySecret",
        problem: expect.stringMatching(/stored in plain text in the stack file: remove it/),
      },
    ]);
    expect(short).toEqual([
      {
        key: "callerKeySecret",
        problem: expect.stringMatching(/holds 24 bytes; a caller-key secret needs at least 32/),
      },
    ]);
    expect(JSON.stringify([plain, short])).not.toContain("only-24-bytes");
  });

  it("takes an encrypted secret, a previous one or raw-number, and a KMS key", () => {
    // Act
    const config = readStackConfig(
      fakeConfig(
        {
          ...prodWithout(),
          callerKeyPreviousSecretRef: "raw-number",
          callerKeySecretKmsKeyArn: "arn:aws:kms:ap-northeast-1:111122223333:key/abcd-1234",
        },
        { callerKeySecret: "s".repeat(32) },
      ),
      "prod",
    );

    // Assess
    expect(config.callerKeys).toMatchObject({
      kind: "managed",
      current: { kind: "stack-parameter" },
      previous: "raw-number",
      kmsKeyArn: "arn:aws:kms:ap-northeast-1:111122223333:key/abcd-1234",
    });
  });

  it("takes aws-managed for the secret's key, and refuses a key alias IAM could not grant", () => {
    // Act
    const managed = readStackConfig(
      fakeConfig({ ...stackFileValues("prod"), callerKeySecretKmsKeyArn: "aws-managed" }),
      "prod",
    );
    const alias = problemsOf(() =>
      readStackConfig(
        fakeConfig({
          ...stackFileValues("prod"),
          callerKeySecretKmsKeyArn: "arn:aws:kms:ap-northeast-1:111122223333:alias/caller-key",
        }),
        "prod",
      ),
    );

    // Assess
    expect(managed.callerKeys).toMatchObject({ kind: "managed", kmsKeyArn: "aws-managed" });
    expect(alias).toEqual([
      {
        key: "callerKeySecretKmsKeyArn",
        problem: expect.stringMatching(/must be a KMS key ARN .*, or aws-managed/),
      },
    ]);
  });

  it("refuses contradictions and malformed references, each by its key", () => {
    // Act
    const both = problemsOf(() =>
      readStackConfig(
        fakeConfig({ ...stackFileValues("prod") }, { callerKeySecret: "s".repeat(32) }),
        "prod",
      ),
    );
    const rawAndSecret = problemsOf(() =>
      readStackConfig(fakeConfig({ ...stackFileValues("prod"), storeRawNumbers: "true" }), "prod"),
    );
    const malformed = problemsOf(() =>
      readStackConfig(
        fakeConfig({
          ...prodWithout(),
          callerKeySecretRef: "the-secret-itself",
          alarmTopicArn: "on-call",
          alarmHitRatePercent: "120",
        }),
        "prod",
      ),
    );

    // Assess
    expect(both.map((p) => p.key)).toEqual(["callerKeySecret"]);
    expect(both[0]?.problem).toMatch(/set together with callerKeySecretRef/);
    expect(rawAndSecret.map((p) => p.key)).toEqual(["storeRawNumbers"]);
    expect(malformed.map((p) => p.key).sort()).toEqual([
      "alarmHitRatePercent",
      "alarmTopicArn",
      "callerKeySecretRef",
    ]);
  });

  it("takes the alarm thresholds, the topic and the namespace a stack sets", () => {
    // Act
    const config = readStackConfig(
      fakeConfig({
        ...stackFileValues("prod"),
        metricsNamespace: "Acme/Sticky",
        alarmTopicArn: "arn:aws:sns:ap-northeast-1:111122223333:on-call",
        alarmHitRatePercent: "70",
        alarmHitRateMinContacts: "50",
        alarmHandlerErrors: "3",
        alarmConnectThrottles: "25",
        alarmStalePresence: "2",
      }),
      "prod",
    );

    // Assess
    expect(config.monitoring).toEqual({
      namespace: "Acme/Sticky",
      alarmTopicArn: "arn:aws:sns:ap-northeast-1:111122223333:on-call",
      hitRatePercent: 70,
      hitRateMinContacts: 50,
      handlerErrors: 3,
      connectThrottles: 25,
      stalePresence: 2,
    });
  });
});
