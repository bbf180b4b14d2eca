import {
  type AgentEventOverrides,
  agentEvent,
  stateChangeFixture,
} from "@connect-affinity/testing/fixtures";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AgentEvent,
  parseAgentEvent,
  reduceAgentEvent,
  reduceAgentEvents,
} from "../../src/agent-events/index.js";

function eventOf(overrides: AgentEventOverrides = {}): AgentEvent {
  const parsed = parseAgentEvent(agentEvent(overrides));
  if (parsed.kind !== "event") throw new Error(parsed.problem);
  return parsed.event;
}

describe("parseAgentEvent", () => {
  it("reads the documented STATE_CHANGE shape", () => {
    // Act
    const parsed = parseAgentEvent(stateChangeFixture());

    // Assess
    expect(parsed).toEqual({
      kind: "event",
      event: {
        eventType: "STATE_CHANGE",
        eventId: "7c9a2e4b-1f0d-4a55-9a0e-3d1c6f2b8e11",
        agentId: "0c245dc0-0cf5-4e37-800e-2a7481cc8a60",
        agentArn:
          "arn:aws:connect:eu-west-2:111122223333:instance/40c83b68-ea62-414c-97bb-d018e39e158e/agent/0c245dc0-0cf5-4e37-800e-2a7481cc8a60",
        at: Date.parse("2026-11-24T18:00:05.000Z"),
        current: {
          statusName: "Available",
          statusStartAt: Date.parse("2026-11-24T17:30:00.000Z"),
          slots: { CHAT: { available: 3, maximum: 3 }, VOICE: { available: 1, maximum: 1 } },
          contactCount: 0,
          routingProfileId: "basic",
          hierarchyGroupIds: [],
        },
        previousHadContacts: true,
        previous: {
          statusName: "Available",
          statusStartAt: Date.parse("2026-11-24T17:30:00.000Z"),
          slots: { CHAT: { available: 3, maximum: 3 }, VOICE: { available: 0, maximum: 1 } },
          contactCount: 1,
          hierarchyGroupIds: [],
        },
      },
    });
  });

  it("reads the channel TASKS as TASK and skips channels it does not know", () => {
    // Prepare
    const record = stateChangeFixture();
    const { CurrentAgentSnapshot } = record;
    const snapshot = CurrentAgentSnapshot as {
      Configuration: { RoutingProfile: { Concurrency: unknown[] } };
    };
    snapshot.Configuration.RoutingProfile.Concurrency = [
      { Channel: "TASKS", AvailableSlots: 5, MaximumSlots: 10 },
      { Channel: "CARRIER_PIGEON", AvailableSlots: 1, MaximumSlots: 1 },
    ];

    // Act
    const parsed = parseAgentEvent(record);

    // Assess
    expect(parsed.kind === "event" && parsed.event.current?.slots).toEqual({
      TASK: { available: 5, maximum: 10 },
    });
  });

  it.each([
    ["a string", "not json", /not a JSON object/],
    ["an unknown event type", { ...agentEvent(), EventType: "COFFEE_BREAK" }, /EventType/],
    ["a user ARN", { ...agentEvent(), AgentARN: "arn:aws:s3:::bucket" }, /AgentARN/],
    ["a bad timestamp", { ...agentEvent(), EventTimestamp: "yesterday" }, /EventTimestamp/],
    [
      "a state change without snapshot",
      { ...agentEvent(), CurrentAgentSnapshot: null },
      /without CurrentAgentSnapshot/,
    ],
  ])("refuses %s with the reason", (_, record, problem) => {
    // Act
    const parsed = parseAgentEvent(record);

    // Assess
    expect(parsed.kind).toBe("invalid");
    expect(parsed.kind === "invalid" && parsed.problem).toMatch(problem);
  });

  it("accepts a LOGOUT without a snapshot", () => {
    // Act
    const parsed = parseAgentEvent({
      ...agentEvent({ eventType: "LOGOUT" }),
      CurrentAgentSnapshot: null,
    });

    // Assess
    expect(parsed.kind === "event" && parsed.event.current).toBeUndefined();
  });
});

