import { describe, expect, it } from "vitest";
import { type AgentPresence, type PresenceLookup, StickyRouter } from "../../src/index.js";
import type { InMemoryAgentPresence } from "../../src/testing/index.js";
import { aContact, aRouter, available, busy, someAgents, start } from "./router-fixture.js";

function callerNumber(index: number): string {
  return `+8190${String(index).padStart(8, "0")}`;
}

/**
 * Presence as concurrent routes see it: every lookup answers the snapshot taken before any of
 * them reserved, while reservations go to the live source.
 */
async function frozenSnapshotOf(
  live: InMemoryAgentPresence,
  agentIds: readonly string[],
): Promise<AgentPresence> {
  const snapshot: PresenceLookup = await live.lookup(agentIds);
  return {
    lookup: async () => snapshot,
    reserve: (agentId, contactId, untilMs) => live.reserve(agentId, contactId, untilMs),
  };
}

describe("StickyRouter reserves the agent it offers", () => {
  it("offers different agents to concurrent new callers who read the same presence snapshot", async () => {
    // Prepare
    const agents = someAgents(10);
    const fixture = aRouter(agents, {}, { reservations: true });
    // Everyone idle since the same moment: the longest-idle pool is the same for every contact.
    for (const agent of agents) fixture.presence.set(agent.id, available(start));
    const presence = await frozenSnapshotOf(
      fixture.presence,
      agents.map((agent) => agent.id),
    );
    const router = new StickyRouter(
      { ...fixture, presence, contacts: fixture.store },
      { idlePoolSize: 1 },
    );

    // Act
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, index) =>
        router.route(aContact({ contactId: `c${index}`, customerAddress: callerNumber(index) })),
      ),
    );

    // Assess
    const offered = answers.map((answer) => answer.agentId);
    expect(answers.every((answer) => answer.status === "agent")).toBe(true);
    expect(answers.every((answer) => answer.presence === "verified")).toBe(true);
    expect(new Set(offered).size).toBe(5);
    expect(fixture.presence.reservations.map((held) => held.agentId)).toEqual(offered);
  });

  it("passes over an agent another contact has reserved, and reserves again once it expires", async () => {
    // Prepare
    const agents = someAgents(3);
    const { router, presence, clock } = aRouter(
      agents,
      { reservationSeconds: 5 },
      { reservations: true },
    );
    presence.set("agent-00", busy);
    presence.set("agent-01", available(start - 60_000));
    presence.set("agent-02", available(start));
    const first = await router.route(
      aContact({ contactId: "c1", customerAddress: callerNumber(1) }),
    );

    // Act
    const whileHeld = await router.route(
      aContact({ contactId: "c2", customerAddress: callerNumber(2) }),
    );
    clock.advance(5_001);
    presence.set("agent-02", busy);
    const afterExpiry = await router.route(
      aContact({ contactId: "c3", customerAddress: callerNumber(3) }),
    );

    // Assess
    expect([first.agentId, whileHeld.agentId].sort()).toEqual(["agent-01", "agent-02"]);
    expect(afterExpiry).toMatchObject({ status: "agent", agentId: "agent-01" });
    expect(presence.reservations.map((held) => held.contactId)).toEqual(["c1", "c2", "c3"]);
  });

  it("offers an agent another contact holds when every free agent is held, rather than nobody", async () => {
    // Prepare
    const agents = someAgents(2);
    const { router, presence } = aRouter(agents, {}, { reservations: true });
    presence.set("agent-00", busy);
    presence.set("agent-01", available(start));
    await presence.reserve("agent-01", "c1", start + 5_000);

    // Act
    const answer = await router.route(
      aContact({ contactId: "c2", customerAddress: callerNumber(2) }),
    );

    // Assess
    expect(answer).toMatchObject({ status: "agent", agentId: "agent-01", presence: "verified" });
    expect(presence.reservations).toEqual([{ agentId: "agent-01", contactId: "c1" }]);
  });

  it("offers an agent who served their reserved contact and is idle again before the reservation ends", async () => {
    // Prepare
    const agents = someAgents(1);
    const { router, presence, clock } = aRouter(agents, {}, { reservations: true });
    presence.set("agent-00", available(start - 60_000));
    const first = await router.route(
      aContact({ contactId: "c1", customerAddress: callerNumber(1) }),
    );
    clock.advance(2_000);
    // A short call: agent-00 took c1 and is idle again.
    presence.set("agent-00", {
      ...available(clock.now()),
      reservedUntil: start + 5_000,
      reservedBy: "c1",
      reservedAt: start,
    });

    // Act
    const second = await router.route(
      aContact({ contactId: "c2", customerAddress: callerNumber(2) }),
    );

    // Assess
    expect(first.agentId).toBe("agent-00");
    expect(second).toMatchObject({ status: "agent", agentId: "agent-00", presence: "verified" });
  });

  it("counts a returning caller's agent held by a new caller as busy and, without a wait, offers the next candidate", async () => {
    // Prepare
    const agents = someAgents(3);
    const { router, presence } = aRouter(agents, {}, { reservations: true });
    for (const agent of agents) presence.set(agent.id, available(start));
    await router.record(aContact({ contactId: "earlier" }), "agent-02");
    await presence.reserve("agent-02", "new-caller", start + 5_000);

    // Act
    const answer = await router.route(aContact({ contactId: "returning" }));

    // Assess
    expect(answer).toMatchObject({
      status: "agent",
      reason: "preferred-agent-busy",
      presence: "verified",
    });
    expect(answer.agentId).not.toBe("agent-02");
  });

  it("with the bounded wait on, answers a returning caller's held agent as busy, for the flow to wait for them", async () => {
    // Prepare
    const agents = someAgents(3);
    const { router, presence } = aRouter(
      agents,
      { preferredWaitSeconds: 30 },
      { reservations: true },
    );
    for (const agent of agents) presence.set(agent.id, available(start));
    await router.record(aContact({ contactId: "earlier" }), "agent-02");
    await presence.reserve("agent-02", "new-caller", start + 5_000);

    // Act
    const answer = await router.route(aContact({ contactId: "returning" }));

    // Assess
    expect(answer).toMatchObject({
      status: "agent",
      agentId: "agent-02",
      reason: "returning-caller",
      presence: "busy",
    });
    // The new caller keeps their reservation: waiting takes nothing from them.
    expect(presence.reservations.filter((held) => held.agentId === "agent-02")).toEqual([
      { agentId: "agent-02", contactId: "new-caller" },
    ]);
  });

  it("offers a returning caller's agent whose presence reading is stale unverified", async () => {
    // Prepare
    const agents = someAgents(3);
    const { router, presence } = aRouter(agents, {}, { reservations: true });
    for (const agent of agents) presence.set(agent.id, available(start));
    await router.record(aContact({ contactId: "earlier" }), "agent-02");
    presence.markStale("agent-02");

    // Act
    const answer = await router.route(aContact({ contactId: "returning" }));

    // Assess
    expect(answer).toMatchObject({
      agentId: "agent-02",
      reason: "returning-caller",
      presence: "unverified",
    });
  });

  it("sends a new caller past an agent a returning caller holds", async () => {
    // Prepare
    const agents = someAgents(2);
    const { router, presence } = aRouter(agents, {}, { reservations: true });
    presence.set("agent-00", available(start));
    presence.set("agent-01", available(start));
    await presence.reserve("agent-00", "returning", start + 5_000);

    // Act
    const answer = await router.route(
      aContact({ contactId: "new", customerAddress: callerNumber(9) }),
    );

    // Assess
    expect(answer).toMatchObject({ status: "agent", agentId: "agent-01", reason: "new-caller" });
  });

  it("still offers the agent, and reports it, when the reservation fails", async () => {
    // Prepare
    const agents = someAgents(2);
    const { router, presence, degradations } = aRouter(agents, {}, { reservations: true });
    presence.set("agent-00", available(start));
    presence.set("agent-01", available(start));
    presence.failReservationsWith(new Error("ProvisionedThroughputExceededException"));

    // Act
    const answer = await router.route(aContact());

    // Assess
    expect(answer).toMatchObject({ status: "agent", presence: "verified" });
    expect(degradations).toEqual([
      expect.objectContaining({ component: "presence", reason: "agent reservation failed" }),
    ]);
  });

  it("reserves nobody with reservationSeconds 0", async () => {
    // Prepare
    const agents = someAgents(2);
    const { router, presence } = aRouter(agents, { reservationSeconds: 0 }, { reservations: true });
    presence.set("agent-00", available(start));
    presence.set("agent-01", available(start));

    // Act
    const answer = await router.route(aContact());

    // Assess
    expect(answer.status).toBe("agent");
    expect(presence.reservations).toEqual([]);
  });
});
