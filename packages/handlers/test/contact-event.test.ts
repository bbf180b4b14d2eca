import { closedEndpoint } from "@connect-affinity/testing";
import {
  connectedToAgentEvent,
  contactFlowEvent,
  events,
} from "@connect-affinity/testing/fixtures";
import { defaultAgents } from "@connect-affinity/testing/handlers";
import { describe, expect, it } from "vitest";
import { handler as contactEvent } from "../src/contact-event.js";
import { resetContainer } from "../src/container.js";
import { handler as route } from "../src/route.js";
import { handler as routingCriteria } from "../src/routing-criteria.js";
import { useHarness } from "./helpers/harness.js";

const [sato, suzuki] = defaultAgents.map((agent) => agent.id) as [string, string, string];
const caller = "+819033334444";
const oneDay = 86_400;

const harness = useHarness();

/** Connect API calls the stub received since the last `calls.clear()`. */
function connectCalls(): number {
  return [...harness.connect.calls.values()].reduce((sum, count) => sum + count, 0);
}

/** The item's TTL attribute, epoch seconds. */
function ttlOf(item: Readonly<Record<string, unknown>> | undefined): number {
  const { expiresAt } = item ?? {};
  if (typeof expiresAt !== "object" || expiresAt === null || !("N" in expiresAt)) {
    throw new Error("the item has no numeric expiresAt");
  }
  return Number(expiresAt.N);
}

