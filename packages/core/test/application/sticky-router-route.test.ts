import { describe, expect, it } from "vitest";
import { candidateResponseKeys, NONE } from "../../src/contract/attribute-contract.js";
import { candidateOrder } from "../../src/domain/candidate-order.js";
import { seedFromText } from "../../src/domain/rendezvous-rank.js";
import { decodeCursor } from "../../src/domain/routing-cursor.js";
import { type Agent, callerKey, DirectoryUnavailableError, StickyRouter } from "../../src/index.js";
import {
  aContact,
  anAgent,
  aRouter,
  available,
  busy,
  everyoneAvailable,
  someAgents,
  start,
} from "./router-fixture.js";

const day = 86_400_000;

describe("StickyRouter.route", () => {
  it("routes a returning caller to their last agent", async () => {
    // Prepare
    const agents = someAgents(10);
    const { router, presence } = aRouter(agents);
    everyoneAvailable(presence, agents);
    await router.record(aContact({ contactId: "earlier" }), "agent-07");

    // Act
    const answer = await router.route(aContact());

    // Assess
    expect(answer).toMatchObject({
      status: "agent",
      agentId: "agent-07",
      agentArn: anAgent("agent-07").arn,
      reason: "returning-caller",
      presence: "verified",
    });
  });

  it("returns every key of the contract, with sentinels when nobody is offered", async () => {
    // Prepare
    const { router } = aRouter([]);

    // Act
    const answer = await router.route(aContact());

    // Assess
    expect(Object.keys(answer).sort()).toEqual([...candidateResponseKeys].sort());
    expect(answer).toEqual({
      status: "none",
      agentId: NONE,
      agentArn: NONE,
      reason: "no-routable-agents",
      cursor: NONE,
      presence: "unverified",
    });
  });

  it("reports an empty directory as a degradation, so every fallback is not silent", async () => {
    // Prepare
    const { router, degradations } = aRouter([]);

    // Act
    await router.route(aContact());

    // Assess
    expect(degradations).toEqual([
      { component: "directory", reason: "directory empty: no routable agents" },
    ]);
  });

  it("ignores an expired record and routes the caller as new", async () => {
    // Prepare
    const agents = someAgents(10);
    const { router, presence, clock } = aRouter(agents, { affinityLifetimeSeconds: 86_400 });
    presence.set("agent-07", available());
    presence.set("agent-02", available());
    await router.record(aContact({ contactId: "earlier" }), "agent-07");
    clock.advance(day + 1);

    // Act
    const answer = await router.route(aContact());

    // Assess
    expect(answer.reason).toBe("new-caller");
  });

  it("ignores a record whose agent is gone from the directory", async () => {
    // Prepare
    const agents = someAgents(5);
    const { router, presence, directory } = aRouter(agents);
    everyoneAvailable(presence, agents);
    await router.record(aContact({ contactId: "earlier" }), "agent-03");
    directory.setAgents(agents.filter((agent) => agent.id !== "agent-03"));

    // Act
    const answer = await router.route(aContact());

    // Assess
    expect(answer).toMatchObject({ status: "agent", reason: "new-caller" });
    expect(answer.agentId).not.toBe("agent-03");
  });

  it("offers another available agent when the preferred agent is busy", async () => {
    // Prepare
    const agents = someAgents(6);
    const { router, presence } = aRouter(agents);
    everyoneAvailable(presence, agents);
    presence.set("agent-04", busy);
    await router.record(aContact({ contactId: "earlier" }), "agent-04");

    // Act
    const answer = await router.route(aContact());

    // Assess
    expect(answer).toMatchObject({
      status: "agent",
      reason: "preferred-agent-busy",
      presence: "verified",
    });
    expect(answer.agentId).not.toBe("agent-04");
    expect(decodeCursor(answer.cursor).excluded).toContain("agent-04");
  });

  it.each([
    ["anonymous", "anonymous"],
    ["withheld keypad spelling", "+266696687"],
    ["invalid", "12ab"],
    ["absent (chat)", undefined],
  ])("routes a %s caller as new and stores nothing", async (_, customerAddress) => {
    // Prepare
    const agents = someAgents(4);
    const { router, presence, store } = aRouter(agents);
    everyoneAvailable(presence, agents);

    // Act
    const answer = await router.route(aContact({ customerAddress }));
    const recorded = await router.record(aContact({ customerAddress }), answer.agentId);

    // Assess
    expect(answer).toMatchObject({ status: "agent", reason: "new-caller" });
    expect(recorded).toMatchObject({ status: "skipped", reason: "anonymous-caller" });
    expect(store.finds).toBe(0);
    expect(store.snapshot()).toEqual([]);
  });

  it("offers the first candidate in order, unverified, when presence is unknown", async () => {
    // Prepare
    const agents = someAgents(6);
    const { router, presence, degradations } = aRouter(agents, { strategy: "random" });
    presence.failWith("throttled");

    // Act
    const answer = await router.route(aContact());

    // Assess
    expect(answer).toMatchObject({ status: "agent", reason: "new-caller", presence: "unverified" });
    expect(decodeCursor(answer.cursor).last).toBe(answer.agentId);
    expect(degradations).toEqual([{ component: "presence", reason: "presence throttled" }]);
  });

  it("offers the preferred agent unverified when presence is unknown", async () => {
    // Prepare
    const agents = someAgents(6);
    const { router, presence } = aRouter(agents);
    await router.record(aContact({ contactId: "earlier" }), "agent-05");
    presence.failWith("failed");

    // Act
    const answer = await router.route(aContact());

    // Assess
    expect(answer).toMatchObject({
      agentId: "agent-05",
      reason: "returning-caller",
      presence: "unverified",
    });
  });

  it("routes the caller as new when the store is down, and says so", async () => {
    // Prepare
    const agents = someAgents(4);
    const { router, presence, store, degradations } = aRouter(agents);
    everyoneAvailable(presence, agents);
    await router.record(aContact({ contactId: "earlier" }), "agent-01");
    store.failWith(new Error("ProvisionedThroughputExceeded"));

    // Act
    const answer = await router.route(aContact());

    // Assess
    expect(answer).toMatchObject({ status: "agent", reason: "new-caller" });
    // The same table holds the contact index, so its write fails too; both are reported.
    expect(degradations).toMatchObject([{ component: "store" }, { component: "contact-index" }]);
  });

  it("offers the stored agent unverified when the directory is down", async () => {
    // Prepare
    const agents = someAgents(4);
    const { router, presence, directory, degradations } = aRouter(agents);
    everyoneAvailable(presence, agents);
    await router.record(aContact({ contactId: "earlier" }), "agent-02");
    directory.failWith(new DirectoryUnavailableError("throttled"));

    // Act
    const answer = await router.route(aContact());

    // Assess
    expect(answer).toMatchObject({
      status: "agent",
      agentId: "agent-02",
      agentArn: anAgent("agent-02").arn,
      reason: "returning-caller",
      presence: "unverified",
    });
    expect(degradations).toMatchObject([
      { component: "directory", reason: "directory unavailable (throttled)" },
    ]);
  });

  it("offers nobody when the directory is down and the caller has no fresh record", async () => {
    // Prepare
    const { router, directory } = aRouter(someAgents(4));
    directory.failWith(new Error("boom"));

    // Act
    const answer = await router.route(aContact());

    // Assess
    expect(answer).toMatchObject({ status: "none", reason: "no-routable-agents" });
  });

  it("answers no-agent-available when presence says everyone is busy", async () => {
    // Prepare
    const agents = someAgents(5);
    const { router, presence } = aRouter(agents);
    for (const agent of agents) presence.set(agent.id, busy);

    // Act
    const answer = await router.route(aContact());

    // Assess
    expect(answer).toMatchObject({
      status: "none",
      reason: "no-agent-available",
      presence: "verified",
    });
  });

  it("looks past a busy presence window, at most two lookups, then answers unverified", async () => {
    // Prepare
    const agents = someAgents(30);
    const { router, presence } = aRouter(agents, { presenceWindow: 5, strategy: "random" });
    for (const agent of agents) presence.set(agent.id, busy);

    // Act
    const answer = await router.route(aContact());

    // Assess
    expect(presence.lookups).toBe(2);
    expect(presence.lookedUp.map((ids) => ids.length)).toEqual([5, 5]);
    expect(answer).toMatchObject({ status: "agent", presence: "unverified" });
    expect(presence.lookedUp.flat()).not.toContain(answer.agentId);
  });

  it("finds an available agent in the second presence window", async () => {
    // Prepare
    const agents = someAgents(12);
    const { router, presence } = aRouter(agents, { presenceWindow: 5, strategy: "caller-hash" });
    const order = candidateOrder({
      agents,
      seed: seedFromText(callerKey("+819012345678")),
      strategy: "caller-hash",
    });
    for (const agent of agents) presence.set(agent.id, busy);
    const target = order[7] as Agent;
    presence.set(target.id, available());

    // Act
    const answer = await router.route(aContact());

    // Assess
    expect(answer).toMatchObject({ status: "agent", agentId: target.id, presence: "verified" });
    expect(presence.lookedUp).toEqual([
      order.slice(0, 5).map((agent) => agent.id),
      order.slice(5, 10).map((agent) => agent.id),
    ]);
  });

  it("with longest-idle and an idle pool of 1, offers the new caller the agent idle longest", async () => {
    // Prepare
    const agents = someAgents(8);
    const { router, presence } = aRouter(agents, { idlePoolSize: 1 });
    agents.forEach((agent, index) => {
      presence.set(agent.id, available(start - index * 1000));
    });

    // Act
    const answer = await router.route(aContact());

    // Assess
    expect(answer).toMatchObject({
      agentId: "agent-07",
      reason: "new-caller",
      presence: "verified",
    });
  });

  it("reads the store and the directory once each, and presence once, in the steady state", async () => {
    // Prepare
    const agents = someAgents(50);
    const { router, presence, store, directory } = aRouter(agents);
    everyoneAvailable(presence, agents);

    // Act
    await router.route(aContact());

    // Assess
    expect([store.finds, directory.calls, presence.lookups]).toEqual([1, 1, 1]);
  });

  it("keeps routing when the observer itself throws", async () => {
    // Prepare
    const agents = someAgents(3);
    const { store, directory, presence, clock, random } = aRouter(agents);
    everyoneAvailable(presence, agents);
    store.failWith(new Error("down"));
    const observer = {
      degraded: (): void => {
        throw new Error("logger broken");
      },
    };
    const router = new StickyRouter({ store, directory, presence, clock, random, observer });

    // Act
    const answer = await router.route(aContact());

    // Assess
    expect(answer).toMatchObject({ status: "agent", reason: "new-caller" });
  });

  it("never stores the raw number when a caller-key secret is set", async () => {
    // Prepare
    const agents = someAgents(3);
    const { router, store } = aRouter(agents, { callerKeySecret: "test-secret-of-16-characters" });

    // Act
    await router.record(aContact(), "agent-01");

    // Assess
    const [record] = store.snapshot();
    expect(record?.callerKey).toBe(callerKey("+819012345678", "test-secret-of-16-characters"));
    expect(JSON.stringify(store.snapshot())).not.toContain("9012345678");
  });
});

