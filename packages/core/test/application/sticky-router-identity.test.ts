import { describe, expect, it } from "vitest";
import { decodeCursor } from "../../src/domain/routing-cursor.js";
import { type Agent, identityKey } from "../../src/index.js";
import type { InMemoryAgentPresence } from "../../src/testing/index.js";
import {
  aContact,
  anAgent,
  aRouter,
  everyoneAvailable,
  instanceArn,
  someAgents,
  start,
} from "./router-fixture.js";

const secret = "a-sixteen-char-secret";
const phoneKey = identityKey({ source: "phone", e164: "+819012345678" }, secret);
const customerKey = identityKey({ source: "customer-key", value: "CRM-42" }, secret);
const queueArn = (id: string) => `${instanceArn}/queue/${id}`;

/** Every agent free on every channel (the fixture's `everyoneAvailable` is voice only). */
function everyoneFreeEverywhere(presence: InMemoryAgentPresence, agents: readonly Agent[]): void {
  for (const agent of agents) {
    presence.set(agent.id, { routable: true, availableSlots: { VOICE: 1, CHAT: 2, EMAIL: 2 } });
  }
}

describe("identity on every channel", () => {
  it("sends a chat with the same customer key to the agent of last time's voice call", async () => {
    // Prepare
    const agents = someAgents(6);
    const { router, presence, clock } = aRouter(agents, { callerKeySecret: secret });
    everyoneFreeEverywhere(presence, agents);
    await router.route(aContact({ contactId: "voice-1", customerKey: "CRM-42" }));
    await router.record(aContact({ contactId: "voice-1", customerKey: "CRM-42" }), "agent-04");
    clock.advance(3_600_000);

    // Act
    const answer = await router.route({
      contactId: "chat-1",
      channel: "CHAT",
      customerAddress: undefined,
      customerKey: "CRM-42",
    });

    // Assess
    expect(answer).toMatchObject({ agentId: "agent-04", reason: "returning-caller" });
  });

  it("files a contact under every key it yields, each under the same keyed hash", async () => {
    // Prepare
    const { router, store } = aRouter(someAgents(3), { callerKeySecret: secret });

    // Act
    await router.record(aContact({ customerKey: "CRM-42" }), "agent-01");

    // Assess
    expect(
      store
        .snapshot()
        .map((record) => record.callerKey)
        .sort(),
    ).toEqual([customerKey, phoneKey].sort());
    expect(JSON.stringify(store.snapshot())).not.toContain("CRM-42");
  });

  it("reads every key of a customer in one store request", async () => {
    // Prepare
    const agents = someAgents(3);
    const { router, store, presence } = aRouter(agents, { callerKeySecret: secret });
    everyoneFreeEverywhere(presence, agents);

    // Act
    await router.route(aContact({ customerKey: "CRM-42" }));

    // Assess: findMany counts one per key.
    expect(store.finds).toBe(2);
  });

  it("remembers an email contact by its address", async () => {
    // Prepare
    const agents = someAgents(5);
    const { router, presence, clock } = aRouter(agents);
    everyoneFreeEverywhere(presence, agents);
    const email = (contactId: string) =>
      ({ contactId, channel: "EMAIL", customerAddress: "Ana@Example.com" }) as const;
    await router.record(email("e-1"), "agent-03");
    clock.advance(60_000);

    // Act
    const answer = await router.route(email("e-2"));

    // Assess
    expect(answer).toMatchObject({ agentId: "agent-03", reason: "returning-caller" });
  });

  it("ignores the customer key when the deployment does not list that source", async () => {
    // Prepare
    const { router } = aRouter(someAgents(3), { identitySources: ["phone"] });

    // Act
    const answer = await router.record(
      { contactId: "chat-1", channel: "CHAT", customerAddress: undefined, customerKey: "CRM-42" },
      "agent-01",
    );

    // Assess
    expect(answer).toMatchObject({ status: "skipped", reason: "anonymous-caller" });
  });
});

