import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { handler as contactEvent } from "../src/contact-event.js";
import { InvalidEventError } from "../src/errors.js";
import { handler as route } from "../src/route.js";
import { connectedToAgentEvent, contactFlowEvent, events } from "./helpers/events.js";
import { defaultAgents, type Harness, startHarness } from "./helpers/harness.js";

const [sato, suzuki] = defaultAgents.map((agent) => agent.id) as [string, string, string];
const caller = "+819033334444";

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.close();
});
afterEach(() => {
  harness.afterEach();
});

describe("contact-event", () => {
  it("remembers the agent who really answered, found through DescribeContact", async () => {
    // Prepare
    await harness.beforeEach();
    harness.connect.contacts.set("c-1", caller);

    // Act
    const outcome = await contactEvent(
      connectedToAgentEvent({
        contactId: "c-1",
        agentArn: harness.connect.agentArn(suzuki),
        connectedAt: new Date().toISOString(),
      }),
    );
    const routed = await route(contactFlowEvent({ contactId: "c-2", address: caller }));

    // Assess
    expect(outcome).toEqual({ status: "recorded", reason: "none" });
    expect(routed).toMatchObject({ agentId: suzuki, reason: "returning-caller" });
    expect(harness.connect.calls.get("DescribeContact")).toBe(1);
  });

  it("records the fixture's PascalCase twin the same way", async () => {
    // Prepare
    await harness.beforeEach();
    harness.connect.contacts.set("c-1", caller);
    const { detail, ...envelope } = connectedToAgentEvent({ contactId: "c-1" });
    const event = {
      ...envelope,
      detail: {
        ContactId: detail.contactId,
        Channel: "Voice",
        InstanceArn: detail.instanceArn,
        EventType: "CONNECTED_TO_AGENT",
        AgentInfo: {
          AgentArn: harness.connect.agentArn(sato),
          ConnectedToAgentTimestamp: "2026-11-24T10:15:31.000Z",
        },
      },
    };

    // Act
    const outcome = await contactEvent(event);

    // Assess
    expect(outcome).toEqual({ status: "recorded", reason: "none" });
    expect((await harness.items())[0]).toMatchObject({ agentId: { S: sato } });
  });

  it("never lets an older connection overwrite a newer assignment", async () => {
    // Prepare
    await harness.beforeEach();
    harness.connect.contacts.set("c-new", caller);
    harness.connect.contacts.set("c-old", caller);
    await contactEvent(
      connectedToAgentEvent({
        contactId: "c-new",
        agentArn: harness.connect.agentArn(sato),
        connectedAt: "2026-11-24T11:00:00.000Z",
      }),
    );

    // Act
    const outcome = await contactEvent(
      connectedToAgentEvent({
        contactId: "c-old",
        agentArn: harness.connect.agentArn(suzuki),
        connectedAt: "2026-11-24T10:00:00.000Z",
      }),
    );

    // Assess
    expect(outcome).toEqual({ status: "skipped", reason: "superseded" });
    const items = await harness.items();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ agentId: { S: sato }, lastContactId: { S: "c-new" } });
  });

  it("stores nothing for a contact whose customer number Connect does not know", async () => {
    // Prepare
    await harness.beforeEach();
    harness.connect.contacts.set("c-chat", undefined);

    // Act
    const outcome = await contactEvent(
      connectedToAgentEvent({ contactId: "c-chat", agentArn: harness.connect.agentArn(sato) }),
    );

    // Assess
    expect(outcome).toEqual({ status: "skipped", reason: "anonymous-caller" });
    expect(await harness.items()).toEqual([]);
  });

  it.each([
    ["another event type", { eventType: "QUEUED" }, "other-event-type"],
    [
      "another instance",
      {
        instanceArn:
          "arn:aws:connect:ap-northeast-1:123456789012:instance/00000000-0000-4000-8000-000000000000",
      },
      "other-instance",
    ],
    ["a supervisor's monitoring", { initiationMethod: "MONITOR" }, "monitoring"],
  ])("ignores %s without calling Connect or writing", async (_name, overrides, reason) => {
    // Prepare
    await harness.beforeEach();
    harness.connect.contacts.set("c-1", caller);

    // Act
    const outcome = await contactEvent(connectedToAgentEvent({ contactId: "c-1", ...overrides }));

    // Assess
    expect(outcome).toEqual({ status: "ignored", reason });
    expect(harness.connect.calls.size).toBe(0);
    expect(await harness.items()).toEqual([]);
  });

  it.each([
    ["a contact-flow event", events.voiceCall()],
    ["an event without agent ARN", connectedToAgentEvent({ agentArn: "" })],
    [
      "an event with an unreadable connection time",
      connectedToAgentEvent({ connectedAt: "yesterday" }),
    ],
  ])("rejects %s with InvalidEventError and writes nothing", async (_name, event) => {
    // Prepare
    await harness.beforeEach();

    // Act
    const outcome = contactEvent(event);

    // Assess
    await expect(outcome).rejects.toBeInstanceOf(InvalidEventError);
    expect(await harness.items()).toEqual([]);
  });

  it("fails, for EventBridge to retry, when DescribeContact is throttled", async () => {
    // Prepare
    await harness.beforeEach();
    harness.connect.contacts.set("c-1", caller);
    harness.connect.fault = "throttle";

    // Act
    const outcome = contactEvent(connectedToAgentEvent({ contactId: "c-1" }));

    // Assess
    await expect(outcome).rejects.toThrow();
    expect(await harness.items()).toEqual([]);
  });
});
