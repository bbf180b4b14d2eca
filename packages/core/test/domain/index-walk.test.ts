import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maxShardReadsPerWalk, shardOrder } from "../../src/domain/agent-index-layout.js";
import { maxReservationsPerWindow } from "../../src/domain/candidate-walk.js";
import {
  afterIndexReservation,
  afterShardRead,
  type IndexWalk,
  type IndexWalkStep,
  indexReadLimit,
  startIndexWalk,
} from "../../src/domain/index-walk.js";
import { agentRank } from "../../src/domain/rendezvous-rank.js";
import type { Agent, AgentAvailability } from "../../src/index.js";
import { anAgent, someAgents } from "./agents.js";

const seed = 42;
const preferred = anAgent("preferred");
const free: AgentAvailability = { routable: true, availableSlots: { VOICE: 1 } };
const busy: AgentAvailability = { routable: true, availableSlots: { VOICE: 0 } };

function aWalk(overrides: Partial<IndexWalk> = {}): IndexWalk {
  return {
    step: "route",
    channel: "VOICE",
    cursor: { seed, attempts: 0, excluded: [] },
    claim: { contactId: "c-1", now: 1_000 },
    strategy: "longest-idle",
    idlePoolSize: 1,
    index: { shards: 4, current: true },
    excludedByCustomer: [],
    ...overrides,
  };
}

/** A shard's answer: the agents, idle since their position (the first idle longest). */
function entries(agents: readonly Agent[]): { agent: Agent; availability: AgentAvailability }[] {
  return agents.map((agent, position) => ({
    agent,
    availability: { routable: true, availableSlots: { VOICE: 1 }, idleSince: position * 1_000 },
  }));
}

interface Situation {
  /** Each shard's agents, by shard number; a missing shard is empty. */
  readonly shards: Readonly<Record<number, readonly Agent[]>>;
  /** Agents a reservation refuses. */
  readonly held?: readonly string[];
  /** The index read fails. */
  readonly unreadable?: boolean;
}

/** Runs a walk to its answer as the router would, recording the I/O it asked for. */
function run(
  walk: IndexWalk,
  situation: Situation,
): { step: IndexWalkStep; shardsRead: number[]; reserved: string[] } {
  const shardsRead: number[] = [];
  const reserved: string[] = [];
  let step = startIndexWalk(walk);
  for (let guard = 0; guard < 100; guard += 1) {
    if (step.kind === "read-shard") {
      shardsRead.push(step.shard);
      expect(step.limit).toBe(indexReadLimit);
      step = afterShardRead(
        walk,
        step,
        situation.unreadable === true ? undefined : entries(situation.shards[step.shard] ?? []),
      );
    } else if (step.kind === "reserve-then-offer") {
      reserved.push(step.offer.agent.id);
      step = afterIndexReservation(
        walk,
        step,
        situation.held?.includes(step.offer.agent.id) ?? false,
      );
    } else {
      return { step, shardsRead, reserved };
    }
  }
  throw new Error("the walk did not end");
}

const [firstShard = 0, secondShard = 1] = shardOrder(seed, 4);

