import { describe, expect, it } from "vitest";
import {
  assignmentFor,
  callerKey,
  type DegradationEvent,
  InvalidCursorError,
  StickyRouter,
} from "../../src/index.js";
import {
  InMemoryAffinityStore,
  InMemoryAgentIndex,
  ManualClock,
  SeededRandom,
} from "../../src/testing/index.js";
import {
  aContact,
  anAgent,
  available,
  busy,
  caller,
  instanceArn,
  someAgents,
  start,
} from "./router-fixture.js";

const callerE164 = "+819012345678";

/** A router on an in-memory agent index, with every fake exposed. */
function anIndexRouter(
  options: {
    readonly shards?: number;
    readonly current?: boolean;
    readonly strategy?: "longest-idle" | "random" | "caller-hash";
    readonly idlePoolSize?: number;
    readonly preferredWaitSeconds?: number;
  } = {},
) {
  const store = new InMemoryAffinityStore();
  const clock = new ManualClock(start);
  const index = new InMemoryAgentIndex(clock, {
    shards: options.shards ?? 1,
    current: options.current ?? true,
  });
  const degradations: DegradationEvent[] = [];
  const router = new StickyRouter(
    {
      store,
      contacts: store,
      agentIndex: index,
      clock,
      random: new SeededRandom(2026),
      observer: { degraded: (event) => degradations.push(event) },
    },
    {
      strategy: options.strategy ?? "longest-idle",
      idlePoolSize: options.idlePoolSize ?? 1,
      ...(options.preferredWaitSeconds === undefined
        ? {}
        : { preferredWaitSeconds: options.preferredWaitSeconds }),
    },
  );
  return { router, store, clock, index, degradations };
}

async function remember(store: InMemoryAffinityStore, agentId: string, at: number): Promise<void> {
  const agent = anAgent(agentId);
  await store.save(
    assignmentFor({
      callerKey: callerKey(callerE164),
      agent,
      contactId: "old-contact",
      at,
      lifetimeSeconds: 86_400,
    }),
  );
}

