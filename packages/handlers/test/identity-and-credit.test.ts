import {
  connectedToAgentEvent,
  contactFlowEvent,
  fixtureInstanceId,
} from "@connect-affinity/testing/fixtures";
import { defaultAgents } from "@connect-affinity/testing/handlers";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { handler as contactEvent } from "../src/contact-event.js";
import { ConfigurationError } from "../src/errors.js";
import { handler as record } from "../src/record.js";
import { handler as route } from "../src/route.js";
import { handler as routingCriteria } from "../src/routing-criteria.js";
import { useHarness } from "./helpers/harness.js";

const [sato, suzuki, takahashi] = defaultAgents.map((agent) => agent.id) as [
  string,
  string,
  string,
];
const caller = "+819055556666";
const harness = useHarness();
const instanceArn = `arn:aws:connect:ap-northeast-1:123456789012:instance/${fixtureInstanceId}`;

const chat = (contactId: string, customerKey: string) =>
  contactFlowEvent({ contactId, address: null, channel: "CHAT", parameters: { customerKey } });

const at = (offsetSeconds: number): string =>
  new Date(Date.now() + offsetSeconds * 1000).toISOString();

describe("identity on every channel", () => {
  it("sends a chat whose flow passes the customer key to the agent of that key's last voice call", async () => {
    // Prepare: a voice call with the customer key, recorded to suzuki.
    await harness.beforeEach({ CALLER_KEY_SECRET: "a-secret-of-16-chars" });
    const voice = contactFlowEvent({
      contactId: "v-1",
      address: caller,
      parameters: { customerKey: "CRM-42" },
    });
    await route(voice);
    await record({
      ...voice,
      Details: { ...voice.Details, Parameters: { agentId: suzuki, customerKey: "CRM-42" } },
    });

    // Act
    const answer = await route(chat("c-1", "CRM-42"));

    // Assess
    expect(answer).toMatchObject({ agentId: suzuki, reason: "returning-caller" });
    const keys = (await harness.records()).map((item) => JSON.stringify(item));
    expect(keys.join("")).not.toContain("CRM-42");
    expect(keys.join("")).not.toContain("9055556666");
  });

  it("routes an email contact by its address", async () => {
    // Prepare
    await harness.beforeEach();
    const email = (contactId: string) => {
      const event = contactFlowEvent({ contactId, channel: "EMAIL" });
      event.Details.ContactData.CustomerEndpoint = {
        Address: "Ana@Example.com",
        Type: "EMAIL_ADDRESS",
      };
      return event;
    };
    await record({
      ...email("e-1"),
      Details: { ...email("e-1").Details, Parameters: { agentId: takahashi } },
    });

    // Act
    const answer = await route(email("e-2"));

    // Assess
    expect(answer).toMatchObject({ agentId: takahashi, reason: "returning-caller" });
  });

  it("keeps affinity per queue when told, from the working queue the flow set", async () => {
    // Prepare
    await harness.beforeEach({ AFFINITY_SCOPE: "queue" });
    const inQueue = (contactId: string, queue: string) => {
      const event = contactFlowEvent({ contactId, address: caller });
      Object.assign(event.Details.ContactData, {
        Queue: { ARN: `${instanceArn}/queue/${queue}`, Name: queue },
      });
      return event;
    };
    await route(inQueue("b-1", "billing"));
    await contactEvent(
      connectedToAgentEvent({
        contactId: "b-1",
        agentArn: harness.connect.agentArn(sato),
        connectedAt: at(0),
      }),
    );

    // Act
    const billing = await route(inQueue("b-2", "billing"));
    const support = await route(inQueue("s-1", "support"));

    // Assess
    expect(billing).toMatchObject({ agentId: sato, reason: "returning-caller" });
    expect(support.reason).toBe("new-caller");
  });
});