describe("the walk over the agent index", () => {
  it("reserves and offers a returning caller's free agent without reading the index", () => {
    // Act
    const { step, shardsRead, reserved } = run(
      aWalk({
        preferred: { agent: preferred, availability: free },
        cursor: { seed, attempts: 0, excluded: [preferred.id] },
      }),
      { shards: {} },
    );

    // Assess
    expect(shardsRead).toEqual([]);
    expect(reserved).toEqual([preferred.id]);
    expect(step).toMatchObject({
      kind: "offer",
      offer: { agent: preferred, reason: "returning-caller", presence: "verified" },
    });
  });

  it("counts a returning caller's agent another contact holds as busy: passed over without the wait, waited for with it", () => {
    // Prepare
    const agents = someAgents(2);
    const walk = aWalk({
      preferred: { agent: preferred, availability: free },
      cursor: { seed, attempts: 0, excluded: [preferred.id] },
    });

    // Act
    const passedOver = run(walk, { shards: { [firstShard]: agents }, held: [preferred.id] });
    const waited = run(
      { ...walk, waitForPreferred: true },
      { shards: { [firstShard]: agents }, held: [preferred.id] },
    );

    // Assess
    expect(passedOver.step).toMatchObject({
      kind: "offer",
      offer: { agent: agents[0], reason: "preferred-agent-busy", presence: "verified" },
    });
    expect(waited.shardsRead).toEqual([]);
    expect(waited.step).toMatchObject({
      kind: "offer",
      offer: { agent: preferred, reason: "returning-caller", presence: "busy" },
    });
  });

  it("counts an agent whose entry shows another contact's reservation as busy, without reserving", () => {
    // Prepare
    const held: AgentAvailability = {
      ...free,
      reservedBy: "c-other",
      reservedUntil: 5_000,
      reservedAt: 900,
    };

    // Act
    const { step, reserved } = run(
      aWalk({
        preferred: { agent: preferred, availability: held },
        cursor: { seed, attempts: 0, excluded: [preferred.id] },
        waitForPreferred: true,
      }),
      { shards: {} },
    );

    // Assess
    expect(reserved).toEqual([]);
    expect(step).toMatchObject({ kind: "offer", offer: { agent: preferred, presence: "busy" } });
  });

  it("offers a busy returning caller's agent to wait for, on shift, when the wait is on", () => {
    // Act
    const { step, shardsRead, reserved } = run(
      aWalk({
        preferred: { agent: preferred, availability: busy },
        cursor: { seed, attempts: 0, excluded: [preferred.id] },
        waitForPreferred: true,
      }),
      { shards: { [firstShard]: someAgents(2) } },
    );

    // Assess
    expect(shardsRead).toEqual([]);
    expect(reserved).toEqual([]);
    expect(step).toMatchObject({
      kind: "offer",
      offer: { agent: preferred, reason: "returning-caller", presence: "busy" },
    });
  });

  it("tries a returning caller's ranked agents in order before the shards", () => {
    // Prepare
    const second = anAgent("ranked-2");
    const third = anAgent("ranked-3");

    // Act
    const { step, shardsRead, reserved } = run(
      aWalk({
        preferred: { agent: preferred, availability: busy },
        others: [
          { agent: second, availability: free },
          { agent: third, availability: free },
        ],
        cursor: { seed, attempts: 0, excluded: [preferred.id, second.id, third.id] },
      }),
      { shards: { [firstShard]: someAgents(2) }, held: [second.id] },
    );

    // Assess: the second is held by another contact, so the third is offered.
    expect(shardsRead).toEqual([]);
    expect(reserved).toEqual([second.id, third.id]);
    expect(step).toMatchObject({
      kind: "offer",
      offer: { agent: third, reason: "ranked-agent", presence: "verified" },
    });
  });

  it("offers a ranked agent unverified when the index does not know their presence", () => {
    // Prepare
    const second = anAgent("ranked-2");

    // Act
    const { step, reserved } = run(
      aWalk({
        preferred: { agent: preferred, availability: busy },
        others: [{ agent: second, availability: undefined }],
        cursor: { seed, attempts: 0, excluded: [preferred.id, second.id] },
      }),
      { shards: {} },
    );

    // Assess
    expect(reserved).toEqual([]);
    expect(step).toMatchObject({
      kind: "offer",
      offer: { agent: second, reason: "ranked-agent", presence: "unverified" },
    });
  });

  it("never offers a ranked agent the customer excluded, nor reads them from a shard", () => {
    // Prepare
    const second = anAgent("ranked-2");
    const agents = someAgents(1);

    // Act
    const { step } = run(
      aWalk({
        preferred: { agent: preferred, availability: busy },
        others: [{ agent: second, availability: free }],
        cursor: { seed, attempts: 0, excluded: [preferred.id] },
        excludedByCustomer: [second.id],
      }),
      { shards: { [firstShard]: [second, ...agents] } },
    );

    // Assess
    expect(step).toMatchObject({ kind: "offer", offer: { agent: agents[0] } });
  });

  it("offers a returning caller's agent unverified when their presence is unknown or stale", () => {
    // Act
    const unknown = run(
      aWalk({
        preferred: { agent: preferred, availability: undefined },
        cursor: { seed, attempts: 0, excluded: [preferred.id] },
      }),
      { shards: {} },
    );
    const stale = run(
      aWalk({
        preferred: { agent: preferred, availability: busy },
        cursor: { seed, attempts: 0, excluded: [preferred.id] },
        index: { shards: 4, current: false },
      }),
      { shards: {} },
    );

    // Assess
    for (const { step, reserved } of [unknown, stale]) {
      expect(reserved).toEqual([]);
      expect(step).toMatchObject({
        kind: "offer",
        offer: { agent: preferred, presence: "unverified", reason: "returning-caller" },
      });
    }
  });

  it("passes a busy returning caller's agent over for the agent idle longest in the contact's first shard", () => {
    // Prepare
    const agents = someAgents(3);

    // Act
    const { step, shardsRead, reserved } = run(
      aWalk({
        preferred: { agent: preferred, availability: busy },
        cursor: { seed, attempts: 0, excluded: [preferred.id] },
      }),
      { shards: { [firstShard]: agents } },
    );

    // Assess
    expect(shardsRead).toEqual([firstShard]);
    expect(reserved).toEqual([agents[0]?.id]);
    expect(step).toMatchObject({
      kind: "offer",
      offer: {
        agent: agents[0],
        reason: "preferred-agent-busy",
        cursor: { attempts: 1, last: agents[0]?.id, excluded: [preferred.id] },
      },
    });
  });

  it("tries the next agent of the shard when a concurrent route was faster, then the next shard", () => {
    // Prepare
    const inFirst = someAgents(2);
    const inSecond = [anAgent("second-shard")];

    // Act
    const { step, shardsRead, reserved } = run(aWalk(), {
      shards: { [firstShard]: inFirst, [secondShard]: inSecond },
      held: inFirst.map((agent) => agent.id),
    });

    // Assess
    expect(reserved).toEqual([...inFirst.map((agent) => agent.id), "second-shard"]);
    expect(shardsRead).toEqual([firstShard, secondShard]);
    expect(step).toMatchObject({
      kind: "offer",
      offer: { agent: inSecond[0], reason: "new-caller" },
    });
  });

  it("stops after three refused reservations in a shard", () => {
    // Prepare
    const agents = someAgents(6);

    // Act
    const { reserved, shardsRead } = run(aWalk(), {
      shards: { [firstShard]: agents },
      held: agents.map((agent) => agent.id),
    });

    // Assess
    expect(reserved).toHaveLength(maxReservationsPerWindow);
    expect(shardsRead).toHaveLength(maxShardReadsPerWalk);
  });

  it("answers nobody, verified, after reading every shard empty", () => {
    // Act
    const { step, shardsRead } = run(aWalk(), { shards: {} });

    // Assess
    expect(shardsRead).toEqual([...shardOrder(seed, 4)]);
    expect(step).toEqual({ kind: "none", reason: "no-agent-available", presence: "verified" });
  });

  it("reads one shard of a one-shard index, then gives up", () => {
    // Act
    const { shardsRead, step } = run(aWalk({ index: { shards: 1, current: true } }), {
      shards: {},
    });

    // Assess
    expect(shardsRead).toEqual([0]);
    expect(step).toMatchObject({ kind: "none", reason: "no-agent-available" });
  });

  it("answers nobody, unverified, when the index cannot be read", () => {
    // Act
    const failed = run(aWalk(), { shards: {}, unreadable: true });
    const noIndex = run(aWalk({ index: undefined }), { shards: {} });

    // Assess
    for (const { step } of [failed, noIndex]) {
      expect(step).toEqual({ kind: "none", reason: "no-routable-agents", presence: "unverified" });
    }
  });

  it("marks offers unverified while presence is not current, and still reserves", () => {
    // Prepare
    const agents = someAgents(1);

    // Act
    const { step, reserved } = run(aWalk({ index: { shards: 4, current: false } }), {
      shards: { [firstShard]: agents },
    });

    // Assess
    expect(reserved).toHaveLength(1);
    expect(step).toMatchObject({ kind: "offer", offer: { presence: "unverified" } });
  });

  it("ranks a shard by the contact's seed for random and caller-hash", () => {
    // Prepare
    const agents = someAgents(8);
    const byRank = [...agents].sort((a, b) => agentRank(seed, a.id) - agentRank(seed, b.id));

    // Act
    const { step } = run(aWalk({ strategy: "caller-hash" }), { shards: { [firstShard]: agents } });

    // Assess
    expect(step).toMatchObject({ kind: "offer", offer: { agent: byRank[0] } });
  });

  it("never offers again the agent a next step's cursor names, nor the preferred agent", () => {
    // Prepare
    const agents = someAgents(3);
    const [first, second] = agents;

    // Act
    const { step } = run(
      aWalk({
        step: "next",
        cursor: { seed, attempts: 1, excluded: [preferred.id], last: first?.id ?? "" },
      }),
      { shards: { [firstShard]: [preferred, ...agents] } },
    );

    // Assess
    expect(step).toMatchObject({
      kind: "offer",
      offer: { agent: second, reason: "next-candidate", cursor: { attempts: 2, last: second?.id } },
    });
  });

  it("picks among the idlePoolSize agents idle longest, from the seed", () => {
    // Prepare
    const agents = someAgents(10);
    const picks = new Set<string>();

    // Act
    for (let contact = 0; contact < 200; contact += 1) {
      const { step } = run(
        aWalk({ idlePoolSize: 3, cursor: { seed: contact * 104_729, attempts: 0, excluded: [] } }),
        { shards: Object.fromEntries([0, 1, 2, 3].map((shard) => [shard, agents])) },
      );
      if (step.kind === "offer") picks.add(step.offer.agent.id);
    }

    // Assess: the three idle longest, and only they.
    expect([...picks].sort()).toEqual(
      agents
        .slice(0, 3)
        .map((agent) => agent.id)
        .sort(),
    );
  });

  it("reads at most four shards and makes at most 3 reservations a shard, whatever it meets", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 16 }),
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 16, maxLength: 16 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (shards, sizes, heldShare) => {
          const situation: Situation = {
            shards: Object.fromEntries(
              sizes.map((size, shard) => [
                shard,
                someAgents(size).map((a) => anAgent(`${shard}-${a.id}`)),
              ]),
            ),
            held: sizes.flatMap((size, shard) =>
              someAgents(Math.floor(size * heldShare)).map((a) => `${shard}-${a.id}`),
            ),
          };
          const { shardsRead, reserved } = run(
            aWalk({ index: { shards, current: true } }),
            situation,
          );
          expect(shardsRead.length).toBeLessThanOrEqual(Math.min(shards, maxShardReadsPerWalk));
          expect(reserved.length).toBeLessThanOrEqual(shardsRead.length * maxReservationsPerWindow);
        },
      ),
    );
  });
});
