import { closedEndpoint } from "@connect-affinity/testing";
import { contactFlowEvent, events } from "@connect-affinity/testing/fixtures";
import { defaultAgents } from "@connect-affinity/testing/handlers";
import { describe, expect, it } from "vitest";
import { MissingParameterError } from "../src/errors.js";
import { handler as record } from "../src/record.js";
import { handler as route } from "../src/route.js";
import { useHarness } from "./helpers/harness.js";

const [, , takahashi] = defaultAgents.map((agent) => agent.id) as [string, string, string];
const caller = "+819011112222";

const harness = useHarness();

describe("record", () => {
  it("stores the caller's agent, and route then sends the caller back to them", async () => {
    // Prepare
    await harness.beforeEach();

    // Act
    const recorded = await record(
      contactFlowEvent({ contactId: "c-1", address: caller, parameters: { agentId: takahashi } }),
    );
    const routed = await route(contactFlowEvent({ contactId: "c-2", address: caller }));

    // Assess
    expect(recorded).toEqual({
      status: "recorded",
      reason: "none",
      message: "Connecting you to your agent. Please hold.",
    });
    expect(routed).toMatchObject({ agentId: takahashi, reason: "returning-caller" });
    const records = await harness.records();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ agentId: { S: takahashi }, lastContactId: { S: "c-1" } });
    // route also remembered its contact for the contact-event function.
    expect(await harness.items()).toContainEqual(
      expect.objectContaining({ callerKey: { S: "contact#c-2" }, contactCallerKey: { S: caller } }),
    );
  });

  it("accepts the agent ARN in place of the agent ID", async () => {
    // Prepare
    await harness.beforeEach();

    // Act
    const recorded = await record(
      contactFlowEvent({
        address: caller,
        parameters: { agentId: harness.connect.agentArn(takahashi) },
      }),
    );

    // Assess
    expect(recorded.status).toBe("recorded");
    expect((await harness.items())[0]).toMatchObject({ agentId: { S: takahashi } });
  });

  it("never stores the raw number when a caller-key secret is set", async () => {
    // Prepare
    await harness.beforeEach({ CALLER_KEY_SECRET: "test-secret-of-enough-length" });

    // Act
    await record(contactFlowEvent({ address: caller, parameters: { agentId: takahashi } }));

    // Assess
    const items = await harness.items();
    expect(items).toHaveLength(1);
    expect(JSON.stringify(items)).not.toContain("9011112222");
  });

  it("skips an anonymous caller, stores nothing and still gives the flow a message", async () => {
    // Prepare
    await harness.beforeEach({ RECORD_MESSAGE_LANGUAGE: "ja-JP" });
    const event = events.anonymousCall();
    event.Details.Parameters = { agentId: takahashi };

    // Act
    const recorded = await record(event);

    // Assess
    expect(recorded).toEqual({
      status: "skipped",
      reason: "anonymous-caller",
      message: "オペレーターにお繋ぎ致しますので少々お待ちください。",
    });
    expect(await harness.items()).toEqual([]);
  });

  it("skips an agent the directory does not know", async () => {
    // Prepare
    await harness.beforeEach({ RECORD_MESSAGE_SKIPPED: "Please hold." });

    // Act
    const recorded = await record(
      contactFlowEvent({ address: caller, parameters: { agentId: "no-such-agent" } }),
    );

    // Assess
    expect(recorded).toEqual({
      status: "skipped",
      reason: "unknown-agent",
      message: "Please hold.",
    });
    expect(await harness.items()).toEqual([]);
  });

  it.each([
    ["without parameters", {}],
    ["with a blank agent ID", { agentId: "  " }],
    ["with the none sentinel", { agentId: "none" }],
  ])(
    "rejects a call %s with MissingParameterError and writes nothing",
    async (_name, parameters) => {
      // Prepare
      await harness.beforeEach();

      // Act
      const recorded = record(contactFlowEvent({ address: caller, parameters }));

      // Assess
      await expect(recorded).rejects.toBeInstanceOf(MissingParameterError);
      await expect(recorded).rejects.toThrow(/parameter "agentId"/);
      expect(await harness.items()).toEqual([]);
    },
  );

  it("records while Connect throttles, as it needs no Connect call", async () => {
    // Prepare
    await harness.beforeEach();
    harness.connect.fault = "throttle";

    // Act
    const recorded = await record(
      contactFlowEvent({ address: caller, parameters: { agentId: takahashi } }),
    );

    // Assess
    expect(recorded.status).toBe("recorded");
    expect((await harness.items())[0]).toMatchObject({
      agentId: { S: takahashi },
      agentArn: { S: harness.connect.agentArn(takahashi) },
    });
  });

  it("fails loudly when the table cannot be written", async () => {
    // Prepare
    await harness.beforeEach({ AWS_ENDPOINT_URL_DYNAMODB: await closedEndpoint() });

    // Act
    const recorded = record(
      contactFlowEvent({ address: caller, parameters: { agentId: takahashi } }),
    );

    // Assess
    await expect(recorded).rejects.toThrow();
    expect(await harness.items()).toEqual([]);
  });
});
