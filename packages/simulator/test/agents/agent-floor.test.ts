import { describe, expect, it } from "vitest";
import { AgentFloor } from "../../src/agents/agent-floor.js";
import { InvalidAgentSpecError, UnknownAgentError } from "../../src/agents/agent-floor-errors.js";
import type { AgentStreamEvent } from "../../src/agents/agent-stream-event.js";
import type { AgentSpec } from "../../src/agents/sim-agent.js";
import { SimulatedClock } from "../../src/clock/simulated-clock.js";

const location = { instanceId: "inst-1", region: "eu-west-2", accountId: "123456789012" };
const minute = 60_000;

function floorOf(
  agents: readonly AgentSpec[],
  heartbeatIntervalMs: number | false = false,
): { clock: SimulatedClock; floor: AgentFloor } {
  const clock = new SimulatedClock();
  return { clock, floor: new AgentFloor({ clock, ...location, agents, heartbeatIntervalMs }) };
}

function recorded(floor: AgentFloor): AgentStreamEvent[] {
  const events: AgentStreamEvent[] = [];
  floor.onEvent((event) => events.push(event));
  return events;
}

describe("AgentFloor", () => {
  it("names agents with stable UUID-shaped IDs and Connect ARNs", () => {
    // Prepare
    const first = floorOf([{ username: "alice" }]).floor;
    const second = floorOf([{ username: "alice" }]).floor;

    // Act
    const [alice] = first.list();

    // Assess
    expect(alice?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(second.list()[0]?.id).toBe(alice?.id);
    expect(alice?.arn).toBe(
      `arn:aws:connect:eu-west-2:123456789012:instance/inst-1/user/${alice?.id}`,
    );
    expect(alice?.agentArn).toBe(
      `arn:aws:connect:eu-west-2:123456789012:instance/inst-1/agent/${alice?.id}`,
    );
    expect(first.get(alice?.agentArn ?? "")?.username).toBe("alice");
    expect(first.get(alice?.arn ?? "")?.username).toBe("alice");
  });

  it("keeps an agent available from the start when no schedule is given", () => {
    // Prepare
    const { floor } = floorOf([{ username: "alice", id: "u-alice" }]);

    // Act
    const available = floor.isAvailable("u-alice", "VOICE");

    // Assess
    expect(available).toBe(true);
    expect(floor.isAvailable("u-alice", "CHAT")).toBe(false);
    expect(floor.get("u-alice")?.status).toMatchObject({ name: "Available", type: "ROUTABLE" });
  });

  it("follows each agent's schedule as the clock moves", () => {
    // Prepare
    const { clock, floor } = floorOf([
      {
        username: "bob",
        id: "u-bob",
        schedule: [
          { at: 10 * minute, status: "Available" },
          { at: 30 * minute, status: "Break" },
          { at: 45 * minute, status: "Available" },
          { at: 60 * minute, status: "Offline" },
        ],
      },
    ]);

    // Act / Assess
    expect(floor.get("u-bob")?.status.name).toBe("Offline");
    clock.advanceBy(10 * minute);
    expect(floor.isAvailable("u-bob", "VOICE")).toBe(true);
    clock.advanceBy(25 * minute);
    expect(floor.get("u-bob")?.status).toMatchObject({
      name: "Break",
      type: "CUSTOM",
      since: clock.start + 30 * minute,
    });
    expect(floor.isAvailable("u-bob", "VOICE")).toBe(false);
    clock.advanceTo(clock.start + 50 * minute);
    expect(floor.isAvailable("u-bob", "VOICE")).toBe(true);
    clock.advanceTo(clock.start + 61 * minute);
    expect(floor.get("u-bob")?.status.type).toBe("OFFLINE");
  });

  it("keeps an assigned agent busy for the call's duration, then frees the slot", () => {
    // Prepare
    const { clock, floor } = floorOf([{ username: "alice", id: "u-alice" }]);

    // Act
    const assigned = floor.assign("u-alice", {
      contactId: "c-1",
      channel: "VOICE",
      durationMs: 5 * minute,
    });

    // Assess
    expect(assigned).toBe(true);
    expect(floor.isAvailable("u-alice", "VOICE")).toBe(false);
    expect(floor.assign("u-alice", { contactId: "c-2", channel: "VOICE", durationMs: 1 })).toBe(
      false,
    );
    expect(floor.get("u-alice")?.contacts.map((c) => c.contactId)).toEqual(["c-1"]);
    expect(floor.idleSince("u-alice")).toBeUndefined();
    clock.advanceBy(5 * minute - 1);
    expect(floor.isAvailable("u-alice", "VOICE")).toBe(false);
    clock.advanceBy(1);
    expect(floor.isAvailable("u-alice", "VOICE")).toBe(true);
    expect(floor.idleSince("u-alice")).toBe(clock.start + 5 * minute);
  });

  it("lets a multi-slot agent hold several chats but no call beside them", () => {
    // Prepare
    const { floor } = floorOf([{ username: "carol", id: "u-carol", slots: { VOICE: 1, CHAT: 2 } }]);

    // Act
    floor.assign("u-carol", { contactId: "chat-1", channel: "CHAT", durationMs: minute });

    // Assess
    expect(floor.get("u-carol")?.availableSlots).toMatchObject({ CHAT: 1, VOICE: 0 });
    expect(floor.isAvailable("u-carol", "CHAT")).toBe(true);
    expect(floor.isAvailable("u-carol", "VOICE")).toBe(false);
  });

  it("holds a status chosen during a call as the next status until the call ends", () => {
    // Prepare
    const { clock, floor } = floorOf([
      {
        username: "dan",
        id: "u-dan",
        schedule: [
          { at: 0, status: "Available" },
          { at: minute, status: "Lunch" },
        ],
      },
    ]);
    floor.assign("u-dan", { contactId: "c-1", channel: "VOICE", durationMs: 3 * minute });

    // Act
    clock.advanceBy(2 * minute);

    // Assess
    expect(floor.get("u-dan")).toMatchObject({
      status: { name: "Available" },
      nextStatus: "Lunch",
    });
    clock.advanceBy(minute);
    expect(floor.get("u-dan")).toMatchObject({
      status: { name: "Lunch", since: clock.start + 3 * minute },
      nextStatus: undefined,
    });
    expect(floor.isAvailable("u-dan", "VOICE")).toBe(false);
  });

  it("emits agent event stream records for logins, calls, status changes and logouts", () => {
    // Prepare
    const { clock, floor } = floorOf([
      {
        username: "erin",
        id: "u-erin",
        schedule: [
          { at: minute, status: "Available" },
          { at: 10 * minute, status: "Offline" },
        ],
      },
    ]);
    const events = recorded(floor);

    // Act
    clock.advanceBy(minute);
    floor.assign("u-erin", { contactId: "c-1", channel: "VOICE", durationMs: 2 * minute });
    clock.advanceBy(20 * minute);

    // Assess
    expect(events.map((e) => [e.EventType, e.EventTimestamp])).toEqual([
      ["LOGIN", new Date(clock.start + minute).toISOString()],
      ["STATE_CHANGE", new Date(clock.start + minute).toISOString()],
      ["STATE_CHANGE", new Date(clock.start + 3 * minute).toISOString()],
      ["LOGOUT", new Date(clock.start + 10 * minute).toISOString()],
    ]);
    const onCall = events[1];
    expect(onCall?.AgentARN).toBe(floor.get("u-erin")?.agentArn);
    expect(onCall?.CurrentAgentSnapshot.AgentStatus).toMatchObject({
      Name: "Available",
      Type: "ROUTABLE",
    });
    expect(onCall?.CurrentAgentSnapshot.Configuration.RoutingProfile.Concurrency).toEqual([
      { Channel: "VOICE", AvailableSlots: 0, MaximumSlots: 1 },
    ]);
    expect(onCall?.CurrentAgentSnapshot.Contacts.map((c) => c.ContactId)).toEqual(["c-1"]);
    expect(onCall?.PreviousAgentSnapshot?.Contacts).toEqual([]);
    expect(events[3]?.CurrentAgentSnapshot.AgentStatus.Type).toBe("OFFLINE");
  });

  it("sends a heartbeat every 120 simulated seconds without other events, none when logged out", () => {
    // Prepare
    const { clock, floor } = floorOf(
      [
        { username: "fay", id: "u-fay" },
        {
          username: "gus",
          id: "u-gus",
          schedule: [
            { at: 0, status: "Available" },
            { at: 5 * minute, status: "Offline" },
          ],
        },
      ],
      120_000,
    );
    const events = recorded(floor);

    // Act
    clock.advanceBy(3 * minute);
    floor.assign("u-fay", { contactId: "c-1", channel: "VOICE", durationMs: 10 * minute });
    clock.advanceBy(4 * minute);

    // Assess
    const at = (ms: number) => new Date(clock.start + ms).toISOString();
    expect(
      events.map((e) => [
        e.EventType,
        e.CurrentAgentSnapshot.Configuration.Username,
        e.EventTimestamp,
      ]),
    ).toEqual([
      ["HEART_BEAT", "fay", at(2 * minute)],
      ["HEART_BEAT", "gus", at(2 * minute)],
      ["STATE_CHANGE", "fay", at(3 * minute)],
      ["HEART_BEAT", "gus", at(4 * minute)],
      ["LOGOUT", "gus", at(5 * minute)],
      ["HEART_BEAT", "fay", at(5 * minute)],
      ["HEART_BEAT", "fay", at(7 * minute)],
    ]);
    expect(events[0]?.PreviousAgentSnapshot).toBeNull();
  });

  it("keeps the agent busy in after-contact work after the call, the contact ENDED on the stream", () => {
    // Prepare
    const { clock, floor } = floorOf([{ username: "alice", id: "u-alice" }]);
    const events = recorded(floor);

    // Act
    floor.assign("u-alice", {
      contactId: "c1",
      channel: "VOICE",
      durationMs: 60_000,
      afterContactWorkMs: 30_000,
    });
    clock.advanceBy(60_000);
    const wrapping = floor.get("u-alice");
    const availableInWork = floor.isAvailable("u-alice", "VOICE");
    clock.advanceBy(30_000);

    // Assess
    expect(wrapping?.contacts).toEqual([
      expect.objectContaining({
        contactId: "c1",
        state: "after-contact-work",
        talkEndsAt: clock.start + 60_000,
      }),
    ]);
    expect(wrapping?.availableSlots.VOICE).toBe(0);
    expect(availableInWork).toBe(false);
    expect(floor.isAvailable("u-alice", "VOICE")).toBe(true);
    expect(floor.idleSince("u-alice")).toBe(clock.start + 90_000);
    const states = events.map((event) => event.CurrentAgentSnapshot.Contacts.map((c) => c.State));
    expect(states).toEqual([["CONNECTED"], ["ENDED"], []]);
    expect(events.map((event) => Date.parse(event.EventTimestamp) - clock.start)).toEqual([
      0, 60_000, 90_000,
    ]);
  });

  it("starts each agent's heartbeats at their own offset, then every 120 s", () => {
    // Prepare
    const clock = new SimulatedClock();
    const floor = new AgentFloor({
      clock,
      ...location,
      agents: [{ username: "alice" }, { username: "bob" }],
      heartbeatOffsetMs: (index) => (index === 0 ? 10_000 : 70_000),
    });
    const events = recorded(floor);

    // Act
    clock.advanceBy(200_000);

    // Assess
    const beats = events.map((event) => [
      event.CurrentAgentSnapshot.Configuration.Username,
      (Date.parse(event.EventTimestamp) - clock.start) / 1000,
    ]);
    expect(beats).toEqual([
      ["alice", 10],
      ["bob", 70],
      ["alice", 130],
      ["bob", 190],
    ]);
  });

  it("ends a contact early when asked", () => {
    // Prepare
    const { floor } = floorOf([{ username: "alice", id: "u-alice" }]);
    floor.assign("u-alice", { contactId: "c-1", channel: "VOICE", durationMs: 10 * minute });

    // Act
    const ended = floor.endContact("u-alice", "c-1");

    // Assess
    expect(ended).toBe(true);
    expect(floor.isAvailable("u-alice", "VOICE")).toBe(true);
    expect(floor.endContact("u-alice", "c-1")).toBe(false);
  });

  it("refuses duplicate usernames, bad slots and unknown agents with clear errors", () => {
    // Assess
    expect(() => floorOf([{ username: "a" }, { username: "a" }])).toThrow(InvalidAgentSpecError);
    expect(() => floorOf([{ username: "a", slots: { VOICE: -1 } }])).toThrow(/slots.VOICE/);
    expect(() => floorOf([{ username: "a", schedule: [{ at: -5, status: "Available" }] }])).toThrow(
      InvalidAgentSpecError,
    );
    expect(() => floorOf([{ username: "a", routingProfileId: "rp/1" }])).toThrow(
      /routingProfileId/,
    );
    expect(() => floorOf([]).floor.setStatus("nobody", "Available")).toThrow(UnknownAgentError);
    expect(floorOf([]).floor.isAvailable("nobody", "VOICE")).toBe(false);
  });
});

describe("SimulatedClock", () => {
  it("never goes backwards", () => {
    // Prepare
    const clock = new SimulatedClock(1_000);
    clock.advanceBy(500);

    // Assess
    expect(clock.now()).toBe(1_500);
    expect(() => clock.advanceTo(1_000)).toThrow(RangeError);
    expect(() => clock.advanceBy(-1)).toThrow(RangeError);
    expect(clock.elapsed()).toBe(500);
  });
});
