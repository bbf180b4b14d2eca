import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rankedCandidates } from "../../src/domain/candidate-order.js";
import {
  afterReservation,
  afterWindowRead,
  type CandidateWalk,
  maxReservationsPerWindow,
  maxWindowsPerWalk,
  startWalk,
  type WalkStep,
} from "../../src/domain/candidate-walk.js";
import type { Agent, AgentAvailability } from "../../src/index.js";
import { anAgent, someAgents } from "./agents.js";

const seed = 42;
const free: AgentAvailability = { routable: true, availableSlots: { VOICE: 1 } };
const busy: AgentAvailability = { routable: true, availableSlots: { VOICE: 0 } };
const preferred = anAgent("preferred");

/** The IDs of `agents` in the walk's rank order for {@link seed}. */
function rankOrder(agents: readonly Agent[]): string[] {
  return rankedCandidates(agents, { seed, limit: agents.length }).agents.map((agent) => agent.id);
}

/** A walk over `count` agents (plus the preferred agent on a route that has one). */
function aWalk(count: number, overrides: Partial<CandidateWalk> = {}): CandidateWalk {
  return {
    step: "route",
    channel: "VOICE",
    agents: someAgents(count),
    cursor: { seed, attempts: 0, excluded: [] },
    preferred: undefined,
    claim: { contactId: "c-1", now: 1_000 },
    strategy: "random",
    idlePoolSize: 5,
    presenceWindow: 3,
    excludedByCustomer: [],
    ...overrides,
  };
}

/** A route for a returning caller whose agent is in the roster. */
function aReturningCallerWalk(
  count: number,
  overrides: Partial<CandidateWalk> = {},
): CandidateWalk {
  const agents = [...someAgents(count), preferred];
  return aWalk(count, {
    agents,
    preferred,
    cursor: { seed, attempts: 0, excluded: [preferred.id] },
    ...overrides,
  });
}

/** What the I/O around the walk answers: presence per window read, and who is held. */
interface Situation {
  /** Presence by agent ID for every window, or `undefined` for "presence unknown". */
  readonly presence: Readonly<Record<string, AgentAvailability>> | undefined;
  /** Agents another contact holds: their reservation comes back `taken`. */
  readonly held?: readonly string[];
}

/**
 * Drives a walk with the situation's answers, as the router does, and records every step the
 * walk asked for: `read a,b`, `reserve a`, then the answer.
 */
function run(walk: CandidateWalk, situation: Situation): { trace: string[]; last: WalkStep } {
  const trace: string[] = [];
  let step = startWalk(walk);
  for (let guard = 0; guard < 100; guard += 1) {
    switch (step.kind) {
      case "read-window": {
        trace.push(`read ${step.agentIds.join(",")}`);
        const { presence } = situation;
        step = afterWindowRead(
          walk,
          step,
          presence === undefined
            ? undefined
            : new Map(
                step.agentIds.flatMap((id) => {
                  const availability = presence[id];
                  return availability === undefined ? [] : [[id, availability] as const];
                }),
              ),
        );
        break;
      }
      case "reserve-then-offer":
        trace.push(`reserve ${step.offer.agent.id} (${step.ifTaken})`);
        step = afterReservation(walk, step, situation.held?.includes(step.offer.agent.id) ?? false);
        break;
      case "offer": {
        const { agent, reason, presence } = step.offer;
        trace.push(`offer ${agent.id} ${reason} ${presence}`);
        return { trace, last: step };
      }
      case "none":
        trace.push(`none ${step.reason} ${step.presence}`);
        return { trace, last: step };
    }
  }
  throw new Error("the walk did not end within 100 steps");
}