describe("scope and window", () => {
  it("keeps voice and chat agents apart in the channel scope", async () => {
    // Prepare
    const agents = someAgents(6);
    const { router, presence } = aRouter(agents, { scope: "channel" });
    everyoneFreeEverywhere(presence, agents);
    await router.record(aContact({ contactId: "v-1", customerKey: "CRM-42" }), "agent-04");

    // Act
    const chat = await router.route({
      contactId: "c-1",
      channel: "CHAT",
      customerAddress: undefined,
      customerKey: "CRM-42",
    });
    const voice = await router.route(aContact({ contactId: "v-2", customerKey: "CRM-42" }));

    // Assess
    expect(chat.reason).toBe("new-caller");
    expect(voice).toMatchObject({ agentId: "agent-04", reason: "returning-caller" });
  });

  it("gives each channel its own lifetime", async () => {
    // Prepare
    const agents = someAgents(6);
    const { router, presence, clock, store } = aRouter(agents, {
      scope: "channel",
      scopeLifetimes: { CHAT: 3_600 },
    });
    everyoneFreeEverywhere(presence, agents);
    const chat = (contactId: string) =>
      ({ contactId, channel: "CHAT", customerAddress: undefined, customerKey: "CRM-42" }) as const;
    await router.record(chat("c-1"), "agent-02");
    await router.record(aContact({ contactId: "v-1" }), "agent-03");

    // Act
    clock.advance(3_600_000);
    const chatLater = await router.route(chat("c-2"));
    const voiceLater = await router.route(aContact({ contactId: "v-2" }));

    // Assess
    expect(chatLater.reason).toBe("new-caller");
    expect(voiceLater).toMatchObject({ agentId: "agent-03", reason: "returning-caller" });
    expect(
      store
        .snapshot()
        .map((record) => record.callerKey)
        .sort(),
    ).toEqual(["+819012345678#channel:VOICE", "customer:CRM-42#channel:CHAT"]);
  });

  it("keeps queues apart in the queue scope, and records under the queue route saw", async () => {
    // Prepare
    const agents = someAgents(6);
    const { router, presence, clock } = aRouter(agents, { scope: "queue" });
    everyoneFreeEverywhere(presence, agents);
    await router.route(aContact({ contactId: "b-1", queueArn: queueArn("billing") }));
    // By the time the flow records, the working queue is the agent's own.
    await router.record(
      aContact({ contactId: "b-1", queueArn: `${instanceArn}/agent/agent-05` }),
      "agent-05",
    );
    clock.advance(60_000);

    // Act
    const billing = await router.route(
      aContact({ contactId: "b-2", queueArn: queueArn("billing") }),
    );
    const support = await router.route(
      aContact({ contactId: "s-1", queueArn: queueArn("support") }),
    );

    // Assess
    expect(billing).toMatchObject({ agentId: "agent-05", reason: "returning-caller" });
    expect(support.reason).toBe("new-caller");
  });
});

