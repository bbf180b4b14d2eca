import { ListUsersCommand, SearchUsersCommand } from "@aws-sdk/client-connect";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { ConnectDirectoryPages } from "../../src/connect/index.js";
import { InvalidOptionError } from "../../src/domain/errors.js";
import { connectClient, instanceId, throttled, userId, userSummary } from "./connect-fixtures.js";

const client = connectClient();
const connect = mockClient(client);

afterEach(() => {
  connect.reset();
});

describe("ConnectDirectoryPages", () => {
  it("reads one ListUsers page of 1,000 per call, and hands back the next token", async () => {
    // Prepare
    connect
      .on(ListUsersCommand)
      .resolvesOnce({ UserSummaryList: [userSummary(1), { Id: "no-arn" }], NextToken: "t-2" })
      .resolvesOnce({ UserSummaryList: [userSummary(2)], NextToken: "" });
    const pages = new ConnectDirectoryPages({ client, instanceId });

    // Act
    const first = await pages.page(undefined);
    const second = await pages.page(first.nextToken);

    // Assess
    expect(first.agents.map((agent) => agent.id)).toEqual([userId(1)]);
    expect(first.nextToken).toBe("t-2");
    expect(second).toEqual({
      agents: [{ id: userId(2), arn: userSummary(2).Arn, username: "agent2" }],
      nextToken: undefined,
    });
    expect(connect.commandCalls(ListUsersCommand).map((call) => call.args[0].input)).toEqual([
      { InstanceId: instanceId, MaxResults: 1_000 },
      { InstanceId: instanceId, MaxResults: 1_000, NextToken: "t-2" },
    ]);
    expect(pages.stats()).toEqual({ apiCalls: 2, throttles: 0, failures: 0 });
  });

  it("searches by the filter, 500 a page", async () => {
    // Prepare
    connect.on(SearchUsersCommand).resolves({ Users: [userSummary(3)] });
    const pages = new ConnectDirectoryPages({
      client,
      instanceId,
      filter: { routingProfileIds: ["rp-1"] },
    });

    // Act
    const page = await pages.page(undefined);

    // Assess
    expect(page.agents).toHaveLength(1);
    expect(connect.commandCalls(SearchUsersCommand)[0]?.args[0].input).toMatchObject({
      MaxResults: 500,
      SearchCriteria: {
        StringCondition: { FieldName: "RoutingProfileId", Value: "rp-1", ComparisonType: "EXACT" },
      },
    });
  });

  it("lets a throttle or a failure through, counted, for the refresher to stop and resume", async () => {
    // Prepare
    connect.on(ListUsersCommand).rejectsOnce(throttled()).rejectsOnce(new Error("boom"));
    const pages = new ConnectDirectoryPages({ client, instanceId });

    // Act
    const first = pages.page(undefined);
    await expect(first).rejects.toThrow(/rate/i);
    await expect(pages.page(undefined)).rejects.toThrow("boom");

    // Assess
    expect(pages.stats()).toEqual({ apiCalls: 2, throttles: 1, failures: 1 });
  });

  it("refuses an unknown option or a blank instance", () => {
    expect(() => new ConnectDirectoryPages({ client, instanceId: " " })).toThrow(
      InvalidOptionError,
    );
    expect(() => new ConnectDirectoryPages({ client, instanceId, fliter: {} } as never)).toThrow(
      InvalidOptionError,
    );
  });
});