describe("the candidate walk (pure decision)", () => {
  const six = rankOrder(someAgents(6));
  const [r0, r1, r2, r3, r4, r5] = six as [string, string, string, string, string, string];
  const three = rankOrder(someAgents(3));
  const [s0, s1, s2] = three as [string, string, string];

  it.each<[string, CandidateWalk, Situation, string[]]>([
    [
      "offers a returning caller's free agent, reserving them but offering them even when held",
      aReturningCallerWalk(6),
      { presence: { preferred: free }, held: ["preferred"] },
      [
        `read preferred,${r0},${r1}`,
        "reserve preferred (offer-anyway)",
        "offer preferred returning-caller verified",
      ],
    ],
    [
      "offers the first free ranked agent when the returning caller's agent is busy",
      aReturningCallerWalk(6),
      { presence: { preferred: busy, [r0]: busy, [r1]: free } },
      [
        `read preferred,${r0},${r1}`,
        `reserve ${r1} (choose-another)`,
        `offer ${r1} preferred-agent-busy verified`,
      ],
    ],
    [
      "passes over a free agent another contact holds for the next free one of the window",
      aWalk(6),
      { presence: { [r0]: free, [r1]: busy, [r2]: free }, held: [r0] },
      [
        `read ${r0},${r1},${r2}`,
        `reserve ${r0} (choose-another)`,
        `reserve ${r2} (choose-another)`,
        `offer ${r2} new-caller verified`,
      ],
    ],
    [
      `reads the next window after ${maxReservationsPerWindow} agents of one window were held`,
      aWalk(6),
      { presence: Object.fromEntries(six.map((id) => [id, free])), held: [r0, r1, r2] },
      [
        `read ${r0},${r1},${r2}`,
        `reserve ${r0} (choose-another)`,
        `reserve ${r1} (choose-another)`,
        `reserve ${r2} (choose-another)`,
        `read ${r3},${r4},${r5}`,
        `reserve ${r3} (choose-another)`,
        `offer ${r3} new-caller verified`,
      ],
    ],
    [
      "offers a held agent of the last window, unreserved, rather than nobody",
      aWalk(3),
      { presence: { [s0]: busy, [s1]: free, [s2]: busy }, held: [s1] },
      [
        `read ${s0},${s1},${s2}`,
        `reserve ${s1} (choose-another)`,
        `offer ${s1} new-caller verified`,
      ],
    ],
    [
      "offers nobody when every agent of the last window is busy",
      aWalk(3),
      { presence: { [s0]: busy, [s1]: busy } },
      [`read ${s0},${s1},${s2}`, "none no-agent-available verified"],
    ],
    [
      `offers the next candidate unverified once ${maxWindowsPerWalk} windows were busy`,
      aWalk(9),
      { presence: {} },
      (() => {
        const nine = rankOrder(someAgents(9));
        return [
          `read ${nine.slice(0, 3).join(",")}`,
          `read ${nine.slice(3, 6).join(",")}`,
          `offer ${nine[6]} new-caller unverified`,
        ];
      })(),
    ],
    [
      "offers a returning caller's agent unverified when presence is unknown",
      aReturningCallerWalk(6),
      { presence: undefined },
      [`read preferred,${r0},${r1}`, "offer preferred returning-caller unverified"],
    ],
    [
      "offers the first candidate unverified to a new caller when presence is unknown",
      aWalk(6),
      { presence: undefined },
      [`read ${r0},${r1},${r2}`, `offer ${r0} new-caller unverified`],
    ],
    [
      "offers a returning caller's agent unverified, without a lookup, when there is no roster",
      aReturningCallerWalk(6, { agents: undefined }),
      { presence: { preferred: free } },
      ["offer preferred returning-caller unverified"],
    ],
    [
      "offers nobody to a new caller when there is no roster",
      aWalk(6, { agents: undefined }),
      { presence: {} },
      ["none no-routable-agents unverified"],
    ],
    [
      "offers nobody on a route over an empty roster",
      aWalk(0),
      { presence: {} },
      ["none no-routable-agents unverified"],
    ],
    [
      "answers candidates-exhausted on a next after the last ranked agent",
      aWalk(3, { step: "next", cursor: { seed, attempts: 3, last: s2, excluded: [] } }),
      { presence: {} },
      ["none candidates-exhausted unverified"],
    ],
    [
      "continues after the cursor on a next, as the next candidate",
      aWalk(6, { step: "next", cursor: { seed, attempts: 1, last: r0, excluded: [] } }),
      { presence: { [r3]: free } },
      [
        `read ${r1},${r2},${r3}`,
        `reserve ${r3} (choose-another)`,
        `offer ${r3} next-candidate verified`,
      ],
    ],
  ])("%s", (_, walk, situation, expected) => {
    // Act
    const { trace } = run(walk, situation);

    // Assess
    expect(trace).toEqual(expected);
  });

  it("moves the cursor past an agent offered in rank order, and counts the attempt", () => {
    // Act
    const { last } = run(aWalk(6), { presence: { [r1]: free } });

    // Assess
    expect(last).toMatchObject({
      kind: "offer",
      offer: { cursor: { seed, attempts: 1, last: r1, excluded: [] } },
    });
  });

  it("keeps the cursor before the ranked agents when it offers the returning caller's agent", () => {
    // Act
    const { last } = run(aReturningCallerWalk(6), { presence: { preferred: free } });

    // Assess
    expect(last).toMatchObject({
      kind: "offer",
      offer: { cursor: { seed, attempts: 1, excluded: ["preferred"] } },
    });
    expect(last.kind === "offer" && "last" in last.offer.cursor).toBe(false);
  });

  it("excludes a longest-idle pick taken out of rank order, and marks the pick as made", () => {
    // Prepare
    const walk = aWalk(6, { strategy: "longest-idle", idlePoolSize: 1 });
    const presence = { [r0]: { ...free, idleSince: 500 }, [r2]: { ...free, idleSince: 100 } };

    // Act
    const { trace, last } = run(walk, { presence });

    // Assess
    expect(trace).toEqual([
      `read ${r0},${r1},${r2}`,
      `reserve ${r2} (choose-another)`,
      `offer ${r2} new-caller verified`,
    ]);
    expect(last).toMatchObject({
      offer: { cursor: { seed, attempts: 1, excluded: [r2], idlePicked: true } },
    });
    expect(last.kind === "offer" && "last" in last.offer.cursor).toBe(false);
  });

  it("follows rank order once the longest-idle pick is made", () => {
    // Prepare
    const walk = aWalk(6, {
      step: "next",
      strategy: "longest-idle",
      idlePoolSize: 1,
      cursor: { seed, attempts: 1, excluded: [r4], idlePicked: true },
    });
    const presence = { [r1]: { ...free, idleSince: 900 }, [r2]: { ...free, idleSince: 100 } };

    // Act
    const { trace } = run(walk, { presence });

    // Assess
    expect(trace).toEqual([
      `read ${r0},${r1},${r2}`,
      `reserve ${r1} (choose-another)`,
      `offer ${r1} next-candidate verified`,
    ]);
  });

  it("ends within its bound and never offers an excluded agent, whatever presence and reservations say (property)", () => {
    const availability = fc.constantFrom<AgentAvailability | undefined>(free, busy, undefined, {
      ...free,
      reservedUntil: 5_000,
      reservedBy: "c-other",
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(availability, { minLength: 13, maxLength: 13 }),
        fc.array(fc.boolean(), { minLength: 13, maxLength: 13 }),
        fc.boolean(),
        fc.constantFrom("random", "longest-idle", "caller-hash"),
        (count, presenceWindow, states, held, returning, strategy) => {
          const walk = (returning ? aReturningCallerWalk : aWalk)(count, {
            presenceWindow,
            strategy,
          });
          const agents = walk.agents ?? [];
          const presence = Object.fromEntries(
            agents.flatMap((agent, index) => {
              const state = states[index];
              return state === undefined ? [] : [[agent.id, state]];
            }),
          );
          const heldIds = agents.filter((_, index) => held[index] === true).map((a) => a.id);

          const { trace, last } = run(walk, { presence, held: heldIds });

          const bound = maxWindowsPerWalk * (1 + maxReservationsPerWindow) + 1;
          expect(trace.length).toBeLessThanOrEqual(bound);
          if (last.kind === "offer") {
            const { agent, cursor } = last.offer;
            expect(walk.cursor.excluded.includes(agent.id) && agent !== walk.preferred).toBe(false);
            expect(cursor.attempts).toBe(walk.cursor.attempts + 1);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("never names an agent the customer excluded, in any step, and hands the exclusions on in every cursor (property)", () => {
    const availability = fc.constantFrom<AgentAvailability | undefined>(free, busy, undefined);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(availability, { minLength: 13, maxLength: 13 }),
        fc.array(fc.boolean(), { minLength: 13, maxLength: 13 }),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom("random", "longest-idle", "caller-hash"),
        (
          count,
          presenceWindow,
          states,
          excludedFlags,
          returning,
          excludePreferred,
          noRoster,
          strategy,
        ) => {
          const base = (returning ? aReturningCallerWalk : aWalk)(count, {
            presenceWindow,
            strategy,
          });
          const agents = base.agents ?? [];
          const excludedByCustomer = [
            ...agents.filter((_, index) => excludedFlags[index] === true).map((a) => a.id),
            ...(returning && excludePreferred ? [preferred.id] : []),
          ];
          const walk: CandidateWalk = {
            ...base,
            ...(noRoster ? { agents: undefined } : {}),
            excludedByCustomer,
          };
          const presence = Object.fromEntries(
            agents.flatMap((agent, index) => {
              const state = states[index];
              return state === undefined ? [] : [[agent.id, state]];
            }),
          );

          const { trace, last } = run(walk, { presence });

          const named = trace.flatMap((line) =>
            line.replace(/^(read|reserve|offer) /, "").split(/[ ,]/),
          );
          for (const id of excludedByCustomer) expect(named).not.toContain(id);
          if (last.kind === "offer") {
            expect(last.offer.cursor.customerExcluded ?? []).toEqual(excludedByCustomer);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("offers nobody rather than an excluded agent when every other agent is excluded", () => {
    // Prepare
    const walk = aWalk(3, { excludedByCustomer: someAgents(3).map((agent) => agent.id) });

    // Act
    const { trace } = run(walk, { presence: { [s0]: free, [s1]: free, [s2]: free } });

    // Assess
    expect(trace).toEqual(["none no-routable-agents unverified"]);
  });
});
