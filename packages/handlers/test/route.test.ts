import { createPresenceTableInput, DynamoDbPresenceWriter } from "@connect-affinity/core/dynamodb";
import { closedEndpoint } from "@connect-affinity/testing";
import { contactFlowEvent, events } from "@connect-affinity/testing/fixtures";
import { defaultAgents } from "@connect-affinity/testing/handlers";
import { beforeEach, describe, expect, it } from "vitest";
import { resetContainer } from "../src/container.js";
import { ConfigurationError, InvalidEventError } from "../src/errors.js";
import { handler as record } from "../src/record.js";
import { handler as route } from "../src/route.js";
import { useHarness } from "./helpers/harness.js";

const [sato, suzuki] = defaultAgents.map((agent) => agent.id) as [string, string, string];
const caller = "+819012345678";

const harness = useHarness();

describe("route", () => {
  beforeEach(async () => {
    await harness.beforeEach();
  });

  it("routes a returning caller to the agent who served them last", async () => {
    // Prepare
    await record(
      contactFlowEvent({ contactId: "c-1", address: caller, parameters: { agentId: suzuki } }),
    );

    // Act
    const answer = await route(contactFlowEvent({ contactId: "c-2", address: caller }));

    // Assess
    expect(answer).toEqual({
      status: "agent",
      agentId: suzuki,
      agentArn: harness.connect.agentArn(suzuki),
      reason: "returning-caller",
      cursor: expect.any(String),
      presence: "verified",
    });
  });

  it("offers another available agent when the caller's agent is busy", async () => {
    // Prepare
    await record(
      contactFlowEvent({ contactId: "c-1", address: caller, parameters: { agentId: suzuki } }),
    );
    const busy = harness.connect.agents.find((agent) => agent.id === suzuki);
    if (busy) busy.state = "busy";

    // Act
    const answer = await route(contactFlowEvent({ contactId: "c-2", address: caller }));

    // Assess
    expect(answer.status).toBe("agent");
    expect(answer.reason).toBe("preferred-agent-busy");
    expect(answer.agentId).not.toBe(suzuki);
    const offered = harness.connect.agents.find((agent) => agent.id === answer.agentId);
    expect(offered?.state).toBe("available");
  });

  it("with PREFERRED_WAIT_SECONDS, answers the caller's busy agent as busy, for the flow to wait for them", async () => {
    // Prepare
    await harness.beforeEach({ PREFERRED_WAIT_SECONDS: "30" });
    await record(
      contactFlowEvent({ contactId: "c-1", address: caller, parameters: { agentId: suzuki } }),
    );
    const busy = harness.connect.agents.find((agent) => agent.id === suzuki);
    if (busy) busy.state = "busy";

    // Act
    const answer = await route(contactFlowEvent({ contactId: "c-2", address: caller }));

    // Assess
    expect(answer).toMatchObject({
      status: "agent",
      agentId: suzuki,
      reason: "returning-caller",
      presence: "busy",
    });
  });

  it("answers status none with sentinels everywhere when nobody can take the contact", async () => {
    // Prepare
    for (const agent of harness.connect.agents) agent.state = "busy";

    // Act
    const answer = await route(contactFlowEvent({ address: caller }));

    // Assess
    expect(answer).toEqual({
      status: "none",
      agentId: "none",
      agentArn: "none",
      reason: "no-agent-available",
      cursor: "none",
      presence: "verified",
    });
  });

  it("routes an anonymous caller as a new caller and stores nothing", async () => {
    // Act
    const answer = await route(events.anonymousCall());

    // Assess
    expect(answer).toMatchObject({ status: "agent", reason: "new-caller", presence: "verified" });
    expect(await harness.items()).toEqual([]);
  });

  it("routes a chat contact, which has no customer number, as a new caller", async () => {
    // Act
    const answer = await route(events.chatContact());

    // Assess
    expect(answer).toMatchObject({ status: "agent", reason: "new-caller" });
    expect(defaultAgents.map((agent) => agent.id)).toContain(answer.agentId);
  });

  it("answers in a flat map of non-empty strings", async () => {
    // Act
    const answer: Record<string, unknown> = { ...(await route(events.voiceCall())) };

    // Assess
    for (const value of Object.values(answer)) {
      expect(typeof value).toBe("string");
      expect(value).not.toBe("");
    }
    expect(JSON.stringify(answer).length).toBeLessThan(32 * 1024);
  });

  it.each([
    ["an empty object", {}],
    ["an EventBridge event", events.contactEventConnected()],
    ["an unknown channel", contactFlowEvent({ channel: "FAX" })],
    ["a contact without ID", contactFlowEvent({ contactId: "" })],
  ])("rejects %s with InvalidEventError and writes nothing", async (_name, event) => {
    // Act
    const answer = route(event);

    // Assess
    await expect(answer).rejects.toBeInstanceOf(InvalidEventError);
    await expect(answer).rejects.toThrow(/Invalid Amazon Connect contact flow event: Details/);
    expect(await harness.items()).toEqual([]);
  });

  it("still answers a returning caller from the cached roster while Connect throttles", async () => {
    // Prepare
    await record(
      contactFlowEvent({ contactId: "c-1", address: caller, parameters: { agentId: sato } }),
    );
    await route(contactFlowEvent({ contactId: "c-2", address: caller }));
    harness.connect.fault = "throttle";

    // Act
    const answer = await route(contactFlowEvent({ contactId: "c-3", address: caller }));

    // Assess
    expect(answer).toMatchObject({
      status: "agent",
      agentId: sato,
      reason: "returning-caller",
      presence: "unverified",
    });
  });

  it("sends a returning caller to their stored (verified) agent, unverified, when this container never read Connect", async () => {
    // Prepare: recorded while the directory answered; a new container meets a throttled Connect.
    await record(
      contactFlowEvent({ contactId: "c-1", address: caller, parameters: { agentId: sato } }),
    );
    resetContainer();
    harness.connect.fault = "throttle";

    // Act
    const answer = await route(contactFlowEvent({ contactId: "c-2", address: caller }));

    // Assess
    expect(answer).toMatchObject({
      status: "agent",
      agentId: sato,
      agentArn: harness.connect.agentArn(sato),
      reason: "returning-caller",
      presence: "unverified",
    });
  });

  it("answers none for a new caller when Connect never answered, so the flow falls back", async () => {
    // Prepare
    harness.connect.fault = "throttle";

    // Act
    const answer = await route(contactFlowEvent({ address: caller }));

    // Assess
    expect(answer).toMatchObject({ status: "none", reason: "no-routable-agents", agentId: "none" });
  });
});