describe("StickyRouter.route on other channels and presence sources", () => {
  it("routes a chat contact (no phone number) to an agent with a free chat slot", async () => {
    // Prepare
    const agents = someAgents(4);
    const { router, presence, store } = aRouter(agents);
    for (const agent of agents) presence.set(agent.id, available());
    presence.set("agent-02", { routable: true, availableSlots: { VOICE: 0, CHAT: 2 } });

    // Act
    const answer = await router.route(aContact({ channel: "CHAT", customerAddress: undefined }));

    // Assess
    expect(answer).toMatchObject({
      agentId: "agent-02",
      reason: "new-caller",
      presence: "verified",
    });
    expect(store.finds).toBe(0);
  });

  it("answers unverified without reporting a degradation when presence is switched off", async () => {
    // Prepare
    const agents = someAgents(3);
    const { router, presence, degradations } = aRouter(agents);
    presence.failWith("disabled");

    // Act
    const answer = await router.route(aContact());

    // Assess
    expect(answer).toMatchObject({ status: "agent", presence: "unverified" });
    expect(degradations).toEqual([]);
  });

  it("reports a presence source that rejects, and still answers", async () => {
    // Prepare
    const agents = someAgents(3);
    const { store, directory, clock, random, degradations } = aRouter(agents);
    const presence = {
      lookup: (): Promise<never> => Promise.reject(new Error("socket hang up")),
    };
    const router = new StickyRouter({
      store,
      directory,
      presence,
      clock,
      random,
      observer: { degraded: (event) => degradations.push(event) },
    });

    // Act
    const answer = await router.route(aContact());

    // Assess
    expect(answer).toMatchObject({ status: "agent", presence: "unverified" });
    expect(degradations).toMatchObject([
      { component: "presence", reason: "presence lookup rejected" },
    ]);
  });
});