describe("who gets the credit", () => {
  it("credits nobody from the flow when a minimum talk time is set", async () => {
    // Prepare
    const { router, store } = aRouter(someAgents(3), { minimumTalkSeconds: 30 });

    // Act
    const answer = await router.record(aContact(), "agent-01");

    // Assess
    expect(answer).toMatchObject({ status: "skipped", reason: "credit-deferred" });
    expect(store.saves).toBe(0);
  });

  it("leaves affinity unchanged after a contact shorter than the minimum talk time", async () => {
    // Prepare: agent-01 served long; then a short call with agent-02.
    const agents = someAgents(4);
    const { router, store, presence, clock } = aRouter(agents, { minimumTalkSeconds: 30 });
    everyoneAvailable(presence, agents);
    await router.route(aContact({ contactId: "c-1" }));
    // The events arrive after the calls ended: no time from the future.
    clock.advance(240_000);
    await router.recordAnsweredContact({
      contactId: "c-1",
      agentId: "agent-01",
      at: start,
      disconnectedAt: start + 120_000,
    });
    await router.route(aContact({ contactId: "c-2" }));
    const before = store.snapshot();

    // Act
    const short = await router.recordAnsweredContact({
      contactId: "c-2",
      agentId: "agent-02",
      at: start + 200_000,
      disconnectedAt: start + 229_999,
    });
    clock.advance(600_000);
    const next = await router.route(aContact({ contactId: "c-3" }));

    // Assess
    // Not credited, but the promise is reported all the same: the promised agent answered.
    expect(short).toEqual({
      status: "skipped",
      reason: "talk-too-short",
      offer: expect.objectContaining({ preferredAgentId: "agent-01", decision: "offered" }),
    });
    expect(store.snapshot()).toEqual(before);
    expect(next).toMatchObject({ agentId: "agent-01", reason: "returning-caller" });
  });

  it("needs the contact's end to judge a minimum talk time", async () => {
    const { router } = aRouter(someAgents(3), { minimumTalkSeconds: 30 });
    await router.route(aContact({ contactId: "c-1" }));
    expect(
      await router.recordAnsweredContact({ contactId: "c-1", agentId: "agent-01", at: start }),
    ).toEqual({ status: "skipped", reason: "talk-time-unknown" });
  });

  it("credits the agent who finished a transferred contact, or the first one when told", async () => {
    for (const [transferCredit, expected] of [
      ["finishing", "agent-02"],
      ["first", "agent-01"],
    ] as const) {
      // Prepare
      const agents = someAgents(4);
      const { router, presence, clock } = aRouter(agents, { transferCredit });
      everyoneAvailable(presence, agents);
      await router.route(aContact({ contactId: "c-1" }));

      // Act: agent-01 answers, then transfers to agent-02 (a new contact of the same chain).
      await router.recordAnsweredContact({ contactId: "c-1", agentId: "agent-01", at: start });
      const transfer = await router.recordAnsweredContact({
        contactId: "c-1-transfer",
        initialContactId: "c-1",
        agentId: "agent-02",
        at: start + 60_000,
      });
      clock.advance(3_600_000);
      const next = await router.route(aContact({ contactId: "c-2" }));

      // Assess
      expect(transfer.status).toBe(transferCredit === "first" ? "skipped" : "recorded");
      expect(next).toMatchObject({ agentId: expected, reason: "returning-caller" });
    }
  });

  it("credits an outbound contact only when told, through the customer the event names", async () => {
    for (const creditOutbound of [false, true]) {
      // Prepare
      const agents = someAgents(4);
      const { router, presence, clock } = aRouter(agents, { creditOutbound });
      everyoneAvailable(presence, agents);

      // Act
      const outcome = await router.recordAnsweredContact({
        contactId: "out-1",
        agentId: "agent-03",
        at: start,
        outbound: true,
        customer: { channel: "VOICE", customerAddress: "+81 90-1234-5678" },
      });
      clock.advance(60_000);
      const next = await router.route(aContact({ contactId: "in-1" }));

      // Assess
      expect(outcome).toEqual(
        creditOutbound
          ? { status: "recorded" }
          : { status: "skipped", reason: "outbound-not-credited" },
      );
      expect(next.reason).toBe(creditOutbound ? "returning-caller" : "new-caller");
    }
  });

  it("gives an agent who opted out no affinity", async () => {
    // Prepare
    const agents: Agent[] = [...someAgents(2), { ...anAgent("agent-out"), optedOut: true }];
    const { router, store } = aRouter(agents);
    await router.route(aContact({ contactId: "c-1" }));

    // Act
    const fromFlow = await router.record(aContact(), "agent-out");
    const fromEvent = await router.recordAnsweredContact({
      contactId: "c-1",
      agentId: "agent-out",
      at: start,
    });

    // Assess
    expect(fromFlow).toMatchObject({ status: "skipped", reason: "agent-opted-out" });
    expect(fromEvent).toEqual({ status: "skipped", reason: "agent-opted-out" });
    expect(store.saves).toBe(0);
  });
});