describe("who gets the credit (contact events)", () => {
  it("credits on DISCONNECTED with a minimum talk time, and only a long enough contact", async () => {
    // Prepare
    await harness.beforeEach({ MINIMUM_TALK_SECONDS: "30" });
    await route(contactFlowEvent({ contactId: "c-long", address: caller }));
    await route(contactFlowEvent({ contactId: "c-short", address: caller }));

    // Act
    const connected = await contactEvent(
      connectedToAgentEvent({
        contactId: "c-long",
        agentArn: harness.connect.agentArn(sato),
        connectedAt: at(-600),
      }),
    );
    const long = await contactEvent(
      connectedToAgentEvent({
        contactId: "c-long",
        agentArn: harness.connect.agentArn(sato),
        connectedAt: at(-600),
        disconnectedAt: at(-400),
      }),
    );
    const short = await contactEvent(
      connectedToAgentEvent({
        contactId: "c-short",
        agentArn: harness.connect.agentArn(suzuki),
        connectedAt: at(-100),
        disconnectedAt: at(-80),
      }),
    );
    const next = await route(contactFlowEvent({ contactId: "c-next", address: caller }));

    // Assess
    expect(connected).toEqual({ status: "ignored", reason: "other-event-type" });
    expect(long).toEqual({ status: "recorded", reason: "none" });
    expect(short).toEqual({ status: "skipped", reason: "talk-too-short" });
    expect(next).toMatchObject({ agentId: sato, reason: "returning-caller" });
  });

  it("rejects a DISCONNECTED event whose contact ended in the future, and credits nothing", async () => {
    // Prepare
    await harness.beforeEach({ MINIMUM_TALK_SECONDS: "30" });
    await route(contactFlowEvent({ contactId: "c-future", address: caller }));

    // Act
    const outcome = await contactEvent(
      connectedToAgentEvent({
        contactId: "c-future",
        agentArn: harness.connect.agentArn(sato),
        connectedAt: at(-600),
        disconnectedAt: "2999-01-01T00:00:00.000Z",
      }),
    );
    const next = await route(contactFlowEvent({ contactId: "c-next", address: caller }));

    // Assess
    expect(outcome).toEqual({ status: "rejected", reason: "invalid-event" });
    expect(await harness.records()).toEqual([]);
    expect(next.reason).toBe("new-caller");
  });

  it("ignores a DISCONNECTED event whose agent belongs to another instance", async () => {
    // Prepare
    await harness.beforeEach({ MINIMUM_TALK_SECONDS: "30" });
    await route(contactFlowEvent({ contactId: "c-foreign", address: caller }));
    const foreignAgent = harness.connect
      .agentArn(sato)
      .replace(/instance\/[^/]+/, "instance/00000000-0000-4000-8000-00000000beef");

    // Act
    const outcome = await contactEvent(
      connectedToAgentEvent({
        contactId: "c-foreign",
        agentArn: foreignAgent,
        connectedAt: at(-600),
        disconnectedAt: at(-400),
      }),
    );

    // Assess
    expect(outcome).toEqual({ status: "ignored", reason: "other-instance" });
    expect(await harness.records()).toEqual([]);
  });

  it("defers the flow's record when a minimum talk time is set", async () => {
    // Prepare
    await harness.beforeEach({ MINIMUM_TALK_SECONDS: "30" });

    // Act
    const answer = await record(
      contactFlowEvent({ address: caller, parameters: { agentId: sato } }),
    );

    // Assess
    expect(answer).toMatchObject({ status: "skipped", reason: "credit-deferred" });
    expect(await harness.records()).toEqual([]);
  });

  it("ignores the DISCONNECTED event of a contact no agent handled", async () => {
    // Prepare
    await harness.beforeEach({ MINIMUM_TALK_SECONDS: "30" });

    // Act
    const outcome = await contactEvent(
      connectedToAgentEvent({
        contactId: "c-abandoned",
        disconnectedAt: at(0),
        handledByAgent: false,
      }),
    );

    // Assess
    expect(outcome).toEqual({ status: "ignored", reason: "other-event-type" });
  });

  it("credits only the first agent of a transferred contact when told", async () => {
    // Prepare
    await harness.beforeEach({ TRANSFER_CREDIT: "first" });
    await route(contactFlowEvent({ contactId: "c-1", address: caller }));
    await contactEvent(
      connectedToAgentEvent({
        contactId: "c-1",
        agentArn: harness.connect.agentArn(sato),
        connectedAt: at(-60),
      }),
    );

    // Act
    const transfer = await contactEvent(
      connectedToAgentEvent({
        contactId: "c-1-transfer",
        initialContactId: "c-1",
        initiationMethod: "TRANSFER",
        agentArn: harness.connect.agentArn(suzuki),
        connectedAt: at(-30),
      }),
    );
    const next = await route(contactFlowEvent({ contactId: "c-2", address: caller }));

    // Assess
    expect(transfer).toEqual({ status: "skipped", reason: "transfer-not-credited" });
    expect(next).toMatchObject({ agentId: sato, reason: "returning-caller" });
  });

  it("credits an outbound contact with the customer DescribeContact names, only when told", async () => {
    for (const creditOutbound of ["false", "true"]) {
      // Prepare
      await harness.beforeEach({ CREDIT_OUTBOUND: creditOutbound });
      harness.connect.contacts.set("out-1", caller);
      harness.connect.calls.clear();

      // Act
      const outcome = await contactEvent(
        connectedToAgentEvent({
          contactId: "out-1",
          initiationMethod: "OUTBOUND",
          agentArn: harness.connect.agentArn(takahashi),
          connectedAt: at(-10),
        }),
      );
      const next = await route(contactFlowEvent({ contactId: "in-1", address: caller }));

      // Assess
      if (creditOutbound === "true") {
        expect(outcome).toEqual({ status: "recorded", reason: "none" });
        expect(harness.connect.calls.get("DescribeContact")).toBe(1);
        expect(next).toMatchObject({ agentId: takahashi, reason: "returning-caller" });
      } else {
        expect(outcome).toEqual({ status: "skipped", reason: "outbound-not-credited" });
        expect(harness.connect.calls.get("DescribeContact")).toBeUndefined();
      }
      harness.afterEach();
    }
  });
});

