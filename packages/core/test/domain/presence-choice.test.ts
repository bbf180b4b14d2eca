import { describe, expect, it } from "vitest";
import { type AgentAvailability, canTakeContact, chooseAvailable } from "../../src/index.js";
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
});

describe("chooseAvailable", () => {
  const window = someAgents(4);
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
    const choice = chooseAvailable(window, presence, "VOICE", false);

    // Assess
    expect(choice).toEqual({ kind: "available", agent: window[1], inOrder: true });
  });

  it("with longest-idle, takes the agent idle longest, out of order", () => {
    const presence = new Map([
      ["agent-01", free(100)],
      ["agent-03", free(1)],
    ]);
    expect(chooseAvailable(window, presence, "VOICE", true)).toEqual({
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
    expect(chooseAvailable(window, tie, "VOICE", true)).toMatchObject({ agent: window[2] });
    expect(chooseAvailable(window, unknownIdle, "VOICE", true)).toMatchObject({
      agent: window[2],
      inOrder: true,
    });
  });

  it("reports a window where everybody is busy", () => {
    const presence = new Map([["agent-00", { routable: true, availableSlots: { VOICE: 0 } }]]);
    expect(chooseAvailable(window, presence, "VOICE", true)).toEqual({ kind: "all-busy" });
  });
});
