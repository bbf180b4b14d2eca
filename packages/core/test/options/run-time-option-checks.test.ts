import { ConnectClient } from "@aws-sdk/client-connect";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterAll, describe, expect, it } from "vitest";
import { resolveSdkClientOptions } from "../../src/aws/sdk-client-options.js";
import { ConnectAgentDirectory } from "../../src/connect/connect-agent-directory.js";
import { ConnectAgentPresence } from "../../src/connect/connect-agent-presence.js";
import { DynamoDbAffinityStore } from "../../src/dynamodb/dynamodb-affinity-store.js";
import { DynamoDbAgentPresence } from "../../src/dynamodb/dynamodb-agent-presence.js";
import { DynamoDbPresenceWriter } from "../../src/dynamodb/dynamodb-presence-writer.js";
import { InvalidOptionError, StickyRouter, systemClock } from "../../src/index.js";
import { nearestKey } from "../../src/options/option-checks.js";
import { InMemoryAgentPresence } from "../../src/testing/index.js";
import { aRouter, someAgents } from "../application/router-fixture.js";

// What a plain-JavaScript caller can pass: TypeScript would reject these at compile time.
type Untyped = never;

const dynamoDb = new DynamoDBClient({ region: "us-east-1" });
const connect = new ConnectClient({ region: "us-east-1" });
afterAll(() => {
  dynamoDb.destroy();
  connect.destroy();
});

/** The error `act` throws, which must be an InvalidOptionError. */
function invalidOption(act: () => unknown): InvalidOptionError {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidOptionError);
    return error as InvalidOptionError;
  }
  throw new Error("expected an InvalidOptionError, nothing was thrown");
}

describe("router options checked at run time", () => {
  it("rejects a misspelt option, naming it and the option probably meant", () => {
    // Act
    const error = invalidOption(() => aRouter(someAgents(1), { maxAttempt: 3 } as Untyped));

    // Assess
    expect(error.option).toBe("maxAttempt");
    expect(error.message).toBe(
      "Invalid option maxAttempt: unknown option; did you mean maxAttempts?",
    );
  });

  it("rejects an unknown option that resembles none, listing the known ones", () => {
    // Act
    const error = invalidOption(() => aRouter(someAgents(1), { colour: "blue" } as Untyped));

    // Assess
    expect(error.option).toBe("colour");
    expect(error.message).toContain("known: strategy, maxAttempts,");
  });

  it("rejects a short caller-key secret without repeating it", () => {
    // Act
    const error = invalidOption(() => aRouter(someAgents(1), { callerKeySecret: "short" }));

    // Assess
    expect(error.option).toBe("callerKeySecret");
    expect(error.message).toContain("at least 16 characters");
    expect(error.message).not.toContain("short");
  });

  it.each<[string, string, unknown]>([
    ["a non-integer maxAttempts", "maxAttempts", { maxAttempts: 2.5 }],
    ["a maxAttempts given as text", "maxAttempts", { maxAttempts: "3" }],
    ["a caller-key secret that is not text", "callerKeySecret", { callerKeySecret: 1234 }],
    ["a calling code given as a number", "defaultCallingCode", { defaultCallingCode: 81 }],
    ["an unknown message key", "messages.record", { messages: { record: "a", skipped: "b" } }],
    ["options that are not an object", "options", null],
  ])("rejects %s, naming %s", (_, option, options) => {
    // Act
    const error = invalidOption(() => aRouter(someAgents(1), options as Untyped));

    // Assess
    expect(error.option).toBe(option);
  });

  it("rejects an unknown strategy, suggesting the one probably meant", () => {
    // Act
    const error = invalidOption(() =>
      aRouter(someAgents(1), { strategy: "longest_idle" } as Untyped),
    );

    // Assess
    expect(error.option).toBe("strategy");
    expect(error.message).toContain('did you mean "longest-idle"?');
  });
});

