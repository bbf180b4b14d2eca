import { describe, expect, it } from "vitest";
import { InMemoryAgentPresence, ManualClock } from "../../src/testing/index.js";

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

  it("keeps reservations like the presence table when asked to, and none otherwise", async () => {
    // Prepare
    const clock = new ManualClock(5_000);
    const keeping = new InMemoryAgentPresence(clock, { reservations: true });
    const plain = new InMemoryAgentPresence(clock);
    for (const presence of [keeping, plain]) {
      presence.set("a1", { routable: true, availableSlots: { VOICE: 1 } });
    }

    // Act
    const first = await keeping.reserve("a1", "c1", 10_000);
    const rival = await keeping.reserve("a1", "c2", 10_000);
    const unseen = await keeping.reserve("a2", "c1", 10_000);
    const lookup = await keeping.lookup(["a1"]);
    clock.advance(5_001);
    const afterExpiry = await keeping.reserve("a1", "c2", 20_000);
    const unsupported = await plain.reserve("a1", "c1", 10_000);

    // Assess
    expect([first, rival, unseen, afterExpiry, unsupported]).toEqual([
      "reserved",
      "taken",
      "taken",
      "reserved",
      "unsupported",
    ]);
    expect(lookup.kind === "known" && lookup.agents.get("a1")).toEqual({
      routable: true,
      availableSlots: { VOICE: 1 },
      reservedUntil: 10_000,
      reservedBy: "c1",
      reservedAt: 5_000,
    });
    expect(keeping.reservations).toEqual([
      { agentId: "a1", contactId: "c1" },
      { agentId: "a1", contactId: "c2" },
    ]);
  });
});
