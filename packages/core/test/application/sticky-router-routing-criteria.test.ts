import { describe, expect, it } from "vitest";
import { NONE, routingCriteriaResponseKeys } from "../../src/contract/attribute-contract.js";
import { DirectoryUnavailableError } from "../../src/index.js";
import {
  aContact,
  aRouter,
  available,
  busy,
  everyoneAvailable,
  someAgents,
} from "./router-fixture.js";

describe("StickyRouter.routingCriteria", () => {
  it("prefers the returning caller's agent, then them and up to 9 available agents", async () => {
    // Prepare
    const agents = someAgents(20);
    const { router, presence } = aRouter(agents, { preferredAgentExpirySeconds: 20 });
    everyoneAvailable(presence, agents);
    presence.set("agent-05", busy);
    await router.record(aContact({ contactId: "earlier" }), "agent-03");

    // Act
    const answer = await router.routingCriteria(aContact());

    // Assess
    expect(Object.keys(answer).sort()).toEqual([...routingCriteriaResponseKeys].sort());
    if (answer.status !== "preferred") throw new Error("expected preferred criteria");
    expect(answer.agentId).toBe("agent-03");
    expect(answer.reason).toBe("returning-caller");
    const [first, second] = answer.routingCriteria.Steps;
    expect(first).toEqual({
      Expression: {
        AttributeCondition: {
          ComparisonOperator: "Match",
          MatchCriteria: { AgentsCriteria: { AgentIds: ["agent-03"] } },
        },
      },
      Expiry: { DurationInSeconds: 20 },
    });
    const widest = second?.Expression.AttributeCondition.MatchCriteria.AgentsCriteria.AgentIds;
    expect(widest).toHaveLength(10);
    expect(widest?.[0]).toBe("agent-03");
    expect(widest?.filter((id) => id === "agent-03")).toHaveLength(1);
    expect(widest).not.toContain("agent-05");
    expect(second?.Expiry).toEqual({ DurationInSeconds: 20 });
  });

  it("prefers the agent alone when presence is unknown", async () => {
    // Prepare
    const agents = someAgents(5);
    const { router, presence } = aRouter(agents);
    await router.record(aContact({ contactId: "earlier" }), "agent-01");
    presence.failWith("throttled");

    // Act
    const answer = await router.routingCriteria(aContact());

    // Assess
    expect(answer.status === "preferred" && answer.routingCriteria.Steps).toHaveLength(1);
  });

  it("with longest-idle, fills the second step with the preferred agent and the agents idle longest", async () => {
    // Prepare
    const agents = someAgents(15);
    const { router, presence } = aRouter(agents);
    agents.forEach((agent, index) => {
      presence.set(agent.id, available(index));
    });
    await router.record(aContact({ contactId: "earlier" }), "agent-00");

    // Act
    const answer = await router.routingCriteria(aContact());

    // Assess
    if (answer.status !== "preferred") throw new Error("expected preferred criteria");
    const further =
      answer.routingCriteria.Steps[1]?.Expression.AttributeCondition.MatchCriteria.AgentsCriteria
        .AgentIds;
    expect(further).toEqual(agents.slice(0, 10).map((agent) => agent.id));
  });

  it("rings the caller's ranked agents one by one, the first ring lasting the bounded wait", async () => {
    // Prepare: agent-01 served twice, agent-02 once since: agent-02, the last, rings first.
    const agents = someAgents(6);
    const { router, presence, clock } = aRouter(agents, {
      preferredAgentExpirySeconds: 20,
      preferredWaitSeconds: 45,
    });
    everyoneAvailable(presence, agents);
    await router.record(aContact({ contactId: "first" }), "agent-01");
    clock.advance(60_000);
    await router.record(aContact({ contactId: "second" }), "agent-01");
    clock.advance(60_000);
    await router.record(aContact({ contactId: "third" }), "agent-02");
    clock.advance(60_000);

    // Act
    const answer = await router.routingCriteria(aContact());

    // Assess
    if (answer.status !== "preferred") throw new Error("expected preferred criteria");
    const rings = answer.routingCriteria.Steps.map((step) => ({
      agents: step.Expression.AttributeCondition.MatchCriteria.AgentsCriteria.AgentIds,
      seconds: step.Expiry?.DurationInSeconds,
    }));
    expect(rings[0]).toEqual({ agents: ["agent-02"], seconds: 45 });
    expect(rings[1]).toEqual({ agents: ["agent-02", "agent-01"], seconds: 20 });
    expect(rings[2]?.agents.slice(0, 2)).toEqual(["agent-02", "agent-01"]);
    expect(rings[2]?.agents).toHaveLength(6);
  });

  it("sets no criteria for a new caller, so the queue routes as usual", async () => {
    // Prepare
    const { router } = aRouter(someAgents(3));

    // Act
    const answer = await router.routingCriteria(aContact());

    // Assess
    expect(answer).toEqual({
      status: "none",
      agentId: NONE,
      reason: "no-preferred-agent",
      routingCriteria: NONE,
    });
  });

  it("sets no criteria for an anonymous caller", async () => {
    const { router } = aRouter(someAgents(3));
    const answer = await router.routingCriteria(aContact({ customerAddress: "anonymous" }));
    expect(answer.status).toBe("none");
  });

  it("still prefers the stored agent while the directory is down", async () => {
    // Prepare
    const { router, directory } = aRouter(someAgents(3));
    await router.record(aContact({ contactId: "earlier" }), "agent-02");
    directory.failWith(new DirectoryUnavailableError("failed"));

    // Act
    const answer = await router.routingCriteria(aContact());

    // Assess
    expect(answer).toMatchObject({ status: "preferred", agentId: "agent-02" });
  });
});