describe("reduceAgentEvent", () => {
  it("makes an Available agent with no contact routable with their free slots, idle since the status start", () => {
    // Act
    const state = reduceAgentEvent(undefined, eventOf({ statusStart: "2026-11-24T17:00:00.000Z" }));

    // Assess
    expect(state).toMatchObject({
      routable: true,
      availableSlots: { VOICE: 1, CHAT: 2 },
      idle: { since: Date.parse("2026-11-24T17:00:00.000Z"), basis: "status-start" },
      statusName: "Available",
    });
  });

  it("marks the moment a contact left as the start of idleness", () => {
    // Act
    const state = reduceAgentEvent(
      undefined,
      eventOf({ at: "2026-11-24T18:10:00.000Z", previousContacts: 1 }),
    );

    // Assess
    expect(state.idle).toEqual({
      since: Date.parse("2026-11-24T18:10:00.000Z"),
      basis: "observed",
    });
  });

  it("keeps an agent on a call routable but not idle, with no free voice slot", () => {
    // Act
    const state = reduceAgentEvent(undefined, eventOf({ contacts: 1 }));

    // Assess
    expect(state.routable).toBe(true);
    expect(state.availableSlots.VOICE).toBe(0);
    expect(state.idle).toBeUndefined();
  });

  it("does not route to an agent with a next status pending", () => {
    // Act
    const state = reduceAgentEvent(undefined, eventOf({ contacts: 1, nextStatusName: "Lunch" }));

    // Assess
    expect(state.routable).toBe(false);
  });

  it("lets the status type decide over the name when the stream carries it", () => {
    // Act
    const custom = reduceAgentEvent(
      undefined,
      eventOf({ statusName: "Ready", statusType: "ROUTABLE" }),
    );
    const offline = reduceAgentEvent(
      undefined,
      eventOf({ statusName: "Available", statusType: "OFFLINE" }),
    );

    // Assess
    expect(custom.routable).toBe(true);
    expect(offline.routable).toBe(false);
  });

  it("accepts custom routable status names when there is no type", () => {
    // Act
    const state = reduceAgentEvent(undefined, eventOf({ statusName: "Ready" }), {
      routableStatusNames: ["Ready"],
    });

    // Assess
    expect(state.routable).toBe(true);
  });

  it("takes a logged-out agent out of routing", () => {
    // Act
    const state = reduceAgentEvent(undefined, eventOf({ eventType: "LOGOUT" }));

    // Assess
    expect(state).toMatchObject({ routable: false, availableSlots: {}, eventType: "LOGOUT" });
  });

  it("ignores an event older than the state it would replace", () => {
    // Prepare
    const newer = reduceAgentEvent(
      undefined,
      eventOf({ at: "2026-11-24T18:05:00.000Z", contacts: 1 }),
    );

    // Act
    const after = reduceAgentEvent(newer, eventOf({ at: "2026-11-24T18:00:00.000Z" }));

    // Assess
    expect(after).toBe(newer);
  });

  it("folds a batch into the last state of each agent, keeping idleness across heartbeats", () => {
    // Prepare
    const events = [
      eventOf({ agentId: "a-1", at: "2026-11-24T18:00:00.000Z", contacts: 1 }),
      eventOf({ agentId: "b-2", at: "2026-11-24T18:00:01.000Z" }),
      eventOf({ agentId: "a-1", at: "2026-11-24T18:03:00.000Z", previousContacts: 1 }),
      eventOf({ agentId: "a-1", at: "2026-11-24T18:05:00.000Z", eventType: "HEART_BEAT" }),
    ];

    // Act
    const states = reduceAgentEvents(events);

    // Assess
    expect(states.map((state) => state.agentId)).toEqual(["a-1", "b-2"]);
    expect(states[0]).toMatchObject({
      eventType: "HEART_BEAT",
      eventAt: Date.parse("2026-11-24T18:05:00.000Z"),
      idle: { since: Date.parse("2026-11-24T18:03:00.000Z"), basis: "observed" },
    });
  });

  it("ends, whatever order the events arrive in, with the newest event's routing state", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 86_399_000 }), { minLength: 1, maxLength: 12 }),
        fc.array(
          fc.record({
            contacts: fc.integer({ min: 0, max: 2 }),
            statusName: fc.constantFrom("Available", "Break", "Lunch"),
            eventType: fc.constantFrom("STATE_CHANGE", "HEART_BEAT", "LOGOUT", "LOGIN" as const),
          }),
          { minLength: 12, maxLength: 12 },
        ),
        (offsets, shapes) => {
          // Prepare
          const events = offsets.map((offset, index) =>
            eventOf({
              at: new Date(Date.parse("2026-11-24T00:00:00.000Z") + offset).toISOString(),
              ...shapes[index],
            }),
          );
          const newest = events.reduce((latest, event) => (event.at > latest.at ? event : latest));

          // Act
          const [state] = reduceAgentEvents(events);
          const alone = reduceAgentEvent(undefined, newest);

          // Assess
          expect(state?.eventAt).toBe(newest.at);
          expect(state?.routable).toBe(alone.routable);
          expect(state?.availableSlots).toEqual(alone.availableSlots);
          expect(state?.idle === undefined).toBe(alone.idle === undefined);
        },
      ),
    );
  });
});

