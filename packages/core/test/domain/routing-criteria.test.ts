import { describe, expect, it } from "vitest";
import { preferredAgentCriteria } from "../../src/domain/routing-criteria.js";

describe("preferredAgentCriteria", () => {
  it("waits for the preferred agent alone, then for further agents, each step expiring", () => {
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
              MatchCriteria: { AgentsCriteria: { AgentIds: ["a2", "a3"] } },
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

  it("names at most 10 further agents and never the preferred one twice", () => {
    // Act
    const ids = Array.from({ length: 15 }, (_, index) => `a${index}`);
    const criteria = preferredAgentCriteria("a1", ids, 30);

    // Assess
    const further = criteria.Steps[1]?.Expression.AttributeCondition.MatchCriteria.AgentsCriteria;
    expect(further?.AgentIds).toHaveLength(10);
    expect(further?.AgentIds).not.toContain("a1");
  });
});
