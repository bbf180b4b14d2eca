import { describe, expect, it } from "vitest";
import { InMemoryAgentPresence, ManualClock } from "../../src/index.js";

describe("InMemoryAgentPresence", () => {
  it("answers only for agents it knows, stamped with the clock", async () => {
    // Prepare
    const presence = new InMemoryAgentPresence(new ManualClock(5_000));
    presence.set("a1", { routable: true, availableSlots: { VOICE: 1 } });

    // Act
    const lookup = await presence.lookup(["a1", "a2"]);

    // Assess
    expect(lookup).toEqual({
      kind: "known",
      agents: new Map([["a1", { routable: true, availableSlots: { VOICE: 1 } }]]),
      observedAt: 5_000,
    });
    expect(presence.lookups).toBe(1);
    expect(presence.lookedUp).toEqual([["a1", "a2"]]);
  });

  it("answers unknown while told to fail, then recovers", async () => {
    // Prepare
    const presence = new InMemoryAgentPresence();
    presence.failWith("throttled");

    // Act
    const failed = await presence.lookup(["a1"]);
    presence.failWith(undefined);
    const healed = await presence.lookup(["a1"]);

    // Assess
    expect(failed).toEqual({ kind: "unknown", reason: "throttled" });
    expect(healed).toMatchObject({ kind: "known" });
  });
});