describe("StickyRouter on an agent index", () => {
  it("offers a returning caller their free agent after one entry read, and reserves them", async () => {
    // Prepare
    const { router, store, index } = anIndexRouter();
    for (const agent of someAgents(50)) index.setAgent(agent, available(start - 60_000));
    index.setAgent(anAgent("theirs"), available(start - 1_000));
    await remember(store, "theirs", start - 3_600_000);

    // Act
    const answer = await router.route(aContact());

    // Assess
    expect(answer).toMatchObject({
      status: "agent",
      agentId: "theirs",
      reason: "returning-caller",
      presence: "verified",
    });
    expect(index.calls).toEqual({ status: 1, agent: 1, available: 0, reserve: 1 });
    expect(index.reservations).toEqual([{ agentId: "theirs", contactId: "contact-1" }]);
  });

  it("offers a busy returning caller's agent's place to the agent idle longest, reading one shard", async () => {
    // Prepare
    const { router, store, index } = anIndexRouter();
    index.setAgent(anAgent("theirs"), busy);
    index.setAgent(anAgent("idle-long"), available(start - 600_000));
    index.setAgent(anAgent("idle-short"), available(start - 1_000));
    await remember(store, "theirs", start - 3_600_000);

    // Act
    const answer = await router.route(aContact());

    // Assess
    expect(answer).toMatchObject({ agentId: "idle-long", reason: "preferred-agent-busy" });
    expect(index.calls).toEqual({ status: 1, agent: 1, available: 1, reserve: 1 });
  });

  it("offers a returning caller's next ranked agent when their last one is busy, before any shard", async () => {
    // Prepare
    const { router, store, index } = anIndexRouter();
    index.setAgent(anAgent("last"), busy);
    index.setAgent(anAgent("earlier"), available(start - 1_000));
    index.setAgent(anAgent("idle-long"), available(start - 600_000));
    await remember(store, "earlier", start - 7_200_000);
    await remember(store, "last", start - 3_600_000);

    // Act
    const answer = await router.route(aContact());

    // Assess
    expect(answer).toMatchObject({ agentId: "earlier", reason: "ranked-agent" });
    expect(index.calls).toEqual({ status: 1, agent: 2, available: 0, reserve: 1 });
  });

  it("answers a busy returning caller's agent with presence busy when the wait is on", async () => {
    // Prepare
    const { router, store, index } = anIndexRouter({ preferredWaitSeconds: 10 });
    index.setAgent(anAgent("theirs"), busy);
    index.setAgent(anAgent("idle-long"), available(start - 600_000));
    await remember(store, "theirs", start - 3_600_000);

    // Act
    const answer = await router.route(aContact());

    // Assess
    expect(answer).toMatchObject({
      agentId: "theirs",
      reason: "returning-caller",
      presence: "busy",
    });
    expect(index.calls.available).toBe(0);
  });

  it("counts a returning caller's agent another contact reserved as busy", async () => {
    // Prepare: contact-1 reserves the caller's agent; the same caller calls again meanwhile.
    const { router, store, index } = anIndexRouter();
    index.setAgent(anAgent("theirs"), available(start - 60_000));
    index.setAgent(anAgent("idle-long"), available(start - 600_000));
    await remember(store, "theirs", start - 3_600_000);
    const first = await router.route(aContact());

    // Act
    const second = await router.route(aContact({ contactId: "contact-2" }));

    // Assess
    expect(first).toMatchObject({ agentId: "theirs", reason: "returning-caller" });
    expect(second).toMatchObject({ agentId: "idle-long", reason: "preferred-agent-busy" });
  });

  it("reads the same few items a route whatever the floor size", async () => {
    // Prepare
    const calls = [];
    for (const size of [100, 1_000, 20_000]) {
      const { router, index } = anIndexRouter({ shards: 4 });
      for (const [n, agent] of someAgents(size).entries()) {
        index.setAgent(agent, n % 3 === 0 ? busy : available(start - n));
      }

      // Act
      await router.route(aContact({ customerAddress: "anonymous" }));
      calls.push(index.calls);
    }

    // Assess
    expect(calls).toEqual([
      { status: 1, agent: 0, available: 1, reserve: 1 },
      { status: 1, agent: 0, available: 1, reserve: 1 },
      { status: 1, agent: 0, available: 1, reserve: 1 },
    ]);
  });

  it("offers different agents to concurrent new callers who read the same index", async () => {
    // Prepare: everyone idle since the same moment, so every contact's pool is the same.
    const { router, index } = anIndexRouter({ shards: 4, idlePoolSize: 5 });
    for (const agent of someAgents(40)) index.setAgent(agent, available(start - 60_000));

    // Act
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, n) =>
        router.route(aContact({ contactId: `c${n}`, customerAddress: `+8190000000${n}0` })),
      ),
    );

    // Assess
    expect(new Set(answers.map((answer) => answer.agentId)).size).toBe(5);
    expect(index.reservations).toHaveLength(5);
  });

  it("treats a returning caller's unlisted agent as gone, and their record as unconfirmed while the index is unreadable", async () => {
    // Prepare
    const gone = anIndexRouter();
    gone.index.setAgent(anAgent("theirs"), available(start), false);
    gone.index.setAgent(anAgent("other"), available(start));
    await remember(gone.store, "theirs", start - 60_000);
    const down = anIndexRouter();
    await remember(down.store, "theirs", start - 60_000);
    down.index.failWith("throttled");

    // Act
    const goneAnswer = await gone.router.route(aContact());
    const downAnswer = await down.router.route(aContact());

    // Assess
    expect(goneAnswer).toMatchObject({ agentId: "other", reason: "new-caller" });
    expect(downAnswer).toMatchObject({
      agentId: "theirs",
      reason: "returning-caller",
      presence: "unverified",
    });
    expect(down.degradations.map((event) => event.reason)).toContain("agent index throttled");
  });

  it("answers nobody when the index has nobody free, and no-routable-agents when it cannot be read", async () => {
    // Prepare
    const empty = anIndexRouter({ shards: 4 });
    empty.index.setAgent(anAgent("busy"), busy);
    const down = anIndexRouter();
    down.index.failWith("failed");

    // Act
    const emptyAnswer = await empty.router.route(aContact({ customerAddress: "anonymous" }));
    const downAnswer = await down.router.route(aContact({ customerAddress: "anonymous" }));

    // Assess
    expect(emptyAnswer).toMatchObject({
      status: "none",
      reason: "no-agent-available",
      presence: "verified",
    });
    expect(empty.index.calls.available).toBe(4);
    expect(downAnswer).toMatchObject({
      status: "none",
      reason: "no-routable-agents",
      presence: "unverified",
    });
  });

  it("offers unverified, and says so, while presence is not current", async () => {
    // Prepare
    const { router, index, degradations } = anIndexRouter({ current: false });
    index.setAgent(anAgent("a"), available(start));

    // Act
    const answer = await router.route(aContact({ customerAddress: "anonymous" }));

    // Assess
    expect(answer).toMatchObject({ agentId: "a", presence: "unverified" });
    expect(degradations.map((event) => event.reason)).toContain(
      "presence stale: the agent event stream is behind",
    );
  });

  it("continues with someone else on next, never the agent it just offered", async () => {
    // Prepare
    const { router, index } = anIndexRouter();
    index.setAgent(anAgent("first"), available(start - 60_000));
    index.setAgent(anAgent("second"), available(start - 30_000));
    const routed = await router.route(aContact({ customerAddress: "anonymous" }));
    // The flow found `first` unavailable: presence lagged, they are still in the index.
    index.setAgent(anAgent("first"), available(start - 60_000));

    // Act
    const next = await router.next(aContact({ customerAddress: "anonymous" }), routed.cursor);

    // Assess
    expect(routed.agentId).toBe("first");
    expect(next).toMatchObject({ status: "agent", agentId: "second", reason: "next-candidate" });
  });

  it("resolves the agent to record through the index, and refuses an unlisted one", async () => {
    // Prepare
    const { router, index, store, clock } = anIndexRouter();
    index.setAgent(anAgent("listed"), busy);
    index.setAgent(anAgent("left"), busy, false);

    // Act
    const recorded = await router.record(aContact(), "listed");
    const refused = await router.record(aContact({ contactId: "contact-2" }), "left");
    index.failWith("failed");
    clock.advance(1_000);
    const unverified = await router.record(aContact({ contactId: "contact-3" }), "derived");

    // Assess
    expect(recorded.status).toBe("recorded");
    expect(refused).toMatchObject({ status: "skipped", reason: "unknown-agent" });
    expect(unverified.status).toBe("recorded");
    const head = (await store.find(callerKey(callerE164)))?.agents[0];
    expect(head?.agentArn).toBe(`${instanceArn}/agent/derived`);
    // Derived while the index could not be read: not offered until the index confirms them.
    expect(head?.agentUnverified).toBe(true);
  });

  it("names further agents for routing criteria from the contact's first shard, in a ring after the preferred agent", async () => {
    // Prepare
    const { router, index, store } = anIndexRouter();
    index.setAgent(anAgent("theirs"), busy);
    index.setAgent(anAgent("free-1"), available(start - 60_000));
    index.setAgent(anAgent("free-2"), available(start - 30_000));
    await remember(store, "theirs", start - 60_000);

    // Act
    const answer = await router.routingCriteria(aContact());

    // Assess
    expect(answer).toMatchObject({ status: "preferred", agentId: "theirs" });
    const steps = JSON.parse(JSON.stringify(answer.routingCriteria)) as {
      Steps: {
        Expression: {
          AttributeCondition: { MatchCriteria: { AgentsCriteria: { AgentIds: string[] } } };
        };
      }[];
    };
    expect(
      steps.Steps[1]?.Expression.AttributeCondition.MatchCriteria.AgentsCriteria.AgentIds,
    ).toEqual(["theirs", "free-1", "free-2"]);
    expect(index.reservations).toEqual([]);
  });

  it("refuses an agent index together with a directory or presence", () => {
    // Prepare
    const clock = new ManualClock(start);
    const index = new InMemoryAgentIndex(clock);
    const store = new InMemoryAffinityStore();

    // Assess
    expect(
      () =>
        new StickyRouter({
          store,
          agentIndex: index,
          directory: { roster: async () => ({ agents: [], get: () => undefined }) },
          clock,
          random: new SeededRandom(1),
        } as never),
    ).toThrow(/either agentIndex or directory and presence/);
    expect(caller).toBeDefined();
  });

  it("offers a pinned agent before the last one, and never an agent the customer excluded, on route or next", async () => {
    // Prepare
    const { router, store, index } = anIndexRouter();
    index.setAgent(anAgent("last"), available(start - 1_000));
    index.setAgent(anAgent("pinned"), available(start - 2_000));
    index.setAgent(anAgent("blocked"), available(start - 900_000));
    index.setAgent(anAgent("other"), available(start - 60_000));
    await remember(store, "last", start - 3_600_000);
    const key = callerKey(callerE164);
    await store.pin(key, {
      agentId: "pinned",
      agentArn: anAgent("pinned").arn,
      pinnedAt: start - 10_000,
    });
    await store.block(key, ["blocked"]);

    // Act
    const first = await router.route(aContact());
    const second = await router.next(aContact(), first.cursor);
    const third = await router.next(aContact(), second.cursor);
    const unpinned = await router.route(aContact({ contactId: "contact-2" }));

    // Assess: the one left idle longest is the blocked agent, whom no step offers.
    expect(first).toMatchObject({ agentId: "pinned", reason: "returning-caller" });
    expect([second.agentId, third.agentId]).not.toContain("blocked");
    expect(new Set([first.agentId, second.agentId, third.agentId]).size).toBe(3);
    expect(unpinned.agentId).not.toBe("blocked");
  });

  it("signs the cursor on the index too, and rejects one changed or issued for another contact", async () => {
    // Prepare
    const clock = new ManualClock(start);
    const index = new InMemoryAgentIndex(clock, { shards: 1, current: true });
    for (const agent of someAgents(5)) index.setAgent(agent, available(start - 60_000));
    const store = new InMemoryAffinityStore();
    const router = new StickyRouter(
      { store, contacts: store, agentIndex: index, clock, random: new SeededRandom(7) },
      { cursorSigningKey: new Uint8Array(32).fill(7) },
    );

    // Act
    const first = await router.route(aContact());
    const next = await router.next(aContact(), first.cursor);
    const moved = router.next(aContact({ contactId: "contact-2" }), first.cursor);

    // Assess
    expect(first.cursor).toMatch(/\.[A-Za-z0-9_-]{16}$/);
    expect(next.status).toBe("agent");
    await expect(moved).rejects.toBeInstanceOf(InvalidCursorError);
  });

  it("reads nothing from the index once the invocation's budget is spent", async () => {
    // Prepare
    const { router, index, degradations } = anIndexRouter();
    for (const agent of someAgents(5)) index.setAgent(agent, available(start - 60_000));

    // Act
    const answer = await router.route(aContact(), { signal: AbortSignal.abort() });

    // Assess
    expect(answer).toMatchObject({ status: "none", reason: "no-routable-agents" });
    expect(index.calls).toEqual({ status: 0, agent: 0, available: 0, reserve: 0 });
    expect(degradations.some((event) => event.reason.includes("time budget"))).toBe(true);
  });
});