describe("agents who opt out", () => {
  it("never sends a customer to an agent tagged out of sticky routing, nor credits them", async () => {
    // Prepare
    await harness.beforeEach({ OPT_OUT_TAGS: "sticky-routing=off" });
    const optedOut = harness.connect.agents.find((agent) => agent.id === sato);
    if (optedOut !== undefined) optedOut.tags = { "sticky-routing": "off" };
    await route(contactFlowEvent({ contactId: "c-1", address: caller }));

    // Act
    const credit = await contactEvent(
      connectedToAgentEvent({
        contactId: "c-1",
        agentArn: harness.connect.agentArn(sato),
        connectedAt: at(-5),
      }),
    );

    // Assess
    expect(credit).toEqual({ status: "skipped", reason: "agent-opted-out" });
    expect(harness.connect.calls.get("SearchUsers")).toBeGreaterThan(0);
    expect(harness.connect.calls.get("ListUsers")).toBeUndefined();
  });
});

describe("configuration of identity, scope and credit", () => {
  const minimal = { AFFINITY_TABLE_NAME: "affinity", CONNECT_INSTANCE_ID: fixtureInstanceId };

  it("reads the identity sources, scope, lifetimes, credit rules and opt-outs", () => {
    // Act
    const config = loadConfig({
      ...minimal,
      IDENTITY_SOURCES: "phone, customer-key",
      AFFINITY_SCOPE: "channel",
      AFFINITY_SCOPE_LIFETIMES: "CHAT=1,VOICE=30",
      MINIMUM_TALK_SECONDS: "45",
      TRANSFER_CREDIT: "first",
      CREDIT_OUTBOUND: "true",
      OPT_OUT_ROUTING_PROFILE_IDS: "rp-trainees",
      OPT_OUT_TAGS: "sticky-routing=off,pool=*",
    });

    // Assess
    expect(config.router).toMatchObject({
      identitySources: ["phone", "customer-key"],
      scope: "channel",
      scopeLifetimes: { CHAT: 86_400, VOICE: 30 * 86_400 },
      minimumTalkSeconds: 45,
      transferCredit: "first",
      creditOutbound: true,
    });
    expect(config.directoryOptOut).toEqual({
      routingProfileIds: ["rp-trainees"],
      tags: { "sticky-routing": "off", pool: "*" },
    });
  });

  it.each([
    ["IDENTITY_SOURCES", { IDENTITY_SOURCES: "phone,fax" }],
    ["IDENTITY_SOURCES", { IDENTITY_SOURCES: "phone,phone" }],
    ["AFFINITY_SCOPE_LIFETIMES", { AFFINITY_SCOPE_LIFETIMES: "CHAT=1" }],
    ["AFFINITY_SCOPE_LIFETIMES", { AFFINITY_SCOPE: "channel", AFFINITY_SCOPE_LIFETIMES: "SMS=1" }],
    ["AFFINITY_SCOPE_LIFETIMES", { AFFINITY_SCOPE: "queue", AFFINITY_SCOPE_LIFETIMES: "q1=0" }],
    [
      "AFFINITY_SCOPE_LIFETIMES",
      { AFFINITY_SCOPE: "queue", AFFINITY_SCOPE_LIFETIMES: "q1=2,q1=3" },
    ],
    ["OPT_OUT_TAGS", { OPT_OUT_TAGS: "no-value" }],
    ["MINIMUM_TALK_SECONDS", { MINIMUM_TALK_SECONDS: "86401" }],
  ])("names %s when it is unusable", (variable, environment) => {
    // Act
    const load = () => loadConfig({ ...minimal, ...environment });

    // Assess
    expect(load).toThrow(ConfigurationError);
    expect(load).toThrow(variable);
  });

  it("passes the customer key to routing criteria too", async () => {
    // Prepare
    await harness.beforeEach();
    const voice = contactFlowEvent({
      contactId: "v-1",
      address: caller,
      parameters: { customerKey: "CRM-9" },
    });
    await record({
      ...voice,
      Details: { ...voice.Details, Parameters: { agentId: takahashi, customerKey: "CRM-9" } },
    });

    // Act
    const answer = await routingCriteria(chat("c-1", "CRM-9"));

    // Assess
    expect(answer).toMatchObject({ status: "preferred", agentId: takahashi });
  });
});
