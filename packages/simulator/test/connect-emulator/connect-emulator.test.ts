import {
  ConnectClient,
  DescribeUserCommand,
  GetCurrentUserDataCommand,
  InternalServiceException,
  InvalidParameterException,
  ListUsersCommand,
  paginateListUsers,
  ResourceNotFoundException,
  SearchUsersCommand,
  ThrottlingException,
} from "@aws-sdk/client-connect";
import { afterEach, describe, expect, it } from "vitest";
import { AgentFloor } from "../../src/agents/agent-floor.js";
import type { AgentSpec } from "../../src/agents/sim-agent.js";
import { SimulatedClock } from "../../src/clock/simulated-clock.js";
import {
  ConnectEmulator,
  type ConnectEmulatorOptions,
} from "../../src/connect-emulator/connect-emulator.js";

const instanceId = "11111111-2222-4333-8444-555555555555";
const location = { instanceId, region: "eu-west-2", accountId: "123456789012" };
const unlimited = { ratePerSecond: 1_000_000, burst: 1_000_000 };
const generous = {
  ListUsers: unlimited,
  SearchUsers: unlimited,
  DescribeUser: unlimited,
  GetCurrentUserData: unlimited,
};
const minute = 60_000;

const running: ConnectEmulator[] = [];
const clients: ConnectClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await Promise.all(running.splice(0).map((emulator) => emulator.stop()));
});

async function emulatorOf(
  agents: readonly AgentSpec[],
  options: Partial<Omit<ConnectEmulatorOptions, "floor" | "clock">> = { quotas: generous },
): Promise<{
  clock: SimulatedClock;
  floor: AgentFloor;
  emulator: ConnectEmulator;
  client: ConnectClient;
}> {
  const clock = new SimulatedClock();
  const floor = new AgentFloor({ clock, ...location, agents });
  const emulator = new ConnectEmulator({ floor, clock, ...options });
  running.push(emulator);
  const { endpoint } = await emulator.start();
  const client = new ConnectClient({
    endpoint,
    region: "eu-west-2",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  clients.push(client);
  return { clock, floor, emulator, client };
}

function agentsNamed(count: number, spec: Partial<AgentSpec> = {}): AgentSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    username: `agent-${String(i).padStart(4, "0")}`,
    ...spec,
  }));
}

