import { contactFlowEvent } from "@connect-affinity/testing/fixtures";
import { defaultAgents } from "@connect-affinity/testing/handlers";
import { describe, expect, it } from "vitest";
import { InvalidEventError } from "../src/errors.js";
import { handler as record } from "../src/record.js";
import { handler as routingCriteria } from "../src/routing-criteria.js";
import { useHarness } from "./helpers/harness.js";

const [sato] = defaultAgents.map((agent) => agent.id) as [string, string, string];
const caller = "+819055556666";

const harness = useHarness();

describe("routing-criteria", () => {
  it("prefers the returning caller's agent for the configured time first", async () => {
    // Prepare
    await harness.beforeEach({ PREFERRED_AGENT_EXPIRY_SECONDS: "45" });
    await record(
      contactFlowEvent({ contactId: "c-1", address: caller, parameters: { agentId: sato } }),
    );

    // Act
    const answer = await routingCriteria(contactFlowEvent({ contactId: "c-2", address: caller }));

    // Assess
    expect(answer).toMatchObject({
      status: "preferred",
      agentId: sato,
      reason: "returning-caller",
    });
    if (answer.status !== "preferred") throw new Error("expected preferred criteria");
    expect(answer.routingCriteria.Steps[0]).toEqual({
      Expression: {
        AttributeCondition: {
          ComparisonOperator: "Match",
          MatchCriteria: { AgentsCriteria: { AgentIds: [sato] } },
        },
      },
      Expiry: { DurationInSeconds: 45 },
    });
    expect(JSON.parse(JSON.stringify(answer))).toEqual(answer);
  });

  it("names the preferred agent in the first agent slot the flow's static steps read", async () => {
    // Prepare
    await harness.beforeEach();
    await record(
      contactFlowEvent({ contactId: "c-1", address: caller, parameters: { agentId: sato } }),
    );

    // Act
    const answer = await routingCriteria(contactFlowEvent({ contactId: "c-2", address: caller }));

    // Assess
    if (answer.status !== "preferred") throw new Error("expected preferred criteria");
    // The rings widen: the last one names every agent, in slot order.
    const rings = answer.routingCriteria.Steps;
    const named =
      rings[rings.length - 1]?.Expression.AttributeCondition.MatchCriteria.AgentsCriteria
        .AgentIds ?? [];
    expect(answer.agentCount).toBe(String(named.length));
    expect(answer.ringCount).toBe(String(rings.length));
    expect(answer.agent1).toBe(sato);
    expect(named.map((_, index) => answer[`agent${index + 1}` as "agent1"])).toEqual(named);
  });

  it("answers none for a new caller, so the flow leaves routing to the queue", async () => {
    // Prepare
    await harness.beforeEach();

    // Act
    const answer = await routingCriteria(contactFlowEvent({ address: "+819099990000" }));

    // Assess
    expect(answer).toMatchObject({
      status: "none",
      agentId: "none",
      reason: "no-preferred-agent",
      routingCriteria: "none",
      agentCount: "0",
      ringCount: "0",
      agent1: "none",
    });
  });

  it("rejects a malformed event with InvalidEventError and writes nothing", async () => {
    // Prepare
    await harness.beforeEach();

    // Act
    const answer = routingCriteria({ Details: {} });

    // Assess
    await expect(answer).rejects.toBeInstanceOf(InvalidEventError);
    expect(await harness.items()).toEqual([]);
  });
});
