import { describe, expect, it } from "vitest";
import { InvalidOptionError, StickyRouter } from "../../src/index.js";
import {
  InMemoryAffinityStore,
  InMemoryAgentDirectory,
  InMemoryAgentPresence,
  ManualClock,
  SeededRandom,
} from "../../src/testing/index.js";
import {
  aContact,
  anAgent,
  aRouter,
  busy,
  everyoneAvailable,
  someAgents,
  start,
} from "./router-fixture.js";

const callerKey = "+819012345678";

describe("StickyRouter contact index", () => {
  it("remembers a known caller's contact for a day when it routes them", async () => {
    // Prepare
    const agents = someAgents(3);
    const { router, store, presence } = aRouter(agents);
    everyoneAvailable(presence, agents);

    // Act
    await router.route(aContact({ contactId: "c-route" }));

    // Assess
    expect(store.contactIndexSnapshot()).toEqual([
      {
        contactId: "c-route",
        callerKey,
        callerKeys: [callerKey],
        expiresAt: start / 1000 + 86_400,
      },
    ]);
  });

  it("remembers the contact for routing criteria too, with the configured lifetime", async () => {
    // Prepare
    const { router, store } = aRouter(someAgents(3), { contactIndexLifetimeSeconds: 3_600 });

    // Act
    await router.routingCriteria(aContact({ contactId: "c-criteria" }));

    // Assess
    expect(store.contactIndexSnapshot()).toEqual([
      {
        contactId: "c-criteria",
        callerKey,
        callerKeys: [callerKey],
        expiresAt: start / 1000 + 3_600,
      },
    ]);
  });

  it("remembers nothing for an anonymous caller", async () => {
    // Prepare
    const { router, store } = aRouter(someAgents(3));

    // Act
    await router.route(aContact({ customerAddress: "anonymous" }));
    await router.routingCriteria(aContact({ customerAddress: undefined }));

    // Assess
    expect(store.contactIndexSnapshot()).toEqual([]);
    expect(store.contactWrites).toBe(0);
  });

  it("routes the contact all the same when the index cannot be written, and reports it", async () => {
    // Prepare
    const agents = someAgents(3);
    const { router, store, presence, degradations } = aRouter(agents);
    everyoneAvailable(presence, agents);
    await router.record(aContact({ contactId: "c-before" }), "agent-02");
    store.failContactIndexWith(new Error("throttled"));

    // Act
    const answer = await router.route(aContact({ contactId: "c-2" }));

    // Assess
    expect(answer).toMatchObject({
      status: "agent",
      agentId: "agent-02",
      reason: "returning-caller",
    });
    expect(degradations).toEqual([
      expect.objectContaining({ component: "contact-index", reason: "contact index unwritable" }),
    ]);
  });

  it("neither writes nor fails without an index in its dependencies", async () => {
    // Prepare
    const agents = someAgents(2);
    const clock = new ManualClock(start);
    const store = new InMemoryAffinityStore();
    const presence = new InMemoryAgentPresence(clock);
    everyoneAvailable(presence, agents);
    const router = new StickyRouter({
      store,
      directory: new InMemoryAgentDirectory(agents),
      presence,
      clock,
      random: new SeededRandom(1),
    });

    // Act
    const answer = await router.route(aContact());
    const recording = router.recordAnsweredContact({
      contactId: "contact-1",
      agentId: "agent-01",
      at: start,
    });

    // Assess
    expect(answer.status).toBe("agent");
    expect(store.contactWrites).toBe(0);
    await expect(recording).rejects.toThrow(InvalidOptionError);
  });
});

