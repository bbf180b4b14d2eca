import { describe, expect, it } from "vitest";
import {
  NONE,
  type RoutingCriteriaResponse,
  routingCriteriaAgentSlots,
  routingCriteriaRingSlots,
  routingCriteriaSlotKeys,
  routingCriteriaSlots,
} from "../../src/contract/attribute-contract.js";
import { preferredAgentCriteria } from "../../src/domain/routing-criteria.js";

const preferred = (further: readonly string[]): RoutingCriteriaResponse => ({
  status: "preferred",
  agentId: "agent-a",
  reason: "returning-caller",
  routingCriteria: preferredAgentCriteria("agent-a", further, 30),
});

describe("the routing-criteria answer's agent slots", () => {
  it("names the preferred agent first and the second step's agents after it, in order", () => {
    const slots = routingCriteriaSlots(preferred(["agent-b", "agent-c"]));
    expect(slots.agentCount).toBe("3");
    expect(slots.ringCount).toBe("2");
    expect([slots.agent1, slots.agent2, slots.agent3]).toEqual(["agent-a", "agent-b", "agent-c"]);
  });

  it("fills every unused slot with the none sentinel, so no key the flow could read is empty", () => {
    const slots = routingCriteriaSlots(preferred([]));
    expect(slots.agentCount).toBe("1");
    expect(Object.keys(slots).sort()).toEqual([...routingCriteriaSlotKeys].sort());
    for (let slot = 2; slot <= routingCriteriaAgentSlots; slot += 1) {
      expect(slots[`agent${slot}` as keyof typeof slots]).toBe(NONE);
    }
  });

  it("counts no agents when the answer is none", () => {
    const slots = routingCriteriaSlots({
      status: "none",
      agentId: NONE,
      reason: "no-preferred-agent",
      routingCriteria: NONE,
    });
    expect(slots.agentCount).toBe("0");
    expect(slots.ringCount).toBe("0");
    expect(slots.agent1).toBe(NONE);
  });

  it("holds the most agents core's criteria can name: ten in the widest ring", () => {
    const further = Array.from({ length: 12 }, (_, index) => `agent-${index}`);
    const slots = routingCriteriaSlots(preferred(further));
    expect(slots.agentCount).toBe(String(routingCriteriaAgentSlots));
    expect(slots.agent10).toBe("agent-8");
  });

  it("counts one ring per ranked agent and one for the further agents", () => {
    const slots = routingCriteriaSlots({
      status: "preferred",
      agentId: "r1",
      reason: "returning-caller",
      routingCriteria: preferredAgentCriteria(["r1", "r2", "r3", "r4", "r5"], ["f1", "f2"], 30),
    });
    expect(slots.ringCount).toBe(String(routingCriteriaRingSlots));
    expect(slots.agentCount).toBe("7");
    expect([slots.agent5, slots.agent6, slots.agent7]).toEqual(["r5", "f1", "f2"]);
  });

  it("refuses criteria the flow's static steps cannot express", () => {
    const response = preferred(["agent-b"]);
    if (response.status !== "preferred") throw new Error("unreachable");
    const [first] = response.routingCriteria.Steps;
    if (first === undefined) throw new Error("unreachable");
    expect(() =>
      routingCriteriaSlots({
        ...response,
        routingCriteria: { Steps: [first, first, first] },
      }),
    ).toThrow(RangeError);
  });
});
