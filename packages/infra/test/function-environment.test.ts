import { describe, expect, it } from "vitest";
import { functionNames } from "../src/function-catalog.js";
import {
  agentEventConsumerEnvironment,
  functionEnvironment,
  type HandlerSettings,
  rosterRefreshEnvironment,
} from "../src/function-environment.js";
import { testInstanceArn } from "./helpers/pulumi-mocks.js";

const settings: HandlerSettings = {
  affinityTableName: "affinity-dev",
  connectInstance: testInstanceArn,
  presenceSource: "connect-api",
  maxAttempts: 4,
  recordMessageLanguage: "ja-JP",
  routingProfileIds: [],
  newCallerStrategy: "random",
  affinityLifetimeDays: 30,
  preferredAgentExpirySeconds: 20,
  callerKeySecretRef: "ssm:/connect-affinity/test/caller-key",
  callerKeyPreviousSecretRef: "raw-number",
  metricsNamespace: "ConnectAffinity/test",
  defaultCallingCode: "81",
  logLevel: "DEBUG",
};

describe("functionEnvironment", () => {
  it.each(functionNames)("tells %s its table, its instance (as an ARN) and its service", (name) => {
    // Act
    const variables = functionEnvironment(name, settings);

    // Assess
    expect(variables["AFFINITY_TABLE_NAME"]).toBe("affinity-dev");
    expect(variables["CONNECT_INSTANCE_ID"]).toBe(testInstanceArn);
    expect(variables["LOG_LEVEL"]).toBe("DEBUG");
    expect(variables["POWERTOOLS_SERVICE_NAME"]).toMatch(/^connect-affinity-[a-z-]+$/);
  });

  it("tells the functions that key callers, and next-agent for the cursor's key, where the secret lives, never the secret", () => {
    // Act
    const holders = functionNames.filter(
      (name) => functionEnvironment(name, settings)["CALLER_KEY_SECRET_REF"] !== undefined,
    );
    const previous = functionNames.filter(
      (name) => functionEnvironment(name, settings)["CALLER_KEY_PREVIOUS_SECRET_REF"] !== undefined,
    );

    // Assess
    expect(holders).toEqual(["route", "nextAgent", "record", "routingCriteria", "contactEvent"]);
    expect(previous).toEqual(["route", "nextAgent", "routingCriteria"]);
    for (const name of functionNames) {
      expect(functionEnvironment(name, settings)["CALLER_KEY_SECRET"]).toBeUndefined();
      expect(functionEnvironment(name, settings)["POWERTOOLS_METRICS_NAMESPACE"]).toBe(
        "ConnectAffinity/test",
      );
    }
  });

  it("gives the routing settings to the routers, the attempt bound to next-agent and the lifetime to the recorders", () => {
    // Act
    const route = functionEnvironment("route", settings);
    const nextAgent = functionEnvironment("nextAgent", settings);
    const record = functionEnvironment("record", settings);

    // Assess
    expect(route).toMatchObject({ NEW_CALLER_STRATEGY: "random", PRESENCE_SOURCE: "connect-api" });
    expect(route["MAX_ATTEMPTS"]).toBeUndefined();
    expect(route["AFFINITY_LIFETIME_DAYS"]).toBeUndefined();
    expect(nextAgent).toMatchObject({ MAX_ATTEMPTS: "4", PRESENCE_SOURCE: "connect-api" });
    expect(record).toMatchObject({
      AFFINITY_LIFETIME_DAYS: "30",
      RECORD_MESSAGE_LANGUAGE: "ja-JP",
    });
    // record resolves the agent it stores on the shared roster when presence is the stream's.
    expect(record["PRESENCE_SOURCE"]).toBe("connect-api");
    expect(record["NEW_CALLER_STRATEGY"]).toBeUndefined();
  });

  it("gives the language of record's messages to record alone", () => {
    // Act
    const holders = functionNames.filter(
      (name) => functionEnvironment(name, settings)["RECORD_MESSAGE_LANGUAGE"] !== undefined,
    );

    // Assess
    expect(holders).toEqual(["record"]);
  });

  it("gives the routing-criteria step expiry to the routing-criteria function alone", () => {
    // Act
    const holders = functionNames.filter(
      (name) => functionEnvironment(name, settings)["PREFERRED_AGENT_EXPIRY_SECONDS"] === "20",
    );

    // Assess
    expect(holders).toEqual(["routingCriteria"]);
  });

  it("passes a routing-profile filter as a comma-separated list", () => {
    // Act
    const variables = functionEnvironment("nextAgent", {
      ...settings,
      routingProfileIds: ["profile-a", "profile-b"],
    });

    // Assess
    expect(variables["ROUTING_PROFILE_IDS"]).toBe("profile-a,profile-b");
  });

  it("leaves unset optional settings out, so the handlers' defaults apply", () => {
    // Act
    const variables = functionEnvironment("route", {
      affinityTableName: "affinity-dev",
      connectInstance: testInstanceArn,
      presenceSource: "none",
      routingProfileIds: [],
    });

    // Assess
    expect(Object.keys(variables).sort()).toEqual([
      "AFFINITY_TABLE_NAME",
      "CONNECT_INSTANCE_ID",
      "POWERTOOLS_SERVICE_NAME",
      "PRESENCE_SOURCE",
    ]);
  });

  it("points every router at the presence table with event-stream presence, the presence age to the readers only", () => {
    // Prepare
    const eventStream: HandlerSettings = {
      ...settings,
      presenceSource: "event-stream",
      presenceTableName: "presence-dev",
      presenceMaxAgeSeconds: 120,
    };

    // Act
    const readers = (["route", "nextAgent", "routingCriteria"] as const).map((name) =>
      functionEnvironment(name, eventStream),
    );
    const writers = (["record", "contactEvent"] as const).map((name) =>
      functionEnvironment(name, eventStream),
    );

    // Assess
    for (const variables of readers) {
      expect(variables).toMatchObject({
        PRESENCE_SOURCE: "event-stream",
        PRESENCE_TABLE_NAME: "presence-dev",
        PRESENCE_MAX_AGE_SECONDS: "120",
      });
    }
    // record and contact-event check the agent they store on the shared roster.
    for (const variables of writers) {
      expect(Object.keys(variables).filter((name) => name.startsWith("PRESENCE_"))).toEqual([
        "PRESENCE_SOURCE",
        "PRESENCE_TABLE_NAME",
      ]);
    }
  });

  it("leaves the presence age to the handlers' default when unset", () => {
    // Act
    const variables = functionEnvironment("route", {
      ...settings,
      presenceSource: "event-stream",
      presenceTableName: "presence-dev",
    });

    // Assess
    expect(variables["PRESENCE_TABLE_NAME"]).toBe("presence-dev");
    expect(variables["PRESENCE_MAX_AGE_SECONDS"]).toBeUndefined();
  });
});