describe("what an event says about the directory and about routing", () => {
  it("reads the routing profile and the hierarchy groups from the snapshot", () => {
    // Act
    const event = eventOf({ routingProfileId: "rp-sales", hierarchyGroupIds: ["emea", "uk"] });

    // Assess
    expect(event.current).toMatchObject({
      routingProfileId: "rp-sales",
      hierarchyGroupIds: ["emea", "uk"],
    });
  });

  it("lists an agent by the directory filter, and everyone without one", () => {
    // Prepare
    const sales = eventOf({ routingProfileId: "rp-sales" });
    const filter = { routingProfileIds: ["rp-sales"] };

    // Act
    const unfiltered = reduceAgentEvent(undefined, eventOf({ routingProfileId: "rp-other" }));
    const listed = reduceAgentEvent(undefined, sales, { filter });
    const unlisted = reduceAgentEvent(undefined, eventOf({ routingProfileId: "rp-other" }), {
      filter,
    });

    // Assess
    expect(unfiltered.listed).toBe(true);
    expect(listed.listed).toBe(true);
    expect(unlisted.listed).toBe(false);
  });

  it("leaves listed unknown for a logout without a snapshot under a routing-profile filter", () => {
    // Prepare
    const parsed = parseAgentEvent({
      ...agentEvent({ eventType: "LOGOUT" }),
      CurrentAgentSnapshot: null,
    });
    if (parsed.kind !== "event") throw new Error(parsed.problem);

    // Act
    const state = reduceAgentEvent(undefined, parsed.event, {
      filter: { routingProfileIds: ["rp-sales"] },
    });

    // Assess
    expect(state.listed).toBeUndefined();
    expect(state.routingChange).toBe(true);
  });

  it("says a heartbeat, and a change that routes the same, change nothing routing reads", () => {
    // Act
    const heartbeat = reduceAgentEvent(undefined, eventOf({ eventType: "HEART_BEAT" }));
    // A call moving to after-contact work: busy before and after, the same free slots.
    const afterContactWork = reduceAgentEvent(
      undefined,
      eventOf({ contacts: 1, previousContacts: 1, previousVoiceSlots: 0 }),
    );
    // One status the agent cannot take calls in to another.
    const breakToLunch = reduceAgentEvent(
      undefined,
      eventOf({ statusName: "Lunch", previousContacts: 0, voiceSlots: 1 }),
    );

    // Assess
    expect(heartbeat.routingChange).toBe(false);
    expect(afterContactWork.routingChange).toBe(false);
    expect(breakToLunch.routingChange).toBe(false);
  });

  it("says a call reaching the agent, or one ending, changes routing, and keeps it for the batch", () => {
    // Prepare
    const connected = eventOf({ at: "2026-11-24T18:00:00.000Z", contacts: 1 });
    const heartbeat = eventOf({
      at: "2026-11-24T18:02:00.000Z",
      eventType: "HEART_BEAT",
      contacts: 1,
    });

    // Act
    const [state] = reduceAgentEvents([connected, heartbeat]);
    const ended = reduceAgentEvent(
      undefined,
      eventOf({ previousContacts: 1, previousVoiceSlots: 0 }),
    );

    // Assess
    expect(reduceAgentEvent(undefined, connected).routingChange).toBe(true);
    expect(state?.routingChange).toBe(true);
    expect(ended.routingChange).toBe(true);
  });
});
