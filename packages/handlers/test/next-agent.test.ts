import { InvalidCursorError } from "@connect-affinity/core";
import { contactFlowEvent } from "@connect-affinity/testing/fixtures";
import { defaultAgents } from "@connect-affinity/testing/handlers";
import { describe, expect, it } from "vitest";
import { MissingParameterError } from "../src/errors.js";
import { handler as nextAgent } from "../src/next-agent.js";
import { handler as route } from "../src/route.js";
import { useHarness } from "./helpers/harness.js";

const caller = "+819087654321";

const harness = useHarness();

describe("next-agent", () => {
  it("offers a different agent after the one route offered", async () => {
    // Prepare
    await harness.beforeEach();
    const first = await route(contactFlowEvent({ address: caller }));

    // Act
    const next = await nextAgent(
      contactFlowEvent({ address: caller, parameters: { cursor: first.cursor } }),
    );

    // Assess
    expect(next).toMatchObject({ status: "agent", reason: "next-candidate" });
    expect(next.agentId).not.toBe(first.agentId);
    expect(defaultAgents.map((agent) => agent.id)).toContain(next.agentId);
  });

  it("answers status none once the attempt bound is reached", async () => {
    // Prepare
    await harness.beforeEach({ MAX_ATTEMPTS: "2" });
    const first = await route(contactFlowEvent({ address: caller }));
    const second = await nextAgent(
      contactFlowEvent({ address: caller, parameters: { cursor: first.cursor } }),
    );

    // Act
    const third = await nextAgent(
      contactFlowEvent({ address: caller, parameters: { cursor: second.cursor } }),
    );

    // Assess
    expect(second.status).toBe("agent");
    expect(third).toEqual({
      status: "none",
      agentId: "none",
      agentArn: "none",
      reason: "attempts-exhausted",
      cursor: "none",
      presence: expect.stringMatching(/^(verified|unverified)$/),
    });
  });

  it.each([
    ["without parameters", {}],
    ["with an empty cursor", { cursor: "" }],
    ["with the none sentinel", { cursor: "none" }],
  ])(
    "rejects a call %s with MissingParameterError and writes nothing",
    async (_name, parameters) => {
      // Prepare
      await harness.beforeEach();

      // Act
      const answer = nextAgent(contactFlowEvent({ address: caller, parameters }));

      // Assess
      await expect(answer).rejects.toBeInstanceOf(MissingParameterError);
      await expect(answer).rejects.toThrow(/parameter "cursor"/);
      expect(await harness.items()).toEqual([]);
    },
  );

  it("rejects a cursor it did not issue with InvalidCursorError and writes nothing", async () => {
    // Prepare
    await harness.beforeEach();

    // Act
    const answer = nextAgent(
      contactFlowEvent({ address: caller, parameters: { cursor: "v1.garbage" } }),
    );

    // Assess
    await expect(answer).rejects.toBeInstanceOf(InvalidCursorError);
    expect(await harness.items()).toEqual([]);
  });
});
