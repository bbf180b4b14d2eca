import { describe, expect, it } from "vitest";
import { candidateOrder, rankedCandidates } from "../../src/domain/candidate-order.js";
import { seedFromText } from "../../src/domain/rendezvous-rank.js";
import { decodeCursor, encodeCursor } from "../../src/domain/routing-cursor.js";
import {
  type Agent,
  type CandidateResponse,
  callerKey,
  DirectoryUnavailableError,
  InvalidCursorError,
  InvalidOptionError,
} from "../../src/index.js";
import {
  aContact,
  aRouter,
  available,
  busy,
  everyoneAvailable,
  someAgents,
} from "./router-fixture.js";

const callerSeed = seedFromText(callerKey("+819012345678"));

function cursorOf(answer: CandidateResponse): string {
  if (answer.status !== "agent") throw new Error(`expected an agent, got ${answer.reason}`);
  return answer.cursor;
}

describe("StickyRouter.next", () => {
  it("offers the next candidate in order after the one route offered", async () => {
    // Prepare
    const agents = someAgents(8);
    const { router, presence } = aRouter(agents, { strategy: "caller-hash" });
    everyoneAvailable(presence, agents);
    const order = candidateOrder({ agents, seed: callerSeed, strategy: "caller-hash" });
    const first = await router.route(aContact());

    // Act
    const second = await router.next(aContact(), cursorOf(first));

    // Assess
    expect(first.agentId).toBe(order[0]?.id);
    expect(second).toMatchObject({
      status: "agent",
      agentId: order[1]?.id,
      reason: "next-candidate",
      presence: "verified",
    });
    expect(decodeCursor(cursorOf(second)).attempts).toBe(2);
  });

  it("skips agents presence says are busy", async () => {
    // Prepare
    const agents = someAgents(8);
    const { router, presence } = aRouter(agents, { strategy: "caller-hash" });
    everyoneAvailable(presence, agents);
    const order = candidateOrder({ agents, seed: callerSeed, strategy: "caller-hash" });
    const first = await router.route(aContact());
    presence.set(order[1]?.id ?? "", busy);
    presence.set(order[2]?.id ?? "", busy);

    // Act
    const next = await router.next(aContact(), cursorOf(first));

    // Assess
    expect(next.agentId).toBe(order[3]?.id);
  });

  it("never offers the returning caller's preferred agent again", async () => {
    // Prepare
    const agents = someAgents(4);
    const { router, presence } = aRouter(agents, { maxAttempts: 10 });
    everyoneAvailable(presence, agents);
    await router.record(aContact({ contactId: "earlier" }), "agent-02");
    let answer = await router.route(aContact());
    const offered = [answer.agentId];

    // Act
    for (let step = 0; step < 10 && answer.status === "agent"; step += 1) {
      answer = await router.next(aContact(), answer.cursor);
      if (answer.status === "agent") offered.push(answer.agentId);
    }

    // Assess
    expect(offered[0]).toBe("agent-02");
    expect(offered.sort()).toEqual(["agent-00", "agent-01", "agent-02", "agent-03"]);
    expect(answer).toMatchObject({ status: "none", reason: "candidates-exhausted" });
  });

  it("stops at the maximum of attempts, route's offer included", async () => {
    // Prepare
    const agents = someAgents(10);
    const { router, presence } = aRouter(agents, { maxAttempts: 3 });
    everyoneAvailable(presence, agents);
    const first = await router.route(aContact());

    // Act
    const second = await router.next(aContact(), cursorOf(first));
    const third = await router.next(aContact(), cursorOf(second));
    const fourth = await router.next(aContact(), cursorOf(third));

    // Assess
    expect([first.status, second.status, third.status]).toEqual(["agent", "agent", "agent"]);
    expect(fourth).toMatchObject({ status: "none", reason: "attempts-exhausted", cursor: "none" });
  });

  it("rejects a cursor it cannot read", async () => {
    const { router } = aRouter(someAgents(2));
    await expect(router.next(aContact(), "garbage!")).rejects.toBeInstanceOf(InvalidCursorError);
    await expect(router.next(aContact(), "none")).rejects.toBeInstanceOf(InvalidCursorError);
  });

  it("keeps a contact's walk across a cursor key rotation, and refuses a key it was not given", async () => {
    // Prepare
    const agents = someAgents(4);
    const oldKey = Buffer.alloc(32, 1);
    const newKey = Buffer.alloc(32, 2);
    const before = aRouter(agents, { cursorSigningKey: oldKey });
    everyoneAvailable(before.presence, agents);
    const first = await before.router.route(aContact());
    const after = aRouter(agents, { cursorSigningKey: newKey, previousCursorSigningKey: oldKey });
    everyoneAvailable(after.presence, agents);
    const unrelated = aRouter(agents, { cursorSigningKey: Buffer.alloc(32, 3) });

    // Act
    const second = await after.router.next(aContact(), cursorOf(first));

    // Assess
    expect(second).toMatchObject({ status: "agent", reason: "next-candidate" });
    expect(
      decodeCursor(cursorOf(second), { key: newKey, contactId: aContact().contactId }),
    ).toMatchObject({
      attempts: 2,
    });
    await expect(unrelated.router.next(aContact(), cursorOf(first))).rejects.toBeInstanceOf(
      InvalidCursorError,
    );
  });

  it("refuses a previous cursor key without a current one, or equal to it", () => {
    const key = Buffer.alloc(32, 1);
    expect(() => aRouter([], { previousCursorSigningKey: key })).toThrow(InvalidOptionError);
    expect(() =>
      aRouter([], { cursorSigningKey: key, previousCursorSigningKey: Buffer.alloc(32, 1) }),
    ).toThrow(/must differ/);
    expect(() =>
      aRouter([], { cursorSigningKey: key, previousCursorSigningKey: Buffer.alloc(8, 2) }),
    ).toThrow(/previousCursorSigningKey/);
  });

  it("continues correctly when agents leave and join mid-call", async () => {
    // Prepare
    const agents = someAgents(8);
    const { router, presence, directory } = aRouter(agents, {
      strategy: "caller-hash",
      maxAttempts: 20,
    });
    const newcomers: Agent[] = [
      { id: "zz-new-1", arn: "arn:new-1" },
      { id: "zz-new-2", arn: "arn:new-2" },
    ];
    everyoneAvailable(presence, [...agents, ...newcomers]);
    const first = await router.route(aContact());
    const before = candidateOrder({ agents, seed: callerSeed, strategy: "caller-hash" });
    const leaving = new Set([first.agentId, before[2]?.id, before[5]?.id]);
    const changed = [...agents.filter((agent) => !leaving.has(agent.id)), ...newcomers];
    directory.setAgents(changed);

    // Act
    const offered: string[] = [];
    let answer = await router.next(aContact(), cursorOf(first));
    while (answer.status === "agent" && offered.length < 20) {
      offered.push(answer.agentId);
      answer = await router.next(aContact(), answer.cursor);
    }

    // Assess: exactly the agents of the new roster ranked after the first offer, in rank order.
    const expected = rankedCandidates(changed, {
      seed: callerSeed,
      after: first.agentId,
      limit: 100,
    });
    expect(first.agentId).toBe(before[0]?.id);
    expect(offered).toEqual(expected.agents.map((agent) => agent.id));
    expect(offered).not.toContain(first.agentId);
    expect(answer).toMatchObject({ status: "none", reason: "candidates-exhausted" });
  });

  it("answers no-routable-agents while the directory is down", async () => {
    // Prepare
    const agents = someAgents(3);
    const { router, presence, directory } = aRouter(agents);
    everyoneAvailable(presence, agents);
    const first = await router.route(aContact());
    directory.failWith(new DirectoryUnavailableError("failed"));

    // Act
    const next = await router.next(aContact(), cursorOf(first));

    // Assess
    expect(next).toMatchObject({ status: "none", reason: "no-routable-agents" });
  });

  it("answers no-agent-available when every remaining candidate is busy", async () => {
    // Prepare
    const agents = someAgents(4);
    const { router, presence } = aRouter(agents);
    everyoneAvailable(presence, agents);
    const first = await router.route(aContact());
    for (const agent of agents) presence.set(agent.id, busy);

    // Act
    const next = await router.next(aContact(), cursorOf(first));

    // Assess
    expect(next).toMatchObject({
      status: "none",
      reason: "no-agent-available",
      presence: "verified",
    });
  });

  it("offers the next candidate unverified when presence is unknown", async () => {
    // Prepare
    const agents = someAgents(4);
    const { router, presence } = aRouter(agents, { strategy: "caller-hash" });
    presence.failWith("throttled");
    const order = candidateOrder({ agents, seed: callerSeed, strategy: "caller-hash" });
    const cursor = encodeCursor({
      seed: callerSeed,
      attempts: 1,
      last: order[0]?.id ?? "",
      excluded: [],
    });

    // Act
    const next = await router.next(aContact(), cursor);

    // Assess
    expect(next).toMatchObject({ agentId: order[1]?.id, presence: "unverified" });
  });

  it("continues in rank order after a longest-idle first pick, without offering it again", async () => {
    // Prepare
    const agents = someAgents(5);
    const { router, presence } = aRouter(agents, { maxAttempts: 10, idlePoolSize: 1 });
    agents.forEach((agent, index) => {
      presence.set(agent.id, available(1000 - index));
    });
    const first = await router.route(aContact());

    // Act
    const offered = [first.agentId];
    let answer = await router.next(aContact(), cursorOf(first));
    while (answer.status === "agent" && offered.length < 10) {
      offered.push(answer.agentId);
      answer = await router.next(aContact(), answer.cursor);
    }

    // Assess
    expect(offered[0]).toBe("agent-04");
    expect([...offered].sort()).toEqual(agents.map((agent) => agent.id));
  });

  it("offers everyone once after a pick from the idle pool, in or out of rank order", async () => {
    // Prepare
    const agents = someAgents(6);
    const { router, presence } = aRouter(agents, { maxAttempts: 10, idlePoolSize: 3 });
    agents.forEach((agent, index) => {
      presence.set(agent.id, available(1000 - index));
    });
    const firsts = new Set<string>();

    // Act & Assess: many contacts, so picks land both in and out of rank order.
    for (let contact = 0; contact < 40; contact += 1) {
      const first = await router.route(aContact({ contactId: `c-${contact}` }));
      const offered = [first.agentId];
      let answer = await router.next(aContact(), cursorOf(first));
      while (answer.status === "agent" && offered.length < 10) {
        offered.push(answer.agentId);
        answer = await router.next(aContact(), answer.cursor);
      }
      firsts.add(first.agentId);
      expect([...offered].sort()).toEqual(agents.map((agent) => agent.id));
    }
    expect([...firsts].sort()).toEqual(["agent-03", "agent-04", "agent-05"]);
  });

  it("keeps the cursor in the presence of a changing presence window", async () => {
    // Prepare
    const agents = someAgents(3);
    const { router, presence } = aRouter(agents);
    presence.set("agent-01", available());

    // Act
    const first = await router.route(aContact());
    const next = await router.next(aContact(), cursorOf(first));

    // Assess
    expect(first.agentId).toBe("agent-01");
    expect(next).toMatchObject({ status: "none", reason: "no-agent-available" });
  });
});