describe("route's use of the Connect API", () => {
  it("reads the roster once per container and presence once per contact", async () => {
    // Prepare
    await harness.beforeEach();

    // Act
    for (let contact = 1; contact <= 5; contact++) {
      await route(
        contactFlowEvent({ contactId: `c-${contact}`, address: `+8190000000${contact}0` }),
      );
    }

    // Assess
    expect(harness.connect.calls.get("ListUsers")).toBe(1);
    expect(harness.connect.calls.get("GetCurrentUserData")).toBe(5);
  });

  it("leaves availability to the flow when presence is switched off", async () => {
    // Prepare
    await harness.beforeEach({ PRESENCE_SOURCE: "none" });

    // Act
    const answer = await route(contactFlowEvent({ address: caller }));

    // Assess
    expect(answer).toMatchObject({ status: "agent", presence: "unverified" });
    expect(harness.connect.calls.get("GetCurrentUserData")).toBeUndefined();
  });

  it("offers only agents of the selected routing profiles, read with SearchUsers", async () => {
    // Prepare
    await harness.beforeEach({ ROUTING_PROFILE_IDS: "rp-main" });
    const [outsider, ...members] = harness.connect.agents;
    if (outsider) outsider.routingProfileId = "rp-other";
    for (const member of members) member.state = "busy";

    // Act
    const answer = await route(contactFlowEvent({ address: caller }));

    // Assess
    expect(answer).toMatchObject({ status: "none", reason: "no-agent-available" });
    expect(harness.connect.calls.get("SearchUsers")).toBe(1);
    expect(harness.connect.calls.get("ListUsers")).toBeUndefined();
  });
});

