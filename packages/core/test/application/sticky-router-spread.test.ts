import { describe, expect, it } from "vitest";
import { newCallerStrategies } from "../../src/domain/new-caller-strategy.js";
import type { NewCallerStrategyName } from "../../src/index.js";
import { aContact, aRouter, available, someAgents, start } from "./router-fixture.js";

function callerNumber(index: number): string {
  return `+8190${String(index).padStart(8, "0")}`;
}

describe("StickyRouter spreads new callers", () => {
  it.each(newCallerStrategies)(
    "with %s, over every agent and never mostly to the first user",
    async (strategy: NewCallerStrategyName) => {
      // Prepare
      const agents = someAgents(10);
      const { router, presence } = aRouter(agents, { strategy });
      // Everyone free and idle since the same moment: no agent is favoured by presence.
      for (const agent of agents) presence.set(agent.id, available(start));
      const counts = new Map<string, number>();

      // Act
      for (let index = 0; index < 2000; index += 1) {
        const answer = await router.route(
          aContact({ contactId: `c${index}`, customerAddress: callerNumber(index) }),
        );
        counts.set(answer.agentId, (counts.get(answer.agentId) ?? 0) + 1);
      }

      // Assess
      const mean = 2000 / agents.length;
      expect(counts.size).toBe(agents.length);
      expect(Math.max(...counts.values()) / mean).toBeLessThan(1.35);
      expect((counts.get("agent-00") ?? 0) / mean).toBeLessThan(1.35);
    },
  );

  it("with longest-idle and an idle pool of 1, sends consecutive callers to the agent idle longest as each one gets busy", async () => {
    // Prepare
    const agents = someAgents(5);
    const { router, presence, clock } = aRouter(agents, { idlePoolSize: 1 });
    agents.forEach((agent, index) => {
      presence.set(agent.id, available(start - (index + 1) * 60_000));
    });
    const offered: string[] = [];

    // Act
    for (let index = 0; index < 5; index += 1) {
      const answer = await router.route(
        aContact({ contactId: `c${index}`, customerAddress: callerNumber(index) }),
      );
      offered.push(answer.agentId);
      // The agent takes the call: no free slot any more.
      presence.set(answer.agentId, { routable: true, availableSlots: { VOICE: 0 } });
      clock.advance(1_000);
    }

    // Assess
    expect(offered).toEqual(["agent-04", "agent-03", "agent-02", "agent-01", "agent-00"]);
  });

  it("with longest-idle, spreads concurrent new callers seeing the same presence over the k agents idle longest", async () => {
    // Prepare: 20 agents, agent-19 idle longest, then agent-18, …; nobody gets busy in between,
    // as when every contact of a burst reads the same presence snapshot.
    const agents = someAgents(20);
    const { router, presence } = aRouter(agents, { idlePoolSize: 4 });
    agents.forEach((agent, index) => {
      presence.set(agent.id, available(start - (index + 1) * 60_000));
    });
    const counts = new Map<string, number>();

    // Act
    for (let index = 0; index < 400; index += 1) {
      const answer = await router.route(
        aContact({ contactId: `c${index}`, customerAddress: callerNumber(index) }),
      );
      counts.set(answer.agentId, (counts.get(answer.agentId) ?? 0) + 1);
    }

    // Assess: only the four idle longest, each close to a quarter of the callers.
    expect([...counts.keys()].sort()).toEqual(["agent-16", "agent-17", "agent-18", "agent-19"]);
    expect(Math.max(...counts.values()) / (400 / 4)).toBeLessThan(1.3);
  });

  it("with longest-idle and an idle pool of 1, sends every concurrent new caller to the agent idle longest", async () => {
    // Prepare
    const agents = someAgents(20);
    const { router, presence } = aRouter(agents, { idlePoolSize: 1 });
    agents.forEach((agent, index) => {
      presence.set(agent.id, available(start - (index + 1) * 60_000));
    });
    const offered = new Set<string>();

    // Act
    for (let index = 0; index < 50; index += 1) {
      const answer = await router.route(
        aContact({ contactId: `c${index}`, customerAddress: callerNumber(index) }),
      );
      offered.add(answer.agentId);
    }

    // Assess
    expect([...offered]).toEqual(["agent-19"]);
  });
});
