import { describe, expect, it } from "vitest";
import { furtherAgents, preferredAgentCriteria } from "../../src/domain/routing-criteria.js";
import type { AgentAvailability } from "../../src/index.js";
import { someAgents } from "./agents.js";

describe("preferredAgentCriteria", () => {
  it("waits for the preferred agent alone, then for them and further agents, each step expiring", () => {
    // Act
    const criteria = preferredAgentCriteria("a1", ["a2", "a3"], 30);

    // Assess
    expect(criteria).toEqual({
      Steps: [
        {
          Expression: {
            AttributeCondition: {
              ComparisonOperator: "Match",
              MatchCriteria: { AgentsCriteria: { AgentIds: ["a1"] } },
            },
          },
          Expiry: { DurationInSeconds: 30 },
        },
        {
          Expression: {
            AttributeCondition: {
              ComparisonOperator: "Match",
              MatchCriteria: { AgentsCriteria: { AgentIds: ["a1", "a2", "a3"] } },
            },
          },
          Expiry: { DurationInSeconds: 30 },
        },
      ],
    });
  });

  it("has a single step when there is nobody else", () => {
    expect(preferredAgentCriteria("a1", [], 15).Steps).toHaveLength(1);
  });

  it("widens one ranked agent a ring, the first ring lasting the wait, then adds the further agents", () => {
    // Act
    const criteria = preferredAgentCriteria(["a1", "a2", "a3"], ["b1", "a2"], 20, 45);

    // Assess
    const rings = criteria.Steps.map((step) => ({
      agents: step.Expression.AttributeCondition.MatchCriteria.AgentsCriteria.AgentIds,
      seconds: step.Expiry?.DurationInSeconds,
    }));
    expect(rings).toEqual([
      { agents: ["a1"], seconds: 45 },
      { agents: ["a1", "a2"], seconds: 20 },
      { agents: ["a1", "a2", "a3"], seconds: 20 },
      { agents: ["a1", "a2", "a3", "b1"], seconds: 20 },
    ]);
  });

  it("writes at most six rings of at most 10 agents, however many agents it is given", () => {
    // Act
    const ranked = ["r1", "r2", "r3", "r4", "r5", "r6", "r7"];
    const further = Array.from({ length: 15 }, (_, index) => `a${index}`);
    const criteria = preferredAgentCriteria(ranked, further, 30);

    // Assess
    expect(criteria.Steps).toHaveLength(6);
    const widest = criteria.Steps[5]?.Expression.AttributeCondition.MatchCriteria.AgentsCriteria;
    expect(widest?.AgentIds).toHaveLength(10);
    expect(widest?.AgentIds.slice(0, 5)).toEqual(["r1", "r2", "r3", "r4", "r5"]);
    expect(widest?.AgentIds).not.toContain("r6");
  });
});

describe("furtherAgents", () => {
  const window = someAgents(14);
  const claim = { contactId: "c-1", now: 1_000 };
  const free = (idleSince?: number): AgentAvailability => ({
    routable: true,
    availableSlots: { VOICE: 1 },
    ...(idleSince === undefined ? {} : { idleSince }),
  });

  it("keeps the agents who can take the contact, in window order, at most 10", () => {
    // Prepare
    const presence = new Map<string, AgentAvailability>(
      window.map((agent, index) => [
        agent.id,
        index === 1 ? { ...free(), routable: false } : free(),
      ]),
    );

    // Act
    const agents = furtherAgents(window, presence, "VOICE", claim, "random");

    // Assess
    expect(agents.map((agent) => agent.id)).toEqual(
      window
        .filter((_, index) => index !== 1)
        .slice(0, 10)
        .map((agent) => agent.id),
    );
  });

  it("passes over an agent another contact holds", () => {
    // Prepare
    const presence = new Map<string, AgentAvailability>([
      ["agent-00", { ...free(), reservedUntil: 5_000, reservedBy: "c-other" }],
      ["agent-01", free()],
    ]);

    // Act
    const agents = furtherAgents(window, presence, "VOICE", claim, "random");

    // Assess
    expect(agents.map((agent) => agent.id)).toEqual(["agent-01"]);
  });

  it("with longest-idle, lists the agents idle longest first, those without an idle time last", () => {
    // Prepare
    const presence = new Map<string, AgentAvailability>([
      ["agent-00", free()],
      ["agent-01", free(300)],
      ["agent-02", free(100)],
      ["agent-03", free()],
    ]);

    // Act
    const agents = furtherAgents(window, presence, "VOICE", claim, "longest-idle");

    // Assess
    expect(agents.map((agent) => agent.id)).toEqual([
      "agent-02",
      "agent-01",
      "agent-00",
      "agent-03",
    ]);
  });
});