describe("route with presence from the agent event stream", () => {
  /** The presence table as the consumer leaves it: `available` free, the others on a break. */
  async function presenceTable(
    available: readonly string[],
    at = Date.now() - 1_000,
  ): Promise<string> {
    const tableName = `presence-${harness.tableName}`;
    await harness.dynamoDb.createTable(createPresenceTableInput(tableName));
    const writer = new DynamoDbPresenceWriter({ client: harness.dynamoDb.client, tableName });
    await writer.writeAll(
      defaultAgents.map((agent) => ({
        agentId: agent.id,
        agentArn: harness.connect.agentArn(agent.id),
        routable: available.includes(agent.id),
        availableSlots: available.includes(agent.id) ? { VOICE: 1, CHAT: 2 } : {},
        ...(available.includes(agent.id)
          ? { idle: { since: at - 60_000, basis: "observed" as const } }
          : {}),
        eventType: "STATE_CHANGE" as const,
        eventAt: at,
        listed: true,
        routingChange: true,
      })),
    );
    return tableName;
  }

  it("offers an agent the index shows available, without asking Connect anything", async () => {
    // Prepare
    await harness.beforeEach();
    const tableName = await presenceTable([suzuki]);
    harness.afterEach();
    await harness.beforeEach({ PRESENCE_SOURCE: "event-stream", PRESENCE_TABLE_NAME: tableName });

    // Act
    const answer = await route(contactFlowEvent({ address: caller }));

    // Assess
    expect(answer).toMatchObject({ status: "agent", agentId: suzuki, presence: "verified" });
    // Neither presence nor the directory: the roster is shared, on the presence table.
    expect([...harness.connect.calls.keys()]).toEqual([]);
  });

  it("offers what the index last said, unverified, when the stream has gone quiet", async () => {
    // Prepare
    await harness.beforeEach();
    const tableName = await presenceTable([suzuki], Date.now() - 3_600_000);
    harness.afterEach();
    await harness.beforeEach({ PRESENCE_SOURCE: "event-stream", PRESENCE_TABLE_NAME: tableName });

    // Act
    const answer = await route(contactFlowEvent({ address: caller }));

    // Assess
    expect(answer).toMatchObject({ status: "agent", agentId: suzuki, presence: "unverified" });
  });

  it("sends the contact to the flow's fallback when the stream has never been read", async () => {
    // Prepare
    await harness.beforeEach();
    const tableName = `presence-${harness.tableName}`;
    await harness.dynamoDb.createTable(createPresenceTableInput(tableName));
    harness.afterEach();
    await harness.beforeEach({ PRESENCE_SOURCE: "event-stream", PRESENCE_TABLE_NAME: tableName });

    // Act
    const answer = await route(contactFlowEvent({ address: caller }));

    // Assess
    expect(answer).toMatchObject({
      status: "none",
      reason: "no-routable-agents",
      presence: "unverified",
    });
  });
});

describe("route without DynamoDB", () => {
  it("answers as for a new caller when the table cannot be read", async () => {
    // Prepare
    await harness.beforeEach();
    await record(
      contactFlowEvent({ contactId: "c-1", address: caller, parameters: { agentId: suzuki } }),
    );
    harness.afterEach();
    await harness.beforeEach({ AWS_ENDPOINT_URL_DYNAMODB: await closedEndpoint() });

    // Act
    const answer = await route(contactFlowEvent({ contactId: "c-2", address: caller }));

    // Assess
    expect(answer).toMatchObject({ status: "agent", reason: "new-caller" });
  });
});

describe("route with a broken configuration", () => {
  it("fails every invocation with a message naming the missing variable", async () => {
    // Prepare
    await harness.beforeEach({ AFFINITY_TABLE_NAME: undefined });

    // Act
    const answer = route(events.voiceCall());

    // Assess
    await expect(answer).rejects.toBeInstanceOf(ConfigurationError);
    await expect(route(events.voiceCall())).rejects.toThrow(/AFFINITY_TABLE_NAME is required/);
  });
});
