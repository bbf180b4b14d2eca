import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { createPresenceTableInput } from "@connect-affinity/core/dynamodb";
import { defaultAgents } from "@connect-affinity/testing/handlers";
import type { Context } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { ConfigurationError } from "../src/errors.js";
import { handler as rosterRefresh } from "../src/roster-refresh.js";
import { useHarness } from "./helpers/harness.js";

const harness = useHarness();
let tables = 0;

async function prepare(environment: Readonly<Record<string, string | undefined>> = {}) {
  tables += 1;
  const presenceTable = `roster-test-${tables}`;
  await harness.dynamoDb.createTable(createPresenceTableInput(presenceTable));
  await harness.beforeEach({
    PRESENCE_TABLE_NAME: presenceTable,
    ROSTER_REFRESH_REQUEST_SPACING_MS: "0",
    ...environment,
  });
  const listed = async (agentId: string): Promise<boolean | undefined> => {
    const { Item } = await harness.dynamoDb.client.send(
      new GetItemCommand({ TableName: presenceTable, Key: { agentId: { S: agentId } } }),
    );
    const { listed: flag } = Item ?? {};
    return flag?.BOOL;
  };
  return { presenceTable, listed };
}

/** A Lambda context with `remainingMs` left. */
function contextWith(remainingMs: number): Context {
  return { getRemainingTimeInMillis: () => remainingMs } as unknown as Context;
}

describe("roster-refresh", () => {
  it("lists the directory into the shared roster, then reads nothing until the interval has passed", async () => {
    // Prepare
    const { listed } = await prepare();

    // Act
    const first = await rosterRefresh({}, contextWith(60_000));
    const second = await rosterRefresh({}, contextWith(60_000));

    // Assess
    expect(first).toMatchObject({
      outcome: "completed",
      agents: defaultAgents.length,
      added: defaultAgents.length,
    });
    expect(second.outcome).toBe("not-due");
    expect(harness.connect.calls.get("ListUsers")).toBe(1);
    for (const agent of defaultAgents) expect(await listed(agent.id)).toBe(true);
  });

  it("keeps only the filtered routing profiles' users, read with SearchUsers", async () => {
    // Prepare
    const { listed } = await prepare({ ROUTING_PROFILE_IDS: "rp-main" });
    const [outsider] = harness.connect.agents;
    if (outsider) outsider.routingProfileId = "rp-other";

    // Act
    const summary = await rosterRefresh({}, contextWith(60_000));

    // Assess
    expect(summary).toMatchObject({ outcome: "completed", agents: defaultAgents.length - 1 });
    expect(harness.connect.calls.get("SearchUsers")).toBe(1);
    expect(await listed(outsider?.id ?? "")).toBeUndefined();
  });

  it("stops at a throttle, keeping the roster as it was, and says so", async () => {
    // Prepare
    await prepare();
    harness.connect.fault = "throttle";

    // Act
    const summary = await rosterRefresh({}, contextWith(60_000));

    // Assess
    expect(summary).toMatchObject({ outcome: "interrupted", pagesRead: 0, reason: "throttled" });
  });

  it("starts no request once the invocation is too close to its timeout to reconcile", async () => {
    // Prepare
    await prepare();

    // Act
    const summary = await rosterRefresh({}, contextWith(5_000));

    // Assess
    expect(summary).toEqual({ outcome: "in-progress", pagesRead: 0, pagesStored: 0 });
    expect(harness.connect.calls.get("ListUsers")).toBeUndefined();
  });

  it("fails with the missing variable named", async () => {
    // Prepare
    await harness.beforeEach({ PRESENCE_TABLE_NAME: undefined });

    // Act
    const answer = rosterRefresh({}, contextWith(60_000));

    // Assess
    await expect(answer).rejects.toBeInstanceOf(ConfigurationError);
    await expect(rosterRefresh({})).rejects.toThrow(/PRESENCE_TABLE_NAME is required/);
  });
});
