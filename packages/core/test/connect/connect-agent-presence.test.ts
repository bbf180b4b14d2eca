import { GetCurrentUserDataCommand } from "@aws-sdk/client-connect";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { ConnectAgentPresence } from "../../src/connect/index.js";
import { InvalidOptionError, StickyRouter } from "../../src/index.js";
import {
  InMemoryAffinityStore,
  InMemoryAgentDirectory,
  SeededRandom,
} from "../../src/testing/index.js";
import {
  connectClient,
  instanceArn,
  instanceId,
  ManualClock,
  throttled,
  userData,
  userId,
} from "./connect-fixtures.js";

const client = connectClient();
const connect = mockClient(client);

afterEach(() => {
  connect.reset();
});

/** Answers every batch with the agents it names, `pageSize` per page. */
function currentUserDataFor(pageSize: number, skip: ReadonlySet<string> = new Set()): void {
  connect
    .on(GetCurrentUserDataCommand)
    .callsFake((input: { Filters: { Agents: string[] }; NextToken?: string }) => {
      const present = input.Filters.Agents.filter((id) => !skip.has(id));
      const start = input.NextToken === undefined ? 0 : Number(input.NextToken);
      const page = present
        .slice(start, start + pageSize)
        .map((id) => userData(Number(id.slice(-12))));
      return start + pageSize < present.length
        ? { UserDataList: page, NextToken: String(start + pageSize) }
        : { UserDataList: page };
    });
}