describe("ConnectEmulator ListUsers", () => {
  it("pages over more than 1,000 users, each user once, pages within MaxResults", async () => {
    // Prepare
    const { client, floor, emulator } = await emulatorOf(agentsNamed(2_345));

    // Act
    const pageSizes: number[] = [];
    const seen: string[] = [];
    for await (const page of paginateListUsers(
      { client, pageSize: 1_000 },
      { InstanceId: instanceId },
    )) {
      pageSizes.push(page.UserSummaryList?.length ?? 0);
      for (const user of page.UserSummaryList ?? []) seen.push(user.Id ?? "");
    }

    // Assess
    expect(pageSizes).toEqual([1_000, 1_000, 345]);
    expect(new Set(seen).size).toBe(2_345);
    expect(seen.sort()).toEqual(
      floor
        .list()
        .map((a) => a.id)
        .sort(),
    );
    expect(emulator.stats().calls.ListUsers).toBe(3);
  });

  it("answers user summaries with ARNs and usernames the SDK reads", async () => {
    // Prepare
    const { client, floor } = await emulatorOf([{ username: "alice" }]);

    // Act
    const output = await client.send(new ListUsersCommand({ InstanceId: instanceId }));

    // Assess
    const alice = floor.list()[0];
    expect(output.UserSummaryList).toEqual([
      expect.objectContaining({ Id: alice?.id, Arn: alice?.arn, Username: "alice" }),
    ]);
    expect(output.UserSummaryList?.[0]?.LastModifiedTime).toBeInstanceOf(Date);
    expect(output.NextToken).toBeUndefined();
  });

  it.each([0, 1_001])("rejects MaxResults %i like the service", async (maxResults) => {
    // Prepare
    const { client, emulator } = await emulatorOf(agentsNamed(3));

    // Act
    const call = client.send(
      new ListUsersCommand({ InstanceId: instanceId, MaxResults: maxResults }),
    );

    // Assess
    await expect(call).rejects.toBeInstanceOf(InvalidParameterException);
    expect(emulator.stats().clientErrors.ListUsers).toBe(1);
  });

  it("rejects a NextToken it did not issue", async () => {
    // Prepare
    const { client } = await emulatorOf(agentsNamed(3));

    // Act
    const call = client.send(
      new ListUsersCommand({ InstanceId: instanceId, NextToken: "garbage" }),
    );

    // Assess
    await expect(call).rejects.toBeInstanceOf(InvalidParameterException);
  });

  it("answers ResourceNotFoundException for an unknown instance", async () => {
    // Prepare
    const { client } = await emulatorOf(agentsNamed(1));

    // Act
    const call = client.send(new ListUsersCommand({ InstanceId: "no-such-instance" }));

    // Assess
    await expect(call).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});

describe("ConnectEmulator SearchUsers and DescribeUser", () => {
  it("pages the users of one routing profile, at most 500 a page", async () => {
    // Prepare
    const { client } = await emulatorOf([
      ...agentsNamed(1_200, { routingProfileId: "rp-sales" }),
      { username: "outsider", routingProfileId: "rp-support" },
    ]);

    // Act
    const pages: string[][] = [];
    let token: string | undefined;
    for (let i = 0; i < 10; i++) {
      const output = await client.send(
        new SearchUsersCommand({
          InstanceId: instanceId,
          MaxResults: 500,
          SearchCriteria: {
            StringCondition: {
              FieldName: "RoutingProfileId",
              Value: "rp-sales",
              ComparisonType: "EXACT",
            },
          },
          ...(token === undefined ? {} : { NextToken: token }),
        }),
      );
      pages.push((output.Users ?? []).map((user) => user.Username ?? ""));
      expect(output.ApproximateTotalCount).toBe(1_200);
      token = output.NextToken;
      if (token === undefined) break;
    }

    // Assess
    expect(pages.map((page) => page.length)).toEqual([500, 500, 200]);
    expect(new Set(pages.flat()).size).toBe(1_200);
    expect(pages.flat()).not.toContain("outsider");
  });

  it("combines OR and AND conditions as core's directory filter sends them", async () => {
    // Prepare
    const { client } = await emulatorOf([
      { username: "a", routingProfileId: "rp-1", hierarchyGroupId: "g-1" },
      { username: "b", routingProfileId: "rp-2", hierarchyGroupId: "g-1" },
      { username: "c", routingProfileId: "rp-1", hierarchyGroupId: "g-2" },
      { username: "d", routingProfileId: "rp-3", hierarchyGroupId: "g-1" },
    ]);

    // Act
    const output = await client.send(
      new SearchUsersCommand({
        InstanceId: instanceId,
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
            { HierarchyGroupCondition: { Value: "g-1", HierarchyGroupMatchType: "EXACT" } },
          ],
        },
      }),
    );

    // Assess
    expect(output.Users?.map((user) => user.Username)).toEqual(["a", "b"]);
    expect(output.Users?.[0]).toMatchObject({ RoutingProfileId: "rp-1", HierarchyGroupId: "g-1" });
  });

  it("rejects SearchUsers MaxResults above 500", async () => {
    // Prepare
    const { client } = await emulatorOf(agentsNamed(1));

    // Act
    const call = client.send(new SearchUsersCommand({ InstanceId: instanceId, MaxResults: 501 }));

    // Assess
    await expect(call).rejects.toBeInstanceOf(InvalidParameterException);
  });

  it("describes a user, and answers ResourceNotFoundException for an unknown one", async () => {
    // Prepare
    const { client, floor } = await emulatorOf([{ username: "alice", routingProfileId: "rp-1" }]);
    const alice = floor.list()[0];

    // Act
    const output = await client.send(
      new DescribeUserCommand({ InstanceId: instanceId, UserId: alice?.id ?? "" }),
    );
    const unknown = client.send(
      new DescribeUserCommand({ InstanceId: instanceId, UserId: "nobody" }),
    );

    // Assess
    expect(output.User).toMatchObject({
      Id: alice?.id,
      Arn: alice?.arn,
      Username: "alice",
      RoutingProfileId: "rp-1",
    });
    await expect(unknown).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});

describe("ConnectEmulator GetCurrentUserData", () => {
  it("reports the asked agents' status, slots and contacts as simulated time passes", async () => {
    // Prepare
    const { client, clock, floor } = await emulatorOf([
      { username: "alice", id: "u-alice" },
      {
        username: "bob",
        id: "u-bob",
        schedule: [
          { at: 0, status: "Available" },
          { at: 5 * minute, status: "Break" },
        ],
      },
      { username: "carol", id: "u-carol" },
    ]);
    const ask = async () =>
      client.send(
        new GetCurrentUserDataCommand({
          InstanceId: instanceId,
          Filters: { Agents: ["u-alice", floor.get("u-bob")?.agentArn ?? ""] },
        }),
      );
    floor.assign("u-alice", { contactId: "c-1", channel: "VOICE", durationMs: 3 * minute });

    // Act
    const during = await ask();
    clock.advanceBy(6 * minute);
    const after = await ask();

    // Assess
    const byId = (list: typeof during) =>
      new Map((list.UserDataList ?? []).map((data) => [data.User?.Id, data]));
    const alice = byId(during).get("u-alice");
    expect(byId(during).size).toBe(2);
    expect(alice?.Status?.StatusName).toBe("Available");
    expect(alice?.Status?.StatusStartTimestamp).toEqual(new Date(clock.start));
    expect(alice?.AvailableSlotsByChannel).toEqual({ VOICE: 0 });
    expect(alice?.MaxSlotsByChannel).toEqual({ VOICE: 1 });
    expect(alice?.ActiveSlotsByChannel).toEqual({ VOICE: 1 });
    expect(alice?.Contacts?.map((c) => [c.ContactId, c.Channel, c.AgentContactState])).toEqual([
      ["c-1", "VOICE", "CONNECTED"],
    ]);
    expect(byId(after).get("u-alice")?.AvailableSlotsByChannel).toEqual({ VOICE: 1 });
    expect(byId(after).get("u-alice")?.Contacts).toEqual([]);
    expect(byId(after).get("u-bob")?.Status).toMatchObject({
      StatusName: "Break",
      StatusStartTimestamp: new Date(clock.start + 5 * minute),
    });
    expect(byId(after).get("u-bob")?.AvailableSlotsByChannel).toEqual({ VOICE: 0 });
  });

  it("reports a pending next status and leaves logged-out agents out", async () => {
    // Prepare
    const { client, floor } = await emulatorOf([
      { username: "alice", id: "u-alice" },
      { username: "olga", id: "u-olga", schedule: [{ at: 0, status: "Offline" }] },
    ]);
    floor.assign("u-alice", { contactId: "c-1", channel: "VOICE", durationMs: minute });
    floor.setStatus("u-alice", "Break");

    // Act
    const output = await client.send(
      new GetCurrentUserDataCommand({
        InstanceId: instanceId,
        Filters: { Agents: ["u-alice", "u-olga"] },
      }),
    );

    // Assess
    expect(output.UserDataList?.map((data) => [data.User?.Id, data.NextStatus])).toEqual([
      ["u-alice", "Break"],
    ]);
  });

  it("pages at most 100 users and filters by routing profile or queue", async () => {
    // Prepare
    const { client, floor } = await emulatorOf([
      ...agentsNamed(250, { routingProfileId: "rp-sales" }),
      { username: "helper", routingProfileId: "rp-support" },
    ]);

    // Act
    const sizes: number[] = [];
    let token: string | undefined;
    for (let i = 0; i < 10; i++) {
      const output = await client.send(
        new GetCurrentUserDataCommand({
          InstanceId: instanceId,
          Filters: { RoutingProfiles: ["rp-sales"] },
          MaxResults: 100,
          ...(token === undefined ? {} : { NextToken: token }),
        }),
      );
      sizes.push(output.UserDataList?.length ?? 0);
      token = output.NextToken;
      if (token === undefined) break;
    }
    const byQueue = await client.send(
      new GetCurrentUserDataCommand({
        InstanceId: instanceId,
        Filters: { Queues: [floor.queueIdOf("rp-support")] },
      }),
    );

    // Assess
    expect(sizes).toEqual([100, 100, 50]);
    expect(byQueue.UserDataList?.map((data) => data.User?.Id)).toEqual([
      floor.get(floor.list()[250]?.id ?? "")?.id,
    ]);
  });

  it("rejects more than 100 agents, two filters at once, or MaxResults above 100", async () => {
    // Prepare
    const { client } = await emulatorOf(agentsNamed(1));
    const ids = Array.from({ length: 101 }, (_, i) => `u-${i}`);

    // Act
    const tooMany = client.send(
      new GetCurrentUserDataCommand({ InstanceId: instanceId, Filters: { Agents: ids } }),
    );
    const twoFilters = client.send(
      new GetCurrentUserDataCommand({
        InstanceId: instanceId,
        Filters: { Agents: ["u-1"], RoutingProfiles: ["rp-1"] },
      }),
    );
    const bigPage = client.send(
      new GetCurrentUserDataCommand({
        InstanceId: instanceId,
        Filters: { Agents: ["u-1"] },
        MaxResults: 101,
      }),
    );

    // Assess
    await expect(tooMany).rejects.toBeInstanceOf(InvalidParameterException);
    await expect(twoFilters).rejects.toBeInstanceOf(InvalidParameterException);
    await expect(bigPage).rejects.toBeInstanceOf(InvalidParameterException);
  });
});

describe("ConnectEmulator quotas and faults", () => {
  it("throttles past the burst and refills as simulated time passes", async () => {
    // Prepare: Connect's default quota, 2 requests/s with a burst of 5
    const { client, clock, emulator } = await emulatorOf(agentsNamed(1), {});
    const list = () => client.send(new ListUsersCommand({ InstanceId: instanceId }));

    // Act
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i++) {
      outcomes.push(
        await list().then(
          () => "ok",
          (error: Error) => error.name,
        ),
      );
    }
    const stillThrottled = await list().catch((error: unknown) => error);
    clock.advanceBy(500);
    const afterHalfSecond = await list();

    // Assess
    expect(outcomes).toEqual(["ok", "ok", "ok", "ok", "ok", "ThrottlingException"]);
    expect(stillThrottled).toBeInstanceOf(ThrottlingException);
    expect((stillThrottled as ThrottlingException).$metadata.httpStatusCode).toBe(429);
    expect((stillThrottled as ThrottlingException).message).toBe("Rate exceeded");
    expect(afterHalfSecond.UserSummaryList).toHaveLength(1);
    expect(emulator.stats().throttled.ListUsers).toBe(2);
    expect(emulator.stats().calls.ListUsers).toBe(8);
  });

  it("keeps a separate bucket per API", async () => {
    // Prepare
    const { client, floor } = await emulatorOf(agentsNamed(1), {
      quotas: { ListUsers: { ratePerSecond: 1, burst: 1 } },
    });
    await client.send(new ListUsersCommand({ InstanceId: instanceId }));

    // Act
    const list = client.send(new ListUsersCommand({ InstanceId: instanceId }));
    const describe = client.send(
      new DescribeUserCommand({ InstanceId: instanceId, UserId: floor.list()[0]?.id ?? "" }),
    );

    // Assess
    await expect(list).rejects.toBeInstanceOf(ThrottlingException);
    await expect(describe).resolves.toHaveProperty("User.Username", "agent-0000");
  });

  it("injects throttles and errors within their window of simulated time", async () => {
    // Prepare
    const { client, clock, emulator } = await emulatorOf([{ username: "alice", id: "u-alice" }], {
      quotas: generous,
      faults: [
        { api: "GetCurrentUserData", kind: "throttle", from: minute, until: 2 * minute },
        { api: "GetCurrentUserData", kind: "error", from: 2 * minute, until: 3 * minute },
      ],
    });
    const ask = () =>
      client
        .send(
          new GetCurrentUserDataCommand({
            InstanceId: instanceId,
            Filters: { Agents: ["u-alice"] },
          }),
        )
        .then(
          () => "ok",
          (error: unknown) => error,
        );

    // Act
    const before = await ask();
    clock.advanceTo(clock.start + minute);
    const throttled = await ask();
    clock.advanceTo(clock.start + 2 * minute);
    const failed = await ask();
    clock.advanceTo(clock.start + 3 * minute);
    const after = await ask();

    // Assess
    expect(before).toBe("ok");
    expect(throttled).toBeInstanceOf(ThrottlingException);
    expect(failed).toBeInstanceOf(InternalServiceException);
    expect(after).toBe("ok");
    expect(emulator.stats()).toMatchObject({
      calls: { GetCurrentUserData: 4 },
      throttled: { GetCurrentUserData: 1 },
      injectedErrors: { GetCurrentUserData: 1 },
    });
  });

  it("injects faults with a seeded probability, the same on every run", async () => {
    // Prepare
    const run = async (): Promise<string[]> => {
      const { client } = await emulatorOf(agentsNamed(1), {
        quotas: generous,
        seed: 7,
        faults: [{ api: "ListUsers", kind: "error", probability: 0.5 }],
      });
      const outcomes: string[] = [];
      for (let i = 0; i < 20; i++) {
        outcomes.push(
          await client.send(new ListUsersCommand({ InstanceId: instanceId })).then(
            () => "ok",
            (error: Error) => error.name,
          ),
        );
      }
      return outcomes;
    };

    // Act
    const first = await run();
    const second = await run();

    // Assess
    expect(first).toEqual(second);
    expect(first).toContain("ok");
    expect(first).toContain("InternalServiceException");
  });

  it("delays answers by an injected latency and counts them", async () => {
    // Prepare
    const { client, emulator } = await emulatorOf(agentsNamed(1), {
      quotas: generous,
      faults: [{ api: "ListUsers", kind: "latency", latencyMs: 30 }],
    });

    // Act
    const output = await client.send(new ListUsersCommand({ InstanceId: instanceId }));

    // Assess
    expect(output.UserSummaryList).toHaveLength(1);
    expect(emulator.stats().delayed.ListUsers).toBe(1);
  });

  it("answers errors on the wire with x-amzn-ErrorType and a JSON Message", async () => {
    // Prepare
    const { emulator } = await emulatorOf(agentsNamed(1));

    // Act
    const notFound = await fetch(`${emulator.endpoint}/users-summary/other-instance`);
    const unknownPath = await fetch(`${emulator.endpoint}/no-such-operation`, { method: "POST" });

    // Assess
    expect(notFound.status).toBe(404);
    expect(notFound.headers.get("x-amzn-errortype")).toBe("ResourceNotFoundException");
    expect(await notFound.json()).toEqual({ Message: "Instance other-instance not found." });
    expect(unknownPath.status).toBe(404);
    expect(unknownPath.headers.get("x-amzn-errortype")).toBe("UnknownOperationException");
  });

  it("serves an SDK client configured only through AWS_ENDPOINT_URL_CONNECT", async () => {
    // Prepare
    const { emulator } = await emulatorOf(agentsNamed(2));
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_CONNECT: emulator.endpoint,
      AWS_ACCESS_KEY_ID: "local",
      AWS_SECRET_ACCESS_KEY: "local",
      AWS_REGION: "eu-west-2",
    });
    try {
      const client = new ConnectClient({});
      clients.push(client);

      // Act
      const output = await client.send(new ListUsersCommand({ InstanceId: instanceId }));

      // Assess
      expect(output.UserSummaryList).toHaveLength(2);
    } finally {
      for (const key of [
        "AWS_ENDPOINT_URL_CONNECT",
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_REGION",
      ]) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    }
  });
});
