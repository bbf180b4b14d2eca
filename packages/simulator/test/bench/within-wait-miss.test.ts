import { describe, expect, it } from "vitest";
import type { ContactRecord } from "../../src/bench/contact-record.js";
import type { AgentTaker } from "../../src/bench/route-judge.js";
import { withinWaitMissCause, withinWaitMisses } from "../../src/bench/within-wait-miss.js";

/** A returning caller of sato's, busy at the decision (0) and free at 10 s, who reached ito. */
function missed(overrides: Partial<ContactRecord> = {}): ContactRecord {
  return {
    call: {
      contactId: "c1",
      atMs: 0,
      number: "+819011110000",
      talkTimeMs: 60_000,
      afterContactWorkMs: 5000,
      kind: "returning",
      measured: true,
    },
    verdict: { judged: false, reason: "busy", lastAgentId: "sato" },
    freeWithinWait: true,
    freeBehindClaims: false,
    afterDecision: {
      lastAgentId: "sato",
      decidedAt: 0,
      freeAt: 10_000,
      taker: undefined,
      agentLeft: undefined,
    },
    agentQueuesEntered: ["sato"],
    personalQueueMs: 30_000,
    waitedInVain: true,
    hungUpInPersonalQueue: false,
    outcome: "agent",
    agentId: "ito",
    timeToAgentMs: 33_000,
    throttled: false,
    lostToDirectory: false,
    endCause: undefined,
    firstOffer: { agentId: "sato", reason: "last-agent/busy" },
    ...overrides,
  };
}

const taker = (overrides: Partial<AgentTaker> = {}): AgentTaker => ({
  contactId: "c2",
  caller: "new-caller",
  via: "personal-queue",
  watchedWas: "in-flow",
  queuedBeforeDecision: false,
  arrivedBefore: false,
  at: 10_500,
  ...overrides,
});

const after = (overrides: Partial<NonNullable<ContactRecord["afterDecision"]>>) => ({
  lastAgentId: "sato",
  decidedAt: 0,
  freeAt: 10_000,
  taker: undefined,
  agentLeft: undefined,
  ...overrides,
});

describe("withinWaitMissCause", () => {
  it("blames the caller's patience when they hung up", () => {
    expect(withinWaitMissCause(missed({ outcome: "abandoned", agentId: undefined }))).toBe(
      "caller-hung-up",
    );
  });

  it("names what the route answered when it offered another agent", () => {
    const record = missed({
      firstOffer: { agentId: "ito", reason: "ranked-agent/available" },
      agentQueuesEntered: ["ito"],
    });
    expect(withinWaitMissCause(record)).toBe("not-offered:ranked-agent/available");
  });

  it("counts an agent who went on a break before anyone else took them as the agent leaving", () => {
    const record = missed({
      afterDecision: after({
        agentLeft: { status: "Break", at: 5000 },
        taker: taker({ at: 20_000 }),
      }),
    });
    expect(withinWaitMissCause(record)).toBe("agent-left:Break");
  });

  it("says which contact took the agent first and where the caller was then", () => {
    const byNewCaller = missed({ afterDecision: after({ taker: taker() }) });
    const byReturningInQueue = missed({
      afterDecision: after({
        taker: taker({
          caller: "returning-caller",
          via: "standard-queue",
          watchedWas: "in-personal-queue",
        }),
        agentLeft: { status: "Break", at: 40_000 },
      }),
    });
    expect(withinWaitMissCause(byNewCaller)).toBe("taken:new-caller/personal-queue/in-flow");
    expect(withinWaitMissCause(byReturningInQueue)).toBe(
      "taken:returning-caller/standard-queue/in-personal-queue",
    );
  });

  it("flags a contact already waiting for the agent at the decision, which the judge should have left out", () => {
    const record = missed({
      afterDecision: after({ taker: taker({ queuedBeforeDecision: true, arrivedBefore: true }) }),
    });
    expect(withinWaitMissCause(record)).toBe("taken:queued-before-decision");
  });

  it("tells an offer the flow never queued from a wait that ended unserved", () => {
    const neverQueued = missed({
      agentQueuesEntered: [],
      personalQueueMs: 0,
      waitedInVain: false,
      outcome: "fallback-queue",
      agentId: undefined,
      endCause: "offers-exhausted",
    });
    expect(withinWaitMissCause(neverQueued)).toBe("offered-not-queued:offers-exhausted");
    expect(withinWaitMissCause(missed())).toBe("moved-on-unserved");
  });

  it("counts only the within-wait calls that missed, by cause", () => {
    const reached = missed({ agentId: "sato", waitedInVain: false });
    const notWithin = missed({ freeWithinWait: false });
    const atDecision = missed({
      verdict: { judged: true, lastAgentId: "sato" },
      freeWithinWait: false,
      afterDecision: after({ freeAt: 0, taker: taker() }),
    });
    expect(withinWaitMisses([reached, notWithin, atDecision, missed()])).toEqual({
      "taken:new-caller/personal-queue/in-flow": 1,
      "moved-on-unserved": 1,
    });
  });
});
