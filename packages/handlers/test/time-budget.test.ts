import { createPresenceTableInput } from "@connect-affinity/core/dynamodb";
import { type StallingEndpoint, stallingEndpoint } from "@connect-affinity/testing";
import { contactFlowEvent } from "@connect-affinity/testing/fixtures";
import type { Context } from "aws-lambda";
import { afterEach, describe, expect, it } from "vitest";
import { handler as nextAgent } from "../src/next-agent.js";
import { handler as route } from "../src/route.js";
import { handler as routingCriteria } from "../src/routing-criteria.js";
import { useHarness } from "./helpers/harness.js";

const caller = "+819012345678";
const harness = useHarness();
let stalled: StallingEndpoint | undefined;
let presenceTables = 0;

afterEach(async () => {
  await stalled?.close();
  stalled = undefined;
});

/**
 * A Lambda context with `remainingMs` left: the deadline the handler budgets from. 1,300 ms
 * leaves the dependencies 800 ms (the handler keeps 500 ms to answer), less than one attempt of
 * an SDK call (1,000 ms), so a call the budget cuts off is tried once, never retried.
 */
function contextWith(remainingMs: number): Context {
  return { getRemainingTimeInMillis: () => remainingMs } as Context;
}

/** DynamoDB takes every request and never answers; presence comes from its (hung) table. */
async function withHungDynamoDb(): Promise<StallingEndpoint> {
  presenceTables += 1;
  const presenceTable = `presence-budget-${presenceTables}`;
  await harness.dynamoDb.createTable(createPresenceTableInput(presenceTable));
  const endpoint = await stallingEndpoint();
  await harness.beforeEach({
    AWS_ENDPOINT_URL_DYNAMODB: endpoint.endpoint,
    PRESENCE_SOURCE: "event-stream",
    PRESENCE_TABLE_NAME: presenceTable,
  });
  stalled = endpoint;
  return endpoint;
}

/** Waits (on the event loop, a bounded number of turns) until the client closed its sockets. */
async function settled(endpoint: StallingEndpoint): Promise<void> {
  for (let turn = 0; turn < 200 && endpoint.open() > 0; turn++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("the time budget of an invocation", () => {
  it("route answers no routable agent (the flow's fallback) when DynamoDB, which holds the shared roster, never answers, its calls cut off, not retried", async () => {
    // Prepare
    const dynamoDb = await withHungDynamoDb();

    // Act
    const answer = await route(
      contactFlowEvent({ contactId: "c-1", address: caller }),
      contextWith(1_300),
    );
    await settled(dynamoDb);

    // Assess
    expect(answer).toMatchObject({
      status: "none",
      reason: "no-routable-agents",
      presence: "unverified",
    });
    // GetItem (the record), GetItem (the agent index's status) and PutItem (the contact index),
    // each tried once and aborted.
    expect(dynamoDb.requests()).toBeLessThanOrEqual(3);
    expect(dynamoDb.open()).toBe(0);
  });

  it("routing-criteria answers none when DynamoDB never answers, its calls cut off", async () => {
    // Prepare
    const dynamoDb = await withHungDynamoDb();

    // Act
    const answer = await routingCriteria(
      contactFlowEvent({ contactId: "c-1", address: caller }),
      contextWith(1_300),
    );
    await settled(dynamoDb);

    // Assess
    expect(answer).toMatchObject({ status: "none", reason: "no-preferred-agent" });
    expect(dynamoDb.requests()).toBeLessThanOrEqual(2);
    expect(dynamoDb.open()).toBe(0);
  });

  it("next-agent answers no routable agent when the presence table, roster and index, never answers", async () => {
    // Prepare: a cursor from a route that answered in time (a healthy DynamoDB).
    await harness.beforeEach();
    const first = await route(contactFlowEvent({ contactId: "c-1", address: caller }));
    const dynamoDb = await withHungDynamoDb();

    // Act
    const answer = await nextAgent(
      contactFlowEvent({ contactId: "c-1", parameters: { cursor: first.cursor } }),
      contextWith(1_300),
    );
    await settled(dynamoDb);

    // Assess
    expect(answer).toMatchObject({
      status: "none",
      reason: "no-routable-agents",
      presence: "unverified",
    });
    // GetItem (the agent index's status), tried once and aborted.
    expect(dynamoDb.requests()).toBeLessThanOrEqual(1);
    expect(dynamoDb.open()).toBe(0);
  });
});