describe("router dependencies checked at run time", () => {
  const { store, directory, presence, clock, random } = aRouter(someAgents(1));
  const deps = { store, directory, presence, clock, random };

  it("rejects a misspelt dependency the router would otherwise silently go without", () => {
    // Act
    const error = invalidOption(() => new StickyRouter({ ...deps, contact: store } as Untyped));

    // Assess
    expect(error.option).toBe("contact");
    expect(error.message).toContain("did you mean contacts?");
  });

  it.each<[string, Record<string, unknown>]>([
    ["store", { ...deps, store: { find: async () => undefined } }],
    ["directory", { ...deps, directory: undefined }],
    ["presence", { ...deps, presence: { reserve: async () => "reserved" } }],
    ["clock", { ...deps, clock: Date.now }],
    ["contacts", { ...deps, contacts: { rememberContact: async () => undefined } }],
  ])("rejects a %s without the methods the router calls", (option, given) => {
    // Act
    const error = invalidOption(() => new StickyRouter(given as Untyped));

    // Assess
    expect(error.option).toBe(option);
  });

  it("accepts a wider object, such as a fixture spread in", () => {
    // Act
    const router = new StickyRouter({ ...deps, contacts: store, degradations: [] } as Untyped);

    // Assess
    expect(router.options.maxAttempts).toBe(5);
  });
});

describe("adapter options checked at run time", () => {
  it.each<[string, string, () => unknown]>([
    [
      "DynamoDbAffinityStore",
      "tablename",
      () => new DynamoDbAffinityStore({ client: dynamoDb, tablename: "affinity" } as Untyped),
    ],
    [
      "DynamoDbAffinityStore",
      "consistentRead",
      () =>
        new DynamoDbAffinityStore({
          client: dynamoDb,
          tableName: "affinity",
          consistentRead: "yes",
        } as Untyped),
    ],
    [
      "DynamoDbAgentPresence",
      "maxAgeSeconds",
      () =>
        new DynamoDbAgentPresence({
          client: dynamoDb,
          tableName: "presence",
          clock: systemClock,
          maxAgeSeconds: 180,
        } as Untyped),
    ],
    [
      "DynamoDbAgentPresence",
      "clock",
      () => new DynamoDbAgentPresence({ client: dynamoDb, tableName: "presence" } as Untyped),
    ],
    [
      "DynamoDbPresenceWriter",
      "concurrency",
      () => new DynamoDbPresenceWriter({ client: dynamoDb, tableName: "presence", concurrency: 0 }),
    ],
    [
      "DynamoDbPresenceWriter",
      "client",
      () => new DynamoDbPresenceWriter({ client: {}, tableName: "presence" } as Untyped),
    ],
    [
      "ConnectAgentDirectory",
      "ttlMS",
      () =>
        new ConnectAgentDirectory({
          client: connect,
          instanceId: "i-1",
          clock: systemClock,
          ttlMS: 1,
        } as Untyped),
    ],
    [
      "ConnectAgentDirectory",
      "filter.routingProfileId",
      () =>
        new ConnectAgentDirectory({
          client: connect,
          instanceId: "i-1",
          clock: systemClock,
          filter: { routingProfileId: ["p-1"] },
        } as Untyped),
    ],
    [
      "ConnectAgentPresence",
      "routableStatusNames",
      () =>
        new ConnectAgentPresence({
          client: connect,
          instanceId: "i-1",
          clock: systemClock,
          routableStatusNames: "Available",
        } as Untyped),
    ],
    [
      "ConnectAgentPresence",
      "instanceId",
      () => new ConnectAgentPresence({ client: connect, clock: systemClock } as Untyped),
    ],
    [
      "createDynamoDbClient / createConnectClient",
      "requestTimeout",
      () => resolveSdkClientOptions({ requestTimeout: 800 } as Untyped, 3),
    ],
    [
      "InMemoryAgentPresence",
      "reservation",
      () => new InMemoryAgentPresence(undefined, { reservation: true } as Untyped),
    ],
  ])("%s rejects a bad %s, naming it", (_, option, construct) => {
    // Act
    const error = invalidOption(construct);

    // Assess
    expect(error.option).toBe(option);
  });

  it("suggests the option a misspelt adapter option probably meant", () => {
    // Act
    const error = invalidOption(
      () =>
        new ConnectAgentPresence({
          client: connect,
          instanceId: "i-1",
          clock: systemClock,
          cacheTTLms: 1_000,
        } as Untyped),
    );

    // Assess
    expect(error.message).toContain("did you mean cacheTtlMs?");
  });
});

describe("nearestKey", () => {
  it.each<[string, string | undefined]>([
    ["maxAttempt", "maxAttempts"],
    ["MAXATTEMPTS", "maxAttempts"],
    ["presenceWindows", "presenceWindow"],
    ["reservation", undefined],
    ["x", undefined],
  ])("reads %s as %s", (key, expected) => {
    expect(nearestKey(key, ["maxAttempts", "presenceWindow", "idlePoolSize"])).toBe(expected);
  });
});