describe("exclusions and pins", () => {
  it("never offers an excluded agent, neither as the returning caller's agent nor later", async () => {
    // Prepare: the caller's last agent is agent-00, and the customer excluded them and two more.
    const agents = someAgents(6);
    const { router, store, presence } = aRouter(agents);
    everyoneAvailable(presence, agents);
    await router.record(aContact({ contactId: "c-0" }), "agent-00");
    await store.block("+819012345678", ["agent-00", "agent-01", "agent-02"]);

    // Act: route, then next until the candidates run out.
    const offered: string[] = [];
    let answer = await router.route(aContact({ contactId: "c-1" }));
    for (let guard = 0; guard < 10 && answer.status === "agent"; guard += 1) {
      offered.push(answer.agentId);
      answer = await router.next(aContact({ contactId: "c-1" }), answer.cursor);
    }

    // Assess
    expect(offered.length).toBeGreaterThan(0);
    expect(offered).not.toContain("agent-00");
    expect(offered).not.toContain("agent-01");
    expect(offered).not.toContain("agent-02");
    expect(offered.sort()).toEqual(["agent-03", "agent-04", "agent-05"]);
  });

  it("never names an excluded agent in routing criteria", async () => {
    // Prepare
    const agents = someAgents(6);
    const { router, store, presence } = aRouter(agents);
    everyoneAvailable(presence, agents);
    await router.record(aContact({ contactId: "c-0" }), "agent-05");
    await store.block("+819012345678", ["agent-00", "agent-03"]);

    // Act
    const answer = await router.routingCriteria(aContact({ contactId: "c-1" }));

    // Assess
    expect(answer.status).toBe("preferred");
    const named = JSON.stringify(answer.routingCriteria);
    expect(named).toContain("agent-05");
    expect(named).not.toContain("agent-00");
    expect(named).not.toContain("agent-03");
  });

  it("carries the exclusions in the cursor, so next honours them without reading the store", async () => {
    // Prepare
    const agents = someAgents(4);
    const { router, store, presence } = aRouter(agents);
    everyoneAvailable(presence, agents);
    await store.block("+819012345678", ["agent-02"]);
    const first = await router.route(aContact());
    const finds = store.finds;

    // Act
    const cursor = first.status === "agent" ? decodeCursor(first.cursor) : undefined;
    const second = first.status === "agent" ? await router.next(aContact(), first.cursor) : first;

    // Assess
    expect(cursor?.customerExcluded).toEqual(["agent-02"]);
    expect(second.agentId).not.toBe("agent-02");
    expect(store.finds).toBe(finds);
  });

  it("sends a pinned customer to their dedicated agent, over the agent who served last", async () => {
    // Prepare
    const agents = someAgents(6);
    const { router, store, presence } = aRouter(agents);
    everyoneAvailable(presence, agents);
    await router.record(aContact({ contactId: "c-0" }), "agent-01");
    await store.pin("+819012345678", {
      agentId: "agent-04",
      agentArn: anAgent("agent-04").arn,
      pinnedAt: start,
      until: start + 86_400_000,
    });

    // Act
    const answer = await router.route(aContact({ contactId: "c-1" }));

    // Assess
    expect(answer).toMatchObject({ agentId: "agent-04", reason: "returning-caller" });
  });

  it("never sends a customer to an agent who opted out, even one they were pinned to", async () => {
    // Prepare
    const agents: Agent[] = [...someAgents(3), { ...anAgent("agent-out"), optedOut: true }];
    const { router, store, presence } = aRouter(agents);
    everyoneAvailable(presence, agents);
    await store.pin("+819012345678", {
      agentId: "agent-out",
      agentArn: anAgent("agent-out").arn,
      pinnedAt: start,
    });

    // Act
    const answer = await router.route(aContact());

    // Assess
    expect(answer.reason).toBe("new-caller");
  });

  it("drops a deleted agent at once: the pin and history naming them are passed over", async () => {
    // Prepare
    const agents = someAgents(4);
    const { router, store, presence, directory } = aRouter(agents);
    everyoneAvailable(presence, agents);
    await router.record(aContact({ contactId: "c-0" }), "agent-02");

    // Act
    directory.setAgents(agents.filter((agent) => agent.id !== "agent-02"));
    const answer = await router.route(aContact({ contactId: "c-1" }));

    // Assess
    expect(answer).toMatchObject({ reason: "new-caller" });
    expect(answer.agentId).not.toBe("agent-02");
    expect(store.snapshot()).toHaveLength(1);
  });
});
