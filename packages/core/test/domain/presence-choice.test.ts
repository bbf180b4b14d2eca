import { describe, expect, it } from "vitest";
import {
  type AvailableChoiceRule,
  canTakeContact,
  chooseAvailable,
  preferredAgentVerdict,
} from "../../src/domain/presence-choice.js";
import type { AgentAvailability } from "../../src/index.js";
import { someAgents } from "./agents.js";

describe("canTakeContact", () => {
  it("accepts a routable agent with a free slot on the contact's channel", () => {
    expect(canTakeContact({ routable: true, availableSlots: { VOICE: 1 } }, "VOICE")).toBe(true);
  });

  it.each<[string, AgentAvailability | undefined]>([
    ["unknown to the presence source", undefined],
    ["not routable", { routable: false, availableSlots: { VOICE: 1 } }],
    ["without a slot on this channel", { routable: true, availableSlots: { CHAT: 2 } }],
    ["with zero slots", { routable: true, availableSlots: { VOICE: 0 } }],
  ])("refuses an agent %s", (_, availability) => {
    expect(canTakeContact(availability, "VOICE")).toBe(false);
  });

  it("refuses an agent another contact has reserved, until the reservation ends", () => {
    // Prepare
    const held: AgentAvailability = {
      routable: true,
      availableSlots: { VOICE: 1 },
      reservedUntil: 5_000,
      reservedBy: "c-1",
    };

    // Act
    const forRival = canTakeContact(held, "VOICE", { contactId: "c-2", now: 4_999 });
    const forHolder = canTakeContact(held, "VOICE", { contactId: "c-1", now: 4_999 });
    const afterExpiry = canTakeContact(held, "VOICE", { contactId: "c-2", now: 5_000 });

    // Assess
    expect([forRival, forHolder, afterExpiry]).toEqual([false, true, true]);
  });

  it("accepts an agent idle again since another contact reserved them: they served it already", () => {
    // Prepare
    const servedAndIdle: AgentAvailability = {
      routable: true,
      availableSlots: { VOICE: 1 },
      idleSince: 3_000,
      reservedUntil: 5_000,
      reservedBy: "c-1",
      reservedAt: 1_000,
    };

    // Act
    const forRival = canTakeContact(servedAndIdle, "VOICE", { contactId: "c-2", now: 4_000 });

    // Assess
    expect(forRival).toBe(true);
  });
});