describe("agentEventConsumerEnvironment", () => {
  it("tells the consumer its presence table, item lifetime and log level, and nothing of the affinity table", () => {
    // Act
    const variables = agentEventConsumerEnvironment({
      presenceTableName: "presence-dev",
      presenceTtlSeconds: 7200,
      logLevel: "WARN",
    });

    // Assess
    expect(variables).toEqual({
      PRESENCE_TABLE_NAME: "presence-dev",
      PRESENCE_TTL_SECONDS: "7200",
      LOG_LEVEL: "WARN",
      POWERTOOLS_SERVICE_NAME: "connect-affinity-agent-events",
    });
  });

  it("leaves the lifetime and log level to the handler's defaults when unset", () => {
    // Act
    const variables = agentEventConsumerEnvironment({ presenceTableName: "presence-dev" });

    // Assess
    expect(Object.keys(variables).sort()).toEqual([
      "POWERTOOLS_SERVICE_NAME",
      "PRESENCE_TABLE_NAME",
    ]);
  });
});

describe("the index and roster settings", () => {
  it("tells the consumer the directory filter and the index's shape", () => {
    // Act
    const variables = agentEventConsumerEnvironment({
      presenceTableName: "presence-dev",
      routingProfileIds: ["rp-1"],
      presenceIndexShards: 2,
      presenceIndexChannels: ["VOICE", "CHAT"],
    });

    // Assess
    expect(variables).toMatchObject({
      ROUTING_PROFILE_IDS: "rp-1",
      PRESENCE_INDEX_SHARDS: "2",
      PRESENCE_INDEX_CHANNELS: "VOICE,CHAT",
    });
  });

  it("tells the roster refresher its table, instance, filter and pace, and nothing of the affinity table", () => {
    // Act
    const variables = rosterRefreshEnvironment({
      presenceTableName: "presence-dev",
      connectInstance: testInstanceArn,
      routingProfileIds: ["rp-1"],
      rosterRefreshMinutes: 30,
    });

    // Assess
    expect(variables).toEqual({
      PRESENCE_TABLE_NAME: "presence-dev",
      CONNECT_INSTANCE_ID: testInstanceArn,
      ROUTING_PROFILE_IDS: "rp-1",
      ROSTER_REFRESH_MINUTES: "30",
      POWERTOOLS_SERVICE_NAME: "connect-affinity-roster-refresh",
    });
  });
});
