import { describe, expect, it } from "vitest";
import { loadAgentEventsConfig, loadConfig } from "../src/config.js";
import { ConfigurationError } from "../src/errors.js";

const instanceId = "5b1e7c3a-2f4d-4e8b-9a61-0c3d2e4f5a6b";
const instanceArn = `arn:aws:connect:ap-northeast-1:123456789012:instance/${instanceId}`;
const minimal = { AFFINITY_TABLE_NAME: "affinity-dev", CONNECT_INSTANCE_ID: instanceId };

function problemsOf(environment: Record<string, string | undefined>): readonly string[] {
  try {
    loadConfig(environment);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems.map((p) => p.variable);
    throw error;
  }
  throw new Error("expected a ConfigurationError");
}

describe("loadConfig", () => {
  it("accepts the two required variables and leaves every router option but the wait to core's defaults", () => {
    // Act
    const config = loadConfig(minimal);

    // Assess: the generated flow's 10 s wait, not core's 0.
    expect(config).toEqual({
      tableName: "affinity-dev",
      instance: { instanceId },
      router: { preferredWaitSeconds: 10 },
      callerKeys: {},
      recordMessages: { language: "en-US" },
      presence: { source: "connect-api" },
    });
  });

  it("reads the instance ID out of an instance ARN", () => {
    // Act
    const config = loadConfig({ ...minimal, CONNECT_INSTANCE_ID: instanceArn });

    // Assess
    expect(config.instance).toEqual({
      instanceId,
      instanceArn,
      region: "ap-northeast-1",
      accountId: "123456789012",
    });
  });

  it("names every missing required variable in one error", () => {
    // Act
    const act = () => loadConfig({});

    // Assess
    expect(act).toThrow(ConfigurationError);
    expect(act).toThrow(/AFFINITY_TABLE_NAME is required but not set/);
    expect(problemsOf({})).toEqual(["AFFINITY_TABLE_NAME", "CONNECT_INSTANCE_ID"]);
  });

  it("treats blank optional variables as unset", () => {
    // Act
    const config = loadConfig({
      ...minimal,
      MAX_ATTEMPTS: "",
      NEW_CALLER_STRATEGY: "  ",
      PREFERRED_WAIT_SECONDS: " ",
    });

    // Assess
    expect(config.router).toEqual({ preferredWaitSeconds: 10 });
  });

  it("converts every optional variable into the router's units", () => {
    // Act
    const config = loadConfig({
      ...minimal,
      AFFINITY_LIFETIME_DAYS: "90",
      CALLER_KEY_SECRET: "a-secret-of-sixteen+",
      NEW_CALLER_STRATEGY: "Random",
      MAX_ATTEMPTS: "5",
      ROUTING_PROFILE_IDS: "rp-1, rp-2,",
      DEFAULT_CALLING_CODE: "+81",
      RECORD_MESSAGE_LANGUAGE: "ja-jp",
      RECORD_MESSAGE_RECORDED: "担当者にお繋ぎします。",
      PREFERRED_AGENT_EXPIRY_SECONDS: "30",
      PREFERRED_WAIT_SECONDS: "20",
      DIRECTORY_CACHE_TTL_SECONDS: "120",
      PRESENCE_SOURCE: "none",
      PRESENCE_WINDOW: "20",
      IDLE_POOL_SIZE: "3",
      RESERVATION_SECONDS: "8",
      PRESENCE_CACHE_TTL_MS: "1500",
      ROUTABLE_STATUS_NAMES: "Available, 対応可能",
      LOG_LEVEL: "debug",
      CALLER_KEY_PREVIOUS_SECRET_REF: "raw-number",
      POWERTOOLS_METRICS_NAMESPACE: "ConnectAffinity/prod",
    });

    // Assess
    expect(config).toEqual({
      tableName: "affinity-dev",
      instance: { instanceId },
      router: {
        strategy: "random",
        maxAttempts: 5,
        affinityLifetimeSeconds: 90 * 86_400,
        defaultCallingCode: "81",
        preferredAgentExpirySeconds: 30,
        preferredWaitSeconds: 20,
        presenceWindow: 20,
        idlePoolSize: 3,
        reservationSeconds: 8,
      },
      callerKeys: {
        callerKeySecret: "a-secret-of-sixteen+",
        callerKeyPreviousSecretRef: "raw-number",
      },
      metricsNamespace: "ConnectAffinity/prod",
      recordMessages: { language: "ja-JP", recorded: "担当者にお繋ぎします。" },
      directoryFilter: { routingProfileIds: ["rp-1", "rp-2"] },
      directoryCacheTtlMs: 120_000,
      presence: { source: "none" },
      routableStatusNames: ["Available", "対応可能"],
      presenceCacheTtlMs: 1500,
      logLevel: "DEBUG",
    });
  });

  it.each([
    [
      "CONNECT_INSTANCE_ID",
      `${instanceArn}/agent/1`,
      /CONNECT_INSTANCE_ID must be an Amazon Connect instance ID or instance ARN/,
    ],
    ["HIERARCHY_GROUP_IDS", "g 1", /hierarchy group IDs \(bad: "g 1"\)/],
    ["HIERARCHY_INCLUDE_CHILD_GROUPS", "yes", /must be true or false/],
    ["PRESENCE_WINDOW", "101", /from 1 to 100/],
    ["IDLE_POOL_SIZE", "0", /IDLE_POOL_SIZE must be a whole number from 1 to 100/],
    ["RESERVATION_SECONDS", "301", /RESERVATION_SECONDS must be a whole number from 0 to 300/],
    ["AFFINITY_TABLE_NAME", "a", /DynamoDB table name/],
    ["MAX_ATTEMPTS", "0", /MAX_ATTEMPTS must be a whole number from 1 to 100 \(got "0"\)/],
    ["CALLER_KEY_SECRET_REF", "my-secret-value", /CALLER_KEY_SECRET_REF must be ssm:NAME/],
    ["CALLER_KEY_PREVIOUS_SECRET_REF", "raw", /or raw-number/],
    ["MAX_ATTEMPTS", "2.5", /MAX_ATTEMPTS must be a whole number/],
    ["AFFINITY_LIFETIME_DAYS", "forever", /AFFINITY_LIFETIME_DAYS must be a whole number/],
    ["NEW_CALLER_STRATEGY", "first-user", /must be one of longest-idle, random, caller-hash/],
    ["DEFAULT_CALLING_CODE", "JP", /country calling code/],
    ["RECORD_MESSAGE_LANGUAGE", "ja", /must be one of en-US, ja-JP \(got "ja"\)/],
    ["ROUTING_PROFILE_IDS", "rp 1", /routing profile IDs \(bad: "rp 1"\)/],
    ["PRESENCE_SOURCE", "kinesis", /must be one of connect-api, event-stream, none/],
    ["LOG_LEVEL", "verbose", /must be one of TRACE/],
  ])("rejects %s=%j with a message naming the variable", (variable, value, message) => {
    // Act
    const act = () => loadConfig({ ...minimal, [variable]: value });

    // Assess
    expect(act).toThrow(message);
    expect(problemsOf({ ...minimal, [variable]: value })).toEqual([variable]);
  });

  it("selects agents by routing profile and hierarchy group together", () => {
    // Act
    const config = loadConfig({
      ...minimal,
      ROUTING_PROFILE_IDS: "rp-1",
      HIERARCHY_GROUP_IDS: "g-1,g-2",
      HIERARCHY_INCLUDE_CHILD_GROUPS: "TRUE",
    });

    // Assess
    expect(config.directoryFilter).toEqual({
      routingProfileIds: ["rp-1"],
      hierarchyGroupIds: ["g-1", "g-2"],
      includeChildGroups: true,
    });
  });

  it("never repeats the caller-key secret in its message", () => {
    // Act
    const act = () => loadConfig({ ...minimal, CALLER_KEY_SECRET: "short-secret" });

    // Assess
    expect(act).toThrow(/CALLER_KEY_SECRET must be at least 16 characters/);
    expect(act).not.toThrow(/short-secret/);
  });

  it("reads presence from the agent event stream's table when told to", () => {
    // Act
    const config = loadConfig({
      ...minimal,
      PRESENCE_SOURCE: "event-stream",
      PRESENCE_TABLE_NAME: "presence-dev",
      PRESENCE_MAX_AGE_SECONDS: "240",
    });

    // Assess
    expect(config.presence).toEqual({
      source: "event-stream",
      tableName: "presence-dev",
      maxAgeMs: 240_000,
    });
  });

  it("needs a presence table when presence comes from the agent event stream", () => {
    // Act
    const act = () => loadConfig({ ...minimal, PRESENCE_SOURCE: "event-stream" });

    // Assess
    expect(act).toThrow(/PRESENCE_TABLE_NAME is required when PRESENCE_SOURCE=event-stream/);
  });

  it("refuses opt-outs with event-stream presence, whose shared roster does not carry them", () => {
    // Prepare
    const eventStream = {
      ...minimal,
      PRESENCE_SOURCE: "event-stream",
      PRESENCE_TABLE_NAME: "presence-dev",
    };

    // Act
    const byTag = problemsOf({ ...eventStream, OPT_OUT_TAGS: "sticky=off" });
    const byGroup = problemsOf({ ...eventStream, OPT_OUT_HIERARCHY_GROUP_IDS: "group-1" });
    const withApi = loadConfig({ ...minimal, OPT_OUT_TAGS: "sticky=off" });

    // Assess
    expect(byTag).toEqual(["OPT_OUT_TAGS"]);
    expect(byGroup).toEqual(["OPT_OUT_HIERARCHY_GROUP_IDS"]);
    expect(withApi.directoryOptOut).toEqual({ tags: { sticky: "off" } });
  });
});