describe("chooseAvailable", () => {
  const window = someAgents(4);
  const inOrder: AvailableChoiceRule = { kind: "in-order" };
  const longestIdle: AvailableChoiceRule = { kind: "longest-idle", poolSize: 1, seed: 7 };
  const free = (idleSince?: number): AgentAvailability => ({
    routable: true,
    availableSlots: { VOICE: 1 },
    ...(idleSince === undefined ? {} : { idleSince }),
  });

  it("takes the first candidate in order who can take the contact", () => {
    // Prepare
    const presence = new Map([
      ["agent-01", free(100)],
      ["agent-03", free(1)],
    ]);

    // Act
    const choice = chooseAvailable(window, presence, "VOICE", inOrder);

    // Assess
    expect(choice).toEqual({ kind: "available", agent: window[1], inOrder: true });
  });

  it("with longest-idle and a pool of 1, takes the agent idle longest, out of order", () => {
    const presence = new Map([
      ["agent-01", free(100)],
      ["agent-03", free(1)],
    ]);
    expect(chooseAvailable(window, presence, "VOICE", longestIdle)).toEqual({
      kind: "available",
      agent: window[3],
      inOrder: false,
    });
  });

  it("with longest-idle, keeps candidate order on a tie and when idle time is unknown", () => {
    const tie = new Map([
      ["agent-02", free(5)],
      ["agent-03", free(5)],
    ]);
    const unknownIdle = new Map([
      ["agent-02", free()],
      ["agent-03", free()],
    ]);
    expect(chooseAvailable(window, tie, "VOICE", longestIdle)).toMatchObject({ agent: window[2] });
    expect(chooseAvailable(window, unknownIdle, "VOICE", longestIdle)).toMatchObject({
      agent: window[2],
      inOrder: true,
    });
  });

  it("reports a window where everybody is busy", () => {
    const presence = new Map([["agent-00", { routable: true, availableSlots: { VOICE: 0 } }]]);
    expect(chooseAvailable(window, presence, "VOICE", longestIdle)).toEqual({ kind: "all-busy" });
  });

  it("with a pool of k, picks only among the k available agents idle longest", () => {
    // Prepare: ten agents, idle longest in reverse order; agent-09 and agent-07 are busy.
    const agents = someAgents(10);
    const presence = new Map<string, AgentAvailability>(
      agents.map((agent, index) => [agent.id, free(1_000 - index)]),
    );
    presence.set("agent-09", { routable: true, availableSlots: { VOICE: 0 }, idleSince: 1 });
    presence.set("agent-07", { routable: false, availableSlots: { VOICE: 1 }, idleSince: 2 });
    const picked = new Map<string, number>();

    // Act
    for (let seed = 0; seed < 600; seed += 1) {
      const choice = chooseAvailable(agents, presence, "VOICE", {
        kind: "longest-idle",
        poolSize: 3,
        seed: seed * 7_919_093,
      });
      if (choice.kind !== "available") throw new Error("expected an available agent");
      picked.set(choice.agent.id, (picked.get(choice.agent.id) ?? 0) + 1);
    }

    // Assess: the three idle longest who can take a call, each about a third of the time.
    expect([...picked.keys()].sort()).toEqual(["agent-05", "agent-06", "agent-08"]);
    for (const count of picked.values()) expect(count).toBeGreaterThan(150);
  });

  it("with a pool of k, gives the same contact (seed) the same agent every time", () => {
    const presence = new Map(window.map((agent, index) => [agent.id, free(100 - index)]));
    const rule: AvailableChoiceRule = { kind: "longest-idle", poolSize: 4, seed: 123_456_789 };
    const first = chooseAvailable(window, presence, "VOICE", rule);
    expect(chooseAvailable(window, presence, "VOICE", rule)).toEqual(first);
  });

  it("with a pool of k, fills the pool with agents of unknown idle time in candidate order", () => {
    // Prepare: only agent-03 reports an idle time; the pool of 2 is agent-03, then agent-00.
    const presence = new Map([
      ["agent-00", free()],
      ["agent-01", free()],
      ["agent-03", free(50)],
    ]);
    const picked = new Set<string>();

    // Act
    for (let seed = 0; seed < 100; seed += 1) {
      const choice = chooseAvailable(window, presence, "VOICE", {
        kind: "longest-idle",
        poolSize: 2,
        seed: seed * 104_729,
      });
      if (choice.kind === "available") picked.add(`${choice.agent.id}:${choice.inOrder}`);
    }

    // Assess: agent-00 is the first available in order; agent-03 is taken out of order.
    expect([...picked].sort()).toEqual(["agent-00:true", "agent-03:false"]);
  });

  it("refuses a pool size that is not a positive integer", () => {
    const presence = new Map([["agent-00", free(1)]]);
    expect(() =>
      chooseAvailable(window, presence, "VOICE", { kind: "longest-idle", poolSize: 0, seed: 1 }),
    ).toThrow(RangeError);
  });
});

describe("preferredAgentVerdict (a returning caller's agent, by their presence reading)", () => {
  const claim = { contactId: "c-2", now: 1_000 };
  const free: AgentAvailability = { routable: true, availableSlots: { VOICE: 1 } };
  const onCall: AgentAvailability = { routable: true, availableSlots: { VOICE: 0 } };
  const heldByAnother: AgentAvailability = {
    ...free,
    reservedUntil: 5_000,
    reservedBy: "c-1",
  };
  const onBreak: AgentAvailability = { routable: false, availableSlots: { VOICE: 1 } };
  const verdict = (reading: AgentAvailability | undefined, trusted: boolean, wait: boolean) =>
    preferredAgentVerdict(reading, { trusted, channel: "VOICE", claim, waitForPreferred: wait });

  it("offers an agent whose reading is not to be trusted unverified, whatever it says", () => {
    expect([verdict(free, false, true), verdict(onBreak, false, false)]).toEqual([
      "unverified",
      "unverified",
    ]);
  });

  it("reserves a free agent, wait or not", () => {
    expect([verdict(free, true, true), verdict(free, true, false)]).toEqual(["reserve", "reserve"]);
  });

  it("counts an agent on a call or held by another contact as busy: waited for with the wait on, passed over without", () => {
    expect([
      verdict(onCall, true, true),
      verdict(heldByAnother, true, true),
      verdict(onCall, true, false),
      verdict(heldByAnother, true, false),
    ]).toEqual(["busy", "busy", "pass", "pass"]);
  });

  it("never waits for an agent who is not routable (a break) or whom the reading does not list", () => {
    expect([verdict(onBreak, true, true), verdict(undefined, true, true)]).toEqual([
      "pass",
      "pass",
    ]);
  });
});