describe("contact-event", () => {
  it("records the agent who answered a caller who went through the fallback queue, with no Connect API call", async () => {
    // Prepare: route offers one agent; the caller ends up with another one from the queue.
    await harness.beforeEach();
    const routed = await route(contactFlowEvent({ contactId: "c-1", address: caller }));
    const answering = routed.agentId === suzuki ? sato : suzuki;
    harness.connect.calls.clear();

    // Act
    const outcome = await contactEvent(
      connectedToAgentEvent({
        contactId: "c-1",
        agentArn: harness.connect.agentArn(answering),
        connectedAt: new Date().toISOString(),
      }),
    );
    const callsOfContactEvent = connectCalls();
    const again = await route(contactFlowEvent({ contactId: "c-2", address: caller }));

    // Assess
    expect(outcome).toEqual({ status: "recorded", reason: "none" });
    expect(callsOfContactEvent).toBe(0);
    expect(again).toMatchObject({ agentId: answering, reason: "returning-caller" });
  });

  it("costs one cached directory read per container, not a Connect call per contact", async () => {
    // Prepare: 20 callers routed; the contact-event function starts in a container of its own.
    await harness.beforeEach();
    const contacts = Array.from({ length: 20 }, (_, index) => ({
      contactId: `c-${index}`,
      address: `+8190777700${String(index).padStart(2, "0")}`,
    }));
    for (const contact of contacts) await route(contactFlowEvent(contact));
    resetContainer();
    harness.connect.calls.clear();

    // Act
    const outcomes = [];
    for (const { contactId } of contacts) {
      outcomes.push(
        await contactEvent(
          connectedToAgentEvent({ contactId, agentArn: harness.connect.agentArn(suzuki) }),
        ),
      );
    }

    // Assess
    expect(outcomes.every((outcome) => outcome.status === "recorded")).toBe(true);
    expect(Object.fromEntries(harness.connect.calls)).toEqual({ ListUsers: 1 });
    expect(connectCalls() / contacts.length).toBeLessThanOrEqual(0.05);
    expect(await harness.records()).toHaveLength(20);
  });

  it("finds the caller in a contact index item that route wrote with a one-day TTL", async () => {
    // Prepare
    await harness.beforeEach();
    const before = Math.floor(Date.now() / 1000);

    // Act
    await route(contactFlowEvent({ contactId: "c-ttl", address: caller }));

    // Assess
    const after = Math.floor(Date.now() / 1000);
    const items = await harness.items();
    expect(items).toEqual([
      {
        callerKey: { S: "contact#c-ttl" },
        contactCallerKey: { S: caller },
        expiresAt: { N: expect.any(String) },
      },
    ]);
    const expiresAt = ttlOf(items[0]);
    expect(expiresAt).toBeGreaterThanOrEqual(before + oneDay);
    expect(expiresAt).toBeLessThanOrEqual(after + oneDay);
  });

  it("keeps the index entry for CONTACT_INDEX_TTL_SECONDS when it is set", async () => {
    // Prepare
    await harness.beforeEach({ CONTACT_INDEX_TTL_SECONDS: "3600" });
    const before = Math.floor(Date.now() / 1000);

    // Act
    await routingCriteria(contactFlowEvent({ contactId: "c-short", address: caller }));

    // Assess
    const after = Math.floor(Date.now() / 1000);
    const [item] = await harness.items();
    expect(item).toMatchObject({ callerKey: { S: "contact#c-short" } });
    const expiresAt = ttlOf(item);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 3600);
    expect(expiresAt).toBeLessThanOrEqual(after + 3600);
  });

  it("records the answer to a contact routed by routing-criteria", async () => {
    // Prepare
    await harness.beforeEach();
    await routingCriteria(contactFlowEvent({ contactId: "c-native", address: caller }));

    // Act
    const outcome = await contactEvent(
      connectedToAgentEvent({ contactId: "c-native", agentArn: harness.connect.agentArn(sato) }),
    );

    // Assess
    expect(outcome).toEqual({ status: "recorded", reason: "none" });
    expect(await harness.records()).toMatchObject([
      { callerKey: { S: caller }, agentId: { S: sato }, lastContactId: { S: "c-native" } },
    ]);
  });

  it("skips an anonymous caller: nothing stored, no Connect API call", async () => {
    // Prepare
    await harness.beforeEach();
    await route(contactFlowEvent({ contactId: "c-anon", address: "anonymous" }));
    harness.connect.calls.clear();

    // Act
    const outcome = await contactEvent(
      connectedToAgentEvent({ contactId: "c-anon", agentArn: harness.connect.agentArn(sato) }),
    );

    // Assess
    expect(outcome).toEqual({ status: "skipped", reason: "unknown-contact" });
    expect(await harness.items()).toEqual([]);
    expect(connectCalls()).toBe(0);
  });

  it("records a transferred contact under the caller of its initial contact", async () => {
    // Prepare
    await harness.beforeEach();
    await route(contactFlowEvent({ contactId: "c-initial", address: caller }));

    // Act
    const outcome = await contactEvent(
      connectedToAgentEvent({
        contactId: "c-transfer",
        initialContactId: "c-initial",
        agentArn: harness.connect.agentArn(suzuki),
      }),
    );

    // Assess
    expect(outcome).toEqual({ status: "recorded", reason: "none" });
    expect(await harness.records()).toMatchObject([
      { callerKey: { S: caller }, agentId: { S: suzuki }, lastContactId: { S: "c-transfer" } },
    ]);
  });

  it("records the fixture's PascalCase twin the same way", async () => {
    // Prepare
    await harness.beforeEach();
    await route(contactFlowEvent({ contactId: "c-1", address: caller }));
    const { detail, ...envelope } = connectedToAgentEvent({ contactId: "c-1" });
    const event = {
      ...envelope,
      detail: {
        ContactId: detail.contactId,
        InitialContactId: detail.initialContactId,
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
    expect(await harness.records()).toMatchObject([{ agentId: { S: sato } }]);
  });

  it("never lets an older connection overwrite a newer assignment", async () => {
    // Prepare
    await harness.beforeEach();
    await route(contactFlowEvent({ contactId: "c-old", address: caller }));
    await route(contactFlowEvent({ contactId: "c-new", address: caller }));
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
    const stored = await harness.records();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ agentId: { S: sato }, lastContactId: { S: "c-new" } });
  });

  it("records while Connect is throttled, deriving the agent ARN from the instance", async () => {
    // Prepare: routed earlier; this container has never read the directory.
    await harness.beforeEach();
    await route(contactFlowEvent({ contactId: "c-1", address: caller }));
    resetContainer();
    harness.connect.fault = "throttle";

    // Act
    const outcome = await contactEvent(
      connectedToAgentEvent({ contactId: "c-1", agentArn: harness.connect.agentArn(suzuki) }),
    );

    // Assess
    expect(outcome).toEqual({ status: "recorded", reason: "none" });
    expect(await harness.records()).toMatchObject([
      { agentId: { S: suzuki }, agentArn: { S: harness.connect.agentArn(suzuki) } },
    ]);
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
  ])(
    "answers %s as rejected, for EventBridge not to retry, and writes nothing",
    async (_name, event) => {
      // Prepare
      await harness.beforeEach();

      // Act
      const outcome = await contactEvent(event);

      // Assess
      expect(outcome).toEqual({ status: "rejected", reason: "invalid-event" });
      expect(await harness.items()).toEqual([]);
    },
  );

  it("fails, for EventBridge to retry, when the table cannot be reached", async () => {
    // Prepare
    await harness.beforeEach({ AWS_ENDPOINT_URL_DYNAMODB: await closedEndpoint() });

    // Act
    const outcome = contactEvent(connectedToAgentEvent({ contactId: "c-1" }));

    // Assess
    await expect(outcome).rejects.toThrow();
    expect(await harness.items()).toEqual([]);
  });
});