describe("loadAgentEventsConfig", () => {
  it("needs only the presence table", () => {
    // Act
    const config = loadAgentEventsConfig({ PRESENCE_TABLE_NAME: " connect-affinity-presence " });

    // Assess
    expect(config).toEqual({ presenceTableName: "connect-affinity-presence" });
  });

  it("reads the item lifetime, the routable status names and the log level", () => {
    // Act
    const config = loadAgentEventsConfig({
      PRESENCE_TABLE_NAME: "presence",
      PRESENCE_TTL_SECONDS: "7200",
      ROUTABLE_STATUS_NAMES: "Available, 受付可能",
      LOG_LEVEL: "debug",
      POWERTOOLS_METRICS_NAMESPACE: "ConnectAffinity/prod",
    });

    // Assess
    expect(config).toEqual({
      presenceTableName: "presence",
      ttlSeconds: 7200,
      routableStatusNames: ["Available", "受付可能"],
      logLevel: "DEBUG",
      metricsNamespace: "ConnectAffinity/prod",
    });
  });

  it("names every unusable variable at once", () => {
    // Act
    const act = () =>
      loadAgentEventsConfig({ PRESENCE_TABLE_NAME: "", PRESENCE_TTL_SECONDS: "60" });

    // Assess
    expect(act).toThrow(ConfigurationError);
    expect(act).toThrow(/PRESENCE_TABLE_NAME is required/);
    expect(act).toThrow(/PRESENCE_TTL_SECONDS must be a whole number from 600 to 31536000/);
  });
});
