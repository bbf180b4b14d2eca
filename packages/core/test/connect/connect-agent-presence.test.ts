import { GetCurrentUserDataCommand } from "@aws-sdk/client-connect";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { ConnectAgentPresence } from "../../src/connect/index.js";
import {
  connectClient,
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
});