describe("StickyRouter.recordAnsweredContact", () => {
  it("records the agent who answered a caller routed to the fallback queue", async () => {
    // Prepare: the caller's agent is busy, every offer fails, the queue hands the call to agent-02.
    const agents = someAgents(3);
    const { router, store, presence, clock } = aRouter(agents);
    for (const agent of agents) presence.set(agent.id, busy);
    await router.route(aContact({ contactId: "c-fallback" }));
    clock.advance(90_000);

    // Act
    const outcome = await router.recordAnsweredContact({
      contactId: "c-fallback",
      agentId: "agent-02",
      at: clock.now(),
    });

    // Assess
    expect(outcome).toEqual({ status: "recorded" });
    expect(store.snapshot()).toEqual([
      {
        callerKey,
        version: 2,
        agents: [
          {
            agentId: "agent-02",
            agentArn: anAgent("agent-02").arn,
            lastServedAt: start + 90_000,
            count: 1,
            expiresAt: (start + 90_000) / 1000 + 90 * 86_400,
          },
        ],
        lastContact: { contactId: "c-fallback", at: start + 90_000 },
        contactCount: 1,
        excludedAgentIds: [],
      },
    ]);
  });

  it("sends the caller's next contact to the agent who answered the last one", async () => {
    // Prepare
    const agents = someAgents(5);
    const { router, presence, clock } = aRouter(agents);
    everyoneAvailable(presence, agents);
    await router.route(aContact({ contactId: "c-1" }));
    await router.recordAnsweredContact({ contactId: "c-1", agentId: "agent-04", at: clock.now() });
    clock.advance(3_600_000);

    // Act
    const answer = await router.route(aContact({ contactId: "c-2" }));

    // Assess
    expect(answer).toMatchObject({ agentId: "agent-04", reason: "returning-caller" });
  });

  it("finds the caller of a transferred contact through its initial contact", async () => {
    // Prepare
    const { router, store, clock } = aRouter(someAgents(3));
    await router.route(aContact({ contactId: "c-initial" }));
    clock.advance(120_000);

    // Act
    const outcome = await router.recordAnsweredContact({
      contactId: "c-transfer",
      initialContactId: "c-initial",
      agentId: "agent-01",
      at: clock.now(),
    });

    // Assess
    expect(outcome).toEqual({ status: "recorded" });
    expect(store.snapshot()).toMatchObject([
      {
        callerKey,
        agents: [{ agentId: "agent-01" }],
        lastContact: { contactId: "c-transfer" },
        contactCount: 1,
      },
    ]);
  });

  it("asks the index once for a contact that is its own initial contact", async () => {
    // Prepare
    const { router, store } = aRouter(someAgents(3));

    // Act
    const outcome = await router.recordAnsweredContact({
      contactId: "c-1",
      initialContactId: "c-1",
      agentId: "agent-01",
      at: start,
    });

    // Assess
    expect(outcome).toEqual({ status: "skipped", reason: "unknown-contact" });
    expect(store.contactReads).toBe(1);
  });

  it("skips a contact whose caller is not known, without touching the records", async () => {
    // Prepare
    const { router, store } = aRouter(someAgents(3));
    await router.route(aContact({ contactId: "c-anonymous", customerAddress: "anonymous" }));

    // Act
    const outcome = await router.recordAnsweredContact({
      contactId: "c-anonymous",
      agentId: "agent-01",
      at: start,
    });

    // Assess
    expect(outcome).toEqual({ status: "skipped", reason: "unknown-contact" });
    expect(store.saves).toBe(0);
  });

  it("skips a contact whose index entry has been swept", async () => {
    // Prepare
    const { router, store } = aRouter(someAgents(3));
    await router.route(aContact({ contactId: "c-old" }));
    store.expireContact("c-old");

    // Act
    const outcome = await router.recordAnsweredContact({
      contactId: "c-old",
      agentId: "agent-01",
      at: start,
    });

    // Assess
    expect(outcome).toEqual({ status: "skipped", reason: "unknown-contact" });
    expect(store.snapshot()).toEqual([]);
  });

  it("skips an agent the directory does not know", async () => {
    // Prepare
    const { router, store } = aRouter(someAgents(3));
    await router.route(aContact({ contactId: "c-1" }));

    // Act
    const outcome = await router.recordAnsweredContact({
      contactId: "c-1",
      agentId: "supervisor-9",
      at: start,
    });

    // Assess
    expect(outcome).toEqual({ status: "skipped", reason: "unknown-agent" });
    expect(store.snapshot()).toEqual([]);
  });

  it("never lets a late event overwrite the caller's newer assignment", async () => {
    // Prepare
    const { router, store, clock } = aRouter(someAgents(3));
    await router.route(aContact({ contactId: "c-old" }));
    clock.advance(600_000);
    await router.record(aContact({ contactId: "c-new" }), "agent-01");

    // Act
    const outcome = await router.recordAnsweredContact({
      contactId: "c-old",
      agentId: "agent-02",
      at: start + 1_000,
    });

    // Assess
    expect(outcome).toEqual({ status: "skipped", reason: "superseded" });
    expect(store.snapshot()).toMatchObject([
      { agents: [{ agentId: "agent-01" }], lastContact: { contactId: "c-new" } },
    ]);
  });

  it("counts a contact once when the flow's record and the event both report it", async () => {
    // Prepare: record stored the offered agent; the event says another one really answered.
    const { router, store, clock } = aRouter(someAgents(3));
    await router.route(aContact({ contactId: "c-1" }));
    await router.record(aContact({ contactId: "c-1" }), "agent-00");

    // Act
    const outcome = await router.recordAnsweredContact({
      contactId: "c-1",
      agentId: "agent-02",
      at: clock.now() + 5_000,
    });

    // Assess
    expect(outcome).toEqual({ status: "recorded" });
    expect(store.snapshot()).toMatchObject([
      {
        agents: [{ agentId: "agent-02", count: 1 }, { agentId: "agent-00" }],
        lastContact: { contactId: "c-1" },
        contactCount: 1,
      },
    ]);
  });

  it("rejects when the index cannot be read, so the event is retried", async () => {
    // Prepare
    const { router, store } = aRouter(someAgents(3));
    await router.route(aContact({ contactId: "c-1" }));
    store.failContactIndexWith(new Error("index down"));

    // Act
    const recording = router.recordAnsweredContact({
      contactId: "c-1",
      agentId: "agent-01",
      at: start,
    });

    // Assess
    await expect(recording).rejects.toThrow("index down");
    expect(store.snapshot()).toEqual([]);
  });

  it("rejects a time that is not epoch milliseconds", async () => {
    // Prepare
    const { router } = aRouter(someAgents(1));

    // Act
    const recording = router.recordAnsweredContact({
      contactId: "c-1",
      agentId: "agent-00",
      at: Number.NaN,
    });

    // Assess
    await expect(recording).rejects.toThrow(RangeError);
  });
});
