import { ListUsersCommand, SearchUsersCommand } from "@aws-sdk/client-connect";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { ConnectAgentDirectory } from "../../src/connect/index.js";
import { DirectoryUnavailableError } from "../../src/domain/errors.js";
import {
  connectClient,
  instanceArn,
  instanceId,
  ManualClock,
  throttled,
  userId,
  userSummary,
} from "./connect-fixtures.js";

const client = connectClient();
const connect = mockClient(client);

afterEach(() => {
  connect.reset();
});

/** Answers ListUsers with `total` users, `pageSize` per page, tokens "page-N". */
function listUsersPaged(total: number, pageSize: number): void {
  connect.on(ListUsersCommand).callsFake((input: { NextToken?: string }) => {
    const page = input.NextToken === undefined ? 0 : Number(input.NextToken.slice(5));
    const start = page * pageSize;
    const users = Array.from({ length: Math.min(pageSize, total - start) }, (_, offset) =>
      userSummary(start + offset),
    );
    return start + pageSize < total
      ? { UserSummaryList: users, NextToken: `page-${page + 1}` }
      : { UserSummaryList: users };
  });
}

describe("ConnectAgentDirectory", () => {
  it("reads every page of ListUsers, 1,000 users at a time", async () => {
    // Prepare
    listUsersPaged(2_345, 1_000);
    const directory = new ConnectAgentDirectory({ client, instanceId, clock: new ManualClock() });

    // Act
    const roster = await directory.roster();

    // Assess
    const calls = connect.commandCalls(ListUsersCommand).map((call) => call.args[0].input);
    expect(calls).toEqual([
      { InstanceId: instanceId, MaxResults: 1_000 },
      { InstanceId: instanceId, MaxResults: 1_000, NextToken: "page-1" },
      { InstanceId: instanceId, MaxResults: 1_000, NextToken: "page-2" },
    ]);
    expect(roster.agents).toHaveLength(2_345);
    expect(roster.get(userId(2_344))).toEqual({
      id: userId(2_344),
      arn: `${instanceArn}/agent/${userId(2_344)}`,
      username: "agent2344",
    });
  });

  it("turns a user ARN in its /user/ form into the agent ARN flows take", async () => {
    // Prepare
    connect.on(ListUsersCommand).resolves({
      UserSummaryList: [{ Id: "u-1", Arn: `${instanceArn}/user/u-1`, Username: "ann" }],
    });
    const directory = new ConnectAgentDirectory({ client, instanceId, clock: new ManualClock() });

    // Act
    const roster = await directory.roster();

    // Assess
    expect(roster.get("u-1")?.arn).toBe(`${instanceArn}/agent/u-1`);
  });

  it("searches users by routing profile and hierarchy group when filtered", async () => {
    // Prepare
    connect
      .on(SearchUsersCommand)
      .resolvesOnce({ Users: [userSummary(1)], NextToken: "next" })
      .resolvesOnce({ Users: [userSummary(2)] });
    const directory = new ConnectAgentDirectory({
      client,
      instanceId,
      clock: new ManualClock(),
      filter: { routingProfileIds: ["rp-1", "rp-2"], hierarchyGroupIds: ["hg-1"] },
    });

    // Act
    const roster = await directory.roster();

    // Assess
    const calls = connect.commandCalls(SearchUsersCommand).map((call) => call.args[0].input);
    expect(calls).toHaveLength(2);
    expect(calls[0]).toEqual({
      InstanceId: instanceId,
      MaxResults: 500,
      SearchCriteria: {
        AndConditions: [
          {
            OrConditions: [
              {
                StringCondition: {
                  FieldName: "RoutingProfileId",
                  Value: "rp-1",
                  ComparisonType: "EXACT",
                },
              },
              {
                StringCondition: {
                  FieldName: "RoutingProfileId",
                  Value: "rp-2",
                  ComparisonType: "EXACT",
                },
              },
            ],
          },
          { HierarchyGroupCondition: { Value: "hg-1", HierarchyGroupMatchType: "EXACT" } },
        ],
      },
    });
    expect(calls[1]?.NextToken).toBe("next");
    expect(connect.commandCalls(ListUsersCommand)).toHaveLength(0);
    expect(roster.agents.map((agent) => agent.id)).toEqual([userId(1), userId(2)]);
  });

  it("serves the cached roster until the TTL passes, then reads Connect again", async () => {
    // Prepare
    listUsersPaged(3, 1_000);
    const clock = new ManualClock();
    const directory = new ConnectAgentDirectory({ client, instanceId, clock, ttlMs: 60_000 });
    await directory.roster();

    // Act
    clock.advance(59_999);
    await directory.roster();
    const callsWithinTtl = connect.commandCalls(ListUsersCommand).length;
    clock.advance(1);
    await directory.roster();

    // Assess
    expect(callsWithinTtl).toBe(1);
    expect(connect.commandCalls(ListUsersCommand)).toHaveLength(2);
    expect(directory.stats()).toMatchObject({ apiCalls: 2, cacheHits: 1, refreshes: 2 });
  });

  it("lets concurrent callers share one refresh", async () => {
    // Prepare
    listUsersPaged(1_500, 1_000);
    const directory = new ConnectAgentDirectory({ client, instanceId, clock: new ManualClock() });

    // Act
    const rosters = await Promise.all(Array.from({ length: 20 }, () => directory.roster()));

    // Assess
    expect(connect.commandCalls(ListUsersCommand)).toHaveLength(2);
    expect(new Set(rosters).size).toBe(1);
    expect(rosters[0]?.agents).toHaveLength(1_500);
  });

  it("keeps serving the last good roster when a refresh is throttled", async () => {
    // Prepare
    const clock = new ManualClock();
    const directory = new ConnectAgentDirectory({ client, instanceId, clock, ttlMs: 1_000 });
    connect.on(ListUsersCommand).resolvesOnce({ UserSummaryList: [userSummary(1)] });
    const first = await directory.roster();
    connect.on(ListUsersCommand).rejects(throttled());
    clock.advance(1_000);

    // Act
    const second = await directory.roster();
    const third = await directory.roster();

    // Assess
    expect(second).toBe(first);
    expect(third).toBe(first);
    // The throttled refresh is not retried on the next call: it backs off.
    expect(connect.commandCalls(ListUsersCommand)).toHaveLength(2);
    expect(directory.stats()).toMatchObject({ throttles: 1, staleServes: 2 });
  });

  it("tries again after the back-off and picks up the new roster", async () => {
    // Prepare
    const clock = new ManualClock();
    const directory = new ConnectAgentDirectory({
      client,
      instanceId,
      clock,
      ttlMs: 1_000,
      retryBackoffMs: 5_000,
    });
    connect
      .on(ListUsersCommand)
      .resolvesOnce({ UserSummaryList: [userSummary(1)] })
      .rejectsOnce(throttled())
      .resolves({ UserSummaryList: [userSummary(1), userSummary(2)] });
    await directory.roster();
    clock.advance(1_000);
    await directory.roster();

    // Act
    clock.advance(5_000);
    const roster = await directory.roster();

    // Assess
    expect(roster.agents).toHaveLength(2);
  });

  it("rejects with DirectoryUnavailableError when throttled with nothing cached", async () => {
    // Prepare
    connect.on(ListUsersCommand).rejects(throttled());
    const directory = new ConnectAgentDirectory({ client, instanceId, clock: new ManualClock() });

    // Act
    const attempt = directory.roster();

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(DirectoryUnavailableError);
    await expect(directory.roster()).rejects.toMatchObject({
      code: "DIRECTORY_UNAVAILABLE",
      reason: "throttled",
    });
    expect(connect.commandCalls(ListUsersCommand)).toHaveLength(1);
  });

  it("reports any other failure with nothing cached as reason failed", async () => {
    // Prepare
    connect.on(ListUsersCommand).rejects(new Error("socket hang up"));
    const directory = new ConnectAgentDirectory({ client, instanceId, clock: new ManualClock() });

    // Act
    const attempt = directory.roster();

    // Assess
    await expect(attempt).rejects.toMatchObject({ reason: "failed" });
  });

  it("gives up a refresh that outlasts refreshTimeoutMs, and keeps the last copy", async () => {
    // Prepare
    const clock = new ManualClock();
    const directory = new ConnectAgentDirectory({
      client,
      instanceId,
      clock,
      ttlMs: 1_000,
      refreshTimeoutMs: 20,
    });
    connect.on(ListUsersCommand).resolvesOnce({ UserSummaryList: [userSummary(1)] });
    const first = await directory.roster();
    // Connect accepts the next call and never answers.
    connect.on(ListUsersCommand).callsFake(() => new Promise(() => {}));
    clock.advance(1_000);

    // Act
    const second = await directory.roster();

    // Assess
    expect(second).toBe(first);
    expect(directory.stats()).toMatchObject({ staleServes: 1 });
  });

  it("rejects as failed when the first refresh outlasts refreshTimeoutMs", async () => {
    // Prepare
    connect.on(ListUsersCommand).callsFake(() => new Promise(() => {}));
    const directory = new ConnectAgentDirectory({
      client,
      instanceId,
      clock: new ManualClock(),
      refreshTimeoutMs: 20,
    });

    // Act
    const attempt = directory.roster();

    // Assess
    await expect(attempt).rejects.toMatchObject({
      name: "DirectoryUnavailableError",
      reason: "failed",
    });
  });
});
