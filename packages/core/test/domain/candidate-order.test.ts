import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { candidateOrder, rankedCandidates } from "../../src/domain/candidate-order.js";
import { newCallerStrategies, strategySeed } from "../../src/domain/new-caller-strategy.js";
import { agentKeys, agentRank, seedFromText } from "../../src/domain/rendezvous-rank.js";
import type { Agent, AgentAvailability } from "../../src/index.js";
import { SeededRandom } from "../../src/testing/index.js";
import { anAgent, someAgents } from "./agents.js";

const agentIds = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 40 }), {
  minLength: 0,
  maxLength: 60,
});
const seeds = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
const strategies = fc.constantFrom(...newCallerStrategies);

const free: AgentAvailability = { routable: true, availableSlots: { VOICE: 1 } };

describe("candidateOrder", () => {
  it("puts the fresh preferred agent first", () => {
    // Prepare
    const agents = someAgents(10);
    const preferred = agents[7] as Agent;

    // Act
    const order = candidateOrder({ agents, seed: 1, strategy: "random", preferred });

    // Assess
    expect(order[0]).toBe(preferred);
    expect(order).toHaveLength(10);
  });

  it("does not start every new caller at the directory's first user", () => {
    // Prepare
    const agents = someAgents(10);

    // Act
    const firsts = new Set(
      Array.from(
        { length: 50 },
        (_, seed) => candidateOrder({ agents, seed, strategy: "random" })[0]?.id,
      ),
    );

    // Assess
    expect(firsts.size).toBeGreaterThan(5);
  });

  it("orders the rest by ascending rendezvous rank", () => {
    // Prepare
    const agents = someAgents(8);

    // Act
    const order = candidateOrder({ agents, seed: 99, strategy: "random" });

    // Assess
    const ranks = order.map((agent) => agentRank(99, agent.id));
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
  });

  it("with longest-idle and a pool of 1, offers the available agent idle longest first", () => {
    // Prepare
    const agents = someAgents(6);
    const presence = new Map<string, AgentAvailability>([
      ["agent-01", { ...free, idleSince: 5_000 }],
      ["agent-03", { ...free, idleSince: 1_000 }],
      ["agent-04", { routable: false, availableSlots: { VOICE: 1 }, idleSince: 10 }],
      ["agent-05", { routable: true, availableSlots: { CHAT: 1 }, idleSince: 20 }],
    ]);

    // Act
    const order = candidateOrder({
      agents,
      seed: 3,
      strategy: "longest-idle",
      presence: { agents: presence, channel: "VOICE" },
      idlePoolSize: 1,
    });

    // Assess
    expect(order[0]?.id).toBe("agent-03");
    expect(new Set(order.map((agent) => agent.id)).size).toBe(6);
  });

  it("with longest-idle and a pool of k, offers first one of the k available agents idle longest", () => {
    // Prepare: agent-05 idle longest, then agent-04, agent-03, …
    const agents = someAgents(6);
    const presence = new Map<string, AgentAvailability>(
      agents.map((agent, index) => [agent.id, { ...free, idleSince: 10_000 - index }]),
    );
    const firsts = new Set<string>();

    // Act
    for (let seed = 0; seed < 200; seed += 1) {
      const order = candidateOrder({
        agents,
        seed: seed * 1_000_003,
        strategy: "longest-idle",
        presence: { agents: presence, channel: "VOICE" },
        idlePoolSize: 3,
      });
      firsts.add(order[0]?.id ?? "none");
    }

    // Assess
    expect([...firsts].sort()).toEqual(["agent-03", "agent-04", "agent-05"]);
  });

  it("with longest-idle but unknown presence, falls back to rank order", () => {
    const agents = someAgents(6);
    expect(candidateOrder({ agents, seed: 3, strategy: "longest-idle" })).toEqual(
      candidateOrder({ agents, seed: 3, strategy: "random" }),
    );
  });

  it("contains every routable agent exactly once, preferred or not (property)", () => {
    fc.assert(
      fc.property(agentIds, seeds, strategies, fc.nat(), (ids, seed, strategy, pick) => {
        const agents = ids.map((id) => anAgent(id));
        const preferred = agents.length === 0 ? undefined : agents[pick % agents.length];
        const order = candidateOrder({
          agents,
          seed,
          strategy,
          ...(preferred === undefined ? {} : { preferred }),
        });
        expect(order.map((agent) => agent.id).sort()).toEqual([...ids].sort());
        if (preferred !== undefined) expect(order[0]).toBe(preferred);
      }),
    );
  });
});