describe("ConnectAgentPresence", () => {
  it("asks for 250 agents in 3 batches of at most 100, reading every page", async () => {
    // Prepare
    currentUserDataFor(40);
    const ids = Array.from({ length: 250 }, (_, index) => userId(index));
    const presence = new ConnectAgentPresence({ client, instanceId, clock: new ManualClock() });

    // Act
    const lookup = await presence.lookup(ids);

    // Assess
    const calls = connect.commandCalls(GetCurrentUserDataCommand).map((call) => call.args[0].input);
    const firstPages = calls.filter((input) => input.NextToken === undefined);
    expect(firstPages.map((input) => input.Filters?.Agents?.length)).toEqual([100, 100, 50]);
    expect(calls.every((input) => input.MaxResults === 100)).toBe(true);
    expect(calls).toHaveLength(3 + 3 + 2);
    expect(lookup.kind === "known" && lookup.agents.size).toBe(250);
  });

  it("keeps no reservations, and asks Connect nothing for one", async () => {
    // Prepare
    const presence = new ConnectAgentPresence({ client, instanceId, clock: new ManualClock() });

    // Act
    const outcome = await presence.reserve();

    // Assess
    expect(outcome).toBe("unsupported");
    expect(connect.calls()).toHaveLength(0);
  });

  it("maps status, free slots and idle time, and treats a missing agent as unavailable", async () => {
    // Prepare
    const clock = new ManualClock();
    connect.on(GetCurrentUserDataCommand).resolves({
      UserDataList: [
        userData(1),
        userData(2, {
          Status: { StatusName: "Available", StatusStartTimestamp: new Date(5_000) },
          AvailableSlotsByChannel: { VOICE: 0, CHAT: 1 },
          Contacts: [{ ContactId: "c-1", Channel: "VOICE", AgentContactState: "CONNECTED" }],
        }),
        userData(3, { NextStatus: "Lunch" }),
        userData(4, { Status: { StatusName: "Break" } }),
      ],
    });
    const presence = new ConnectAgentPresence({ client, instanceId, clock });

    // Act
    const lookup = await presence.lookup([userId(1), userId(2), userId(3), userId(4), userId(5)]);

    // Assess
    expect(lookup.kind).toBe("known");
    if (lookup.kind !== "known") return;
    expect(lookup.observedAt).toBe(clock.now());
    expect(lookup.agents.get(userId(1))).toEqual({
      routable: true,
      availableSlots: { VOICE: 1, CHAT: 2 },
      idleSince: 1_700_000_000_000 - 60_000,
    });
    expect(lookup.agents.get(userId(2))).toEqual({
      routable: true,
      availableSlots: { VOICE: 0, CHAT: 1 },
    });
    expect(lookup.agents.get(userId(3))?.routable).toBe(false);
    expect(lookup.agents.get(userId(4))?.routable).toBe(false);
    expect(lookup.agents.has(userId(5))).toBe(false);
  });

  it("accepts custom routable status names", async () => {
    // Prepare
    connect.on(GetCurrentUserDataCommand).resolves({
      UserDataList: [userData(1, { Status: { StatusName: "Ready" } })],
    });
    const presence = new ConnectAgentPresence({
      client,
      instanceId,
      clock: new ManualClock(),
      routableStatusNames: ["Ready"],
    });

    // Act
    const lookup = await presence.lookup([userId(1)]);

    // Assess
    expect(lookup.kind === "known" && lookup.agents.get(userId(1))?.routable).toBe(true);
  });

  it("answers unknown, throttled, instead of rejecting when Connect throttles", async () => {
    // Prepare
    connect.on(GetCurrentUserDataCommand).rejects(throttled());
    const presence = new ConnectAgentPresence({ client, instanceId, clock: new ManualClock() });

    // Act
    const lookup = await presence.lookup([userId(1)]);

    // Assess
    expect(lookup).toMatchObject({ kind: "unknown", reason: "throttled" });
    expect(presence.stats()).toMatchObject({ apiCalls: 1, throttles: 1 });
  });

  it("answers unknown, failed, for any other error", async () => {
    // Prepare
    connect.on(GetCurrentUserDataCommand).rejects(new Error("AccessDeniedException"));
    const presence = new ConnectAgentPresence({ client, instanceId, clock: new ManualClock() });

    // Act
    const lookup = await presence.lookup([userId(1)]);

    // Assess
    expect(lookup).toMatchObject({ kind: "unknown", reason: "failed" });
  });

  it("reuses answers within cacheTtlMs and asks only for agents it does not know", async () => {
    // Prepare
    currentUserDataFor(100);
    const clock = new ManualClock();
    const presence = new ConnectAgentPresence({ client, instanceId, clock, cacheTtlMs: 2_000 });
    await presence.lookup([userId(1), userId(2)]);

    // Act
    clock.advance(1_000);
    const again = await presence.lookup([userId(1), userId(2), userId(3)]);

    // Assess
    const calls = connect.commandCalls(GetCurrentUserDataCommand).map((call) => call.args[0].input);
    expect(calls.map((input) => input.Filters?.Agents)).toEqual([
      [userId(1), userId(2)],
      [userId(3)],
    ]);
    expect(again.kind === "known" && [...again.agents.keys()]).toEqual([
      userId(1),
      userId(2),
      userId(3),
    ]);
  });

  it("asks Connect every time with the default cache of 0", async () => {
    // Prepare
    currentUserDataFor(100);
    const presence = new ConnectAgentPresence({ client, instanceId, clock: new ManualClock() });

    // Act
    await presence.lookup([userId(1)]);
    await presence.lookup([userId(1)]);

    // Assess
    expect(connect.commandCalls(GetCurrentUserDataCommand)).toHaveLength(2);
  });

  it("answers unknown, failed, when Connect does not answer within timeoutMs", async () => {
    // Prepare
    connect.on(GetCurrentUserDataCommand).callsFake(() => new Promise(() => {}));
    const presence = new ConnectAgentPresence({
      client,
      instanceId,
      clock: new ManualClock(),
      timeoutMs: 20,
    });

    // Act
    const lookup = await presence.lookup([userId(1)]);

    // Assess
    expect(lookup).toMatchObject({ kind: "unknown", reason: "failed" });
    expect(lookup.kind === "unknown" && lookup.detail).toMatch(/TimeoutError/);
  });

  it("does not call Connect within the back-off after a throttle, and calls again after it", async () => {
    // Prepare
    connect
      .on(GetCurrentUserDataCommand)
      .rejectsOnce(throttled())
      .resolves({
        UserDataList: [userData(1)],
      });
    const clock = new ManualClock();
    const presence = new ConnectAgentPresence({ client, instanceId, clock, retryBackoffMs: 1_000 });
    await presence.lookup([userId(1)]);

    // Act
    clock.advance(999);
    const during = await presence.lookup([userId(1)]);
    clock.advance(1);
    const after = await presence.lookup([userId(1)]);

    // Assess
    expect(during).toMatchObject({ kind: "unknown", reason: "throttled" });
    expect(during.kind === "unknown" && during.detail).toMatch(/ThrottlingException/);
    expect(after.kind === "known" && after.agents.get(userId(1))?.routable).toBe(true);
    expect(connect.commandCalls(GetCurrentUserDataCommand)).toHaveLength(2);
    expect(presence.stats()).toEqual({
      apiCalls: 2,
      throttles: 1,
      failures: 0,
      cacheHits: 0,
      backedOff: 1,
    });
  });

  it("backs off 1,000 ms by default", async () => {
    // Prepare
    connect.on(GetCurrentUserDataCommand).rejects(throttled());
    const clock = new ManualClock();
    const presence = new ConnectAgentPresence({ client, instanceId, clock });
    await presence.lookup([userId(1)]);

    // Act
    clock.advance(999);
    await presence.lookup([userId(1)]);
    clock.advance(1);
    await presence.lookup([userId(1)]);

    // Assess
    expect(connect.commandCalls(GetCurrentUserDataCommand)).toHaveLength(2);
  });

  it("backs off after a failure too, answering unknown, failed", async () => {
    // Prepare
    connect.on(GetCurrentUserDataCommand).rejects(new Error("AccessDeniedException"));
    const clock = new ManualClock();
    const presence = new ConnectAgentPresence({ client, instanceId, clock, retryBackoffMs: 500 });
    await presence.lookup([userId(1)]);

    // Act
    clock.advance(100);
    const during = await presence.lookup([userId(1)]);

    // Assess
    expect(during).toMatchObject({ kind: "unknown", reason: "failed" });
    expect(connect.commandCalls(GetCurrentUserDataCommand)).toHaveLength(1);
    expect(presence.stats()).toMatchObject({ failures: 1, backedOff: 1 });
  });

  it("doubles the back-off with each throttle in a row, up to maxRetryBackoffMs", async () => {
    // Prepare
    connect.on(GetCurrentUserDataCommand).rejects(throttled());
    const clock = new ManualClock();
    const presence = new ConnectAgentPresence({
      client,
      instanceId,
      clock,
      retryBackoffMs: 1_000,
      maxRetryBackoffMs: 3_000,
    });
    const callsAfter = async (ms: number): Promise<number> => {
      clock.advance(ms);
      await presence.lookup([userId(1)]);
      return connect.commandCalls(GetCurrentUserDataCommand).length;
    };

    // Act: throttles at 0, 1,000 (back-off 2,000), 3,000 (back-off 3,000, capped), 6,000.
    const calls = [
      await callsAfter(0),
      await callsAfter(1_000),
      await callsAfter(1_999),
      await callsAfter(1),
      await callsAfter(2_999),
      await callsAfter(1),
    ];

    // Assess
    expect(calls).toEqual([1, 2, 2, 3, 3, 4]);
  });

  it("resets the back-off after an answered call", async () => {
    // Prepare
    connect
      .on(GetCurrentUserDataCommand)
      .rejectsOnce(throttled())
      .rejectsOnce(throttled())
      .resolvesOnce({ UserDataList: [userData(1)] })
      .rejects(throttled());
    const clock = new ManualClock();
    const presence = new ConnectAgentPresence({ client, instanceId, clock, retryBackoffMs: 1_000 });
    await presence.lookup([userId(1)]); // throttled: 1,000 ms
    clock.advance(1_000);
    await presence.lookup([userId(1)]); // throttled again: 2,000 ms
    clock.advance(2_000);
    const answered = await presence.lookup([userId(1)]);

    // Act: throttled once more, which backs off 1,000 ms again, not 4,000.
    await presence.lookup([userId(1)]);
    clock.advance(1_000);
    await presence.lookup([userId(1)]);

    // Assess
    expect(answered.kind).toBe("known");
    expect(connect.commandCalls(GetCurrentUserDataCommand)).toHaveLength(5);
  });

  it("still answers agents fresh in the cache during a back-off", async () => {
    // Prepare
    connect
      .on(GetCurrentUserDataCommand)
      .resolvesOnce({ UserDataList: [userData(1)] })
      .rejects(throttled());
    const clock = new ManualClock();
    const presence = new ConnectAgentPresence({ client, instanceId, clock, cacheTtlMs: 5_000 });
    await presence.lookup([userId(1)]);
    await presence.lookup([userId(2)]); // throttled

    // Act
    const cached = await presence.lookup([userId(1)]);
    const missing = await presence.lookup([userId(1), userId(2)]);

    // Assess
    expect(cached.kind === "known" && cached.agents.get(userId(1))?.routable).toBe(true);
    expect(missing).toMatchObject({ kind: "unknown", reason: "throttled" });
    expect(connect.commandCalls(GetCurrentUserDataCommand)).toHaveLength(2);
  });

  it("asks Connect on every lookup with retryBackoffMs 0", async () => {
    // Prepare
    connect.on(GetCurrentUserDataCommand).rejects(throttled());
    const presence = new ConnectAgentPresence({
      client,
      instanceId,
      clock: new ManualClock(),
      retryBackoffMs: 0,
    });

    // Act
    await presence.lookup([userId(1)]);
    await presence.lookup([userId(1)]);

    // Assess
    expect(connect.commandCalls(GetCurrentUserDataCommand)).toHaveLength(2);
  });

  it("refuses a negative back-off and a cap below it", () => {
    // Prepare
    const clock = new ManualClock();

    // Act
    const negative = () =>
      new ConnectAgentPresence({ client, instanceId, clock, retryBackoffMs: -1 });
    const capBelow = () =>
      new ConnectAgentPresence({
        client,
        instanceId,
        clock,
        retryBackoffMs: 2_000,
        maxRetryBackoffMs: 1_000,
      });

    // Assess
    expect(negative).toThrow(InvalidOptionError);
    expect(negative).toThrow(/retryBackoffMs/);
    expect(capBelow).toThrow(/maxRetryBackoffMs/);
  });

  it("lets the router answer unverified during the back-off, without calling Connect", async () => {
    // Prepare
    connect.on(GetCurrentUserDataCommand).rejects(throttled());
    const clock = new ManualClock();
    const agents = [1, 2, 3].map((index) => ({
      id: userId(index),
      arn: `${instanceArn}/agent/${userId(index)}`,
    }));
    const presence = new ConnectAgentPresence({ client, instanceId, clock });
    const router = new StickyRouter({
      store: new InMemoryAffinityStore(),
      directory: new InMemoryAgentDirectory(agents),
      presence,
      clock,
      random: new SeededRandom(7),
    });
    const contact = (contactId: string) => ({
      contactId,
      channel: "VOICE" as const,
      customerAddress: "+819012345678",
    });
    await router.route(contact("c-1"));

    // Act
    clock.advance(500);
    const answer = await router.route(contact("c-2"));

    // Assess
    expect(answer).toMatchObject({ status: "agent", presence: "unverified" });
    expect(connect.commandCalls(GetCurrentUserDataCommand)).toHaveLength(1);
    expect(presence.stats()).toMatchObject({ apiCalls: 1, backedOff: 1 });
  });
});
