import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { type HandlerHarnessSetup, useHandlerHarness } from "../src/handler-harness.js";

let resets = 0;
const setup: HandlerHarnessSetup = {
  table: (tableName) => ({
    TableName: tableName,
    AttributeDefinitions: [{ AttributeName: "key", AttributeType: "S" }],
    KeySchema: [{ AttributeName: "key", KeyType: "HASH" }],
    BillingMode: "PAY_PER_REQUEST",
  }),
  environment: ({ tableName, instanceArn }) => ({
    HARNESS_TABLE: tableName,
    HARNESS_ARN: instanceArn,
  }),
  reset: () => {
    resets += 1;
  },
  isRecord: (item) => !JSON.stringify(item).includes("index#"),
};

const harness = useHandlerHarness(setup);
const variable = (name: string): string | undefined => process.env[name];
let firstTable = "";

describe("useHandlerHarness (its tests run in order: the second sees what the first left)", () => {
  it("gives a test a table and an environment pointing at the local services", async () => {
    // Prepare
    const resetsBefore = resets;

    // Act
    await harness.beforeEach({ HARNESS_EXTRA: "yes" });
    firstTable = harness.tableName;
    for (const key of ["caller", "index#c-1"]) {
      await harness.dynamoDb.client.send(
        new PutItemCommand({ TableName: harness.tableName, Item: { key: { S: key } } }),
      );
    }

    // Assess
    expect(variable("HARNESS_TABLE")).toBe(harness.tableName);
    expect(variable("HARNESS_ARN")).toBe(harness.connect.instanceArn);
    expect(variable("AWS_ENDPOINT_URL_DYNAMODB")).toBe(harness.dynamoDb.endpoint);
    expect(variable("AWS_ENDPOINT_URL_CONNECT")).toBe(harness.connect.endpoint);
    expect(variable("HARNESS_EXTRA")).toBe("yes");
    expect(resets).toBe(resetsBefore + 1);
    expect(await harness.items()).toHaveLength(2);
    expect(await harness.records()).toEqual([{ key: { S: "caller" } }]);
  });

  it("puts the environment back after a test, and the next test gets a table of its own", async () => {
    // Prepare: the harness's afterEach ran between the tests.
    const environmentBetweenTests = [variable("HARNESS_EXTRA"), variable("HARNESS_TABLE")];

    // Act
    await harness.beforeEach();

    // Assess
    expect(environmentBetweenTests).toEqual([undefined, undefined]);
    expect(harness.tableName).not.toBe(firstTable);
    expect(await harness.items()).toEqual([]);
  });
});