describe("rankedCandidates", () => {
  it("returns the same agents as the full order, a window at a time (property)", () => {
    fc.assert(
      fc.property(agentIds, seeds, fc.integer({ min: 1, max: 10 }), (ids, seed, limit) => {
        const agents = ids.map((id) => anAgent(id));
        const full = candidateOrder({ agents, seed, strategy: "random" }).map((agent) => agent.id);
        const walked: string[] = [];
        let after: string | undefined;
        for (let guard = 0; guard <= agents.length; guard += 1) {
          const { agents: window, more } = rankedCandidates(agents, {
            seed,
            limit,
            ...(after === undefined ? {} : { after }),
          });
          walked.push(...window.map((agent) => agent.id));
          after = window[window.length - 1]?.id;
          if (!more) break;
        }
        expect(walked).toEqual(full);
      }),
    );
  });

  it("continues after an agent who has left the directory", () => {
    // Prepare
    const agents = someAgents(12);
    const order = candidateOrder({ agents, seed: 5, strategy: "random" });
    const gone = order[3] as Agent;
    const remaining = agents.filter((agent) => agent.id !== gone.id);

    // Act
    const { agents: window } = rankedCandidates(remaining, { seed: 5, after: gone.id, limit: 100 });

    // Assess
    expect(window).toEqual(order.slice(4));
  });

  it("skips excluded agents and reports whether more remain", () => {
    // Prepare
    const agents = someAgents(5);
    const order = candidateOrder({ agents, seed: 8, strategy: "random" });
    const excluded = [order[0]?.id ?? "", order[2]?.id ?? ""];

    // Act
    const first = rankedCandidates(agents, { seed: 8, exclude: excluded, limit: 2 });
    const all = rankedCandidates(agents, { seed: 8, exclude: excluded, limit: 3 });

    // Assess
    expect(first.agents).toEqual([order[1], order[3]]);
    expect(first.more).toBe(true);
    expect(all.agents).toEqual([order[1], order[3], order[4]]);
    expect(all.more).toBe(false);
  });

  it("gives the same answer with cached keys as without", () => {
    const agents = someAgents(30);
    expect(rankedCandidates(agents, { seed: 77, limit: 7, keys: agentKeys(agents) })).toEqual(
      rankedCandidates(agents, { seed: 77, limit: 7 }),
    );
  });
});

describe("new-caller spread", () => {
  function firstPicks(
    seedsFor: (contact: number) => number,
    agents: readonly Agent[],
    contacts: number,
  ) {
    const counts = new Map<string, number>(agents.map((agent) => [agent.id, 0]));
    for (let contact = 0; contact < contacts; contact += 1) {
      const [first] = rankedCandidates(agents, { seed: seedsFor(contact), limit: 1 }).agents;
      if (first !== undefined) counts.set(first.id, (counts.get(first.id) ?? 0) + 1);
    }
    return [...counts.values()];
  }

  it("spreads random-strategy callers evenly over agents (property)", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 36 }), { minLength: 2, maxLength: 20 }),
        fc.integer(),
        (ids, randomSeed) => {
          const agents = ids.map((id) => anAgent(id));
          const random = new SeededRandom(randomSeed);
          const contacts = 200 * agents.length;
          const counts = firstPicks(
            () => strategySeed("random", undefined, random),
            agents,
            contacts,
          );
          const mean = contacts / agents.length;
          expect(Math.max(...counts) / mean).toBeLessThan(1.5);
          expect(Math.min(...counts)).toBeGreaterThan(0);
        },
      ),
      { numRuns: 25 },
    );
  });

  it("spreads distinct callers over agents with caller-hash, and keeps each caller's start stable", () => {
    // Prepare
    const agents = someAgents(20);
    const callers = Array.from(
      { length: 4000 },
      (_, index) => `+8190${String(index).padStart(8, "0")}`,
    );

    // Act
    const counts = firstPicks(
      (contact) => seedFromText(callers[contact] ?? ""),
      agents,
      callers.length,
    );
    const again = rankedCandidates(agents, { seed: seedFromText(callers[7] ?? ""), limit: 1 });
    const before = rankedCandidates(agents, { seed: seedFromText(callers[7] ?? ""), limit: 1 });

    // Assess
    expect(Math.max(...counts) / (callers.length / agents.length)).toBeLessThan(1.4);
    expect(Math.min(...counts)).toBeGreaterThan(0);
    expect(again).toEqual(before);
  });

  it("gives caller-hash callers a seed from their key and anonymous callers a random one", () => {
    // Prepare
    const random = new SeededRandom(1);

    // Act
    const a = strategySeed("caller-hash", "+819012345678", random);
    const b = strategySeed("caller-hash", "+819012345678", random);
    const anonymous1 = strategySeed("caller-hash", undefined, random);
    const anonymous2 = strategySeed("caller-hash", undefined, random);

    // Assess
    expect(a).toBe(b);
    expect(anonymous1).not.toBe(anonymous2);
  });
});

describe("rendezvous stability", () => {
  it("keeps the relative order of the remaining agents when agents leave or join (property)", () => {
    fc.assert(
      fc.property(agentIds, agentIds, seeds, (ids, joining, seed) => {
        const before = candidateOrder({
          agents: ids.map((id) => anAgent(id)),
          seed,
          strategy: "random",
        });
        const leaving = new Set(ids.filter((_, index) => index % 3 === 0));
        const afterIds = [
          ...ids.filter((id) => !leaving.has(id)),
          ...joining.filter((id) => !ids.includes(id)),
        ];
        const after = candidateOrder({
          agents: afterIds.map((id) => anAgent(id)),
          seed,
          strategy: "random",
        });
        const stayed = (agent: Agent) => ids.includes(agent.id) && !leaving.has(agent.id);
        expect(after.filter(stayed).map((agent) => agent.id)).toEqual(
          before.filter(stayed).map((agent) => agent.id),
        );
      }),
    );
  });
});
