import { describe, expect, it } from "vitest";
import { AgentFloor } from "../../src/agents/agent-floor.js";
import { RouteDecisionJudge } from "../../src/bench/route-judge.js";
import { SimulatedClock } from "../../src/clock/simulated-clock.js";
import type { ContactExecution } from "../../src/interpreter/contact.js";

function contact(contactId: string, number: string): ContactExecution {
  return {
    input: { contactId, channel: "VOICE", customerAddress: number, talkTimeMs: 60_000 },
    arrivedAt: 0,
    nextActionId: "start",
    steps: 0,
    attributes: {},
    external: {},
    customer: {},
    workingQueue: undefined,
    routingCriteria: undefined,
    voice: undefined,
    flowAttributes: {},
    storedInput: undefined,
    callbackNumber: undefined,
    inputsUsed: 0,
    currentFlow: "",
    loopCounts: new Map(),
    trace: [],
    transcript: [],
    customerQueueFlow: undefined,
    queued: undefined,
    queuePriority: 5,
    queueTimeAdjustmentSeconds: 0,
    agentQueueWaitMs: 0,
  };
}

function setUp(waitMs = 0) {
  const clock = new SimulatedClock();
  const floor = new AgentFloor({
    clock,
    instanceId: "11111111-2222-4333-8444-555555555555",
    region: "ap-northeast-1",
    accountId: "123456789012",
    agents: [
      { username: "sato", id: "sato" },
      { username: "suzuki", id: "suzuki" },
      { username: "kato", id: "kato", schedule: [{ at: 0, status: "Break" }] },
    ],
  });
  const judge = new RouteDecisionJudge(
    floor,
    [
      ["+819011110000", "sato"],
      ["+819022220000", "kato"],
    ],
    { waitMs, now: () => clock.now() },
  );
  const hooks = judge.hooks();
  const arrive = (execution: ContactExecution): ContactExecution => {
    hooks.onArrive(execution);
    return execution;
  };
  return { clock, floor, judge, hooks, arrive };
}

describe("RouteDecisionJudge", () => {
  it("judges a returning call whose last agent is routable, free and unclaimed", () => {
    const { judge, arrive } = setUp();
    arrive(contact("c1", "+819011110000"));
    judge.decide("c1");
    expect(judge.verdict("c1")).toEqual({ judged: true, lastAgentId: "sato" });
  });

  it("leaves out new callers and callers whose last agent is not routable", () => {
    const { judge, arrive } = setUp();
    arrive(contact("new", "+819099990000"));
    arrive(contact("kato", "+819022220000"));
    judge.decide("new");
    judge.decide("kato");
    expect(judge.verdict("new")).toEqual({ judged: false, reason: "no-last-agent" });
    expect(judge.verdict("kato")).toMatchObject({ judged: false, reason: "not-routable" });
  });

  it("leaves out a call whose last agent is on a call or in after-contact work", () => {
    const { clock, floor, judge, arrive } = setUp();
    floor.assign("sato", {
      contactId: "other",
      channel: "VOICE",
      durationMs: 10_000,
      afterContactWorkMs: 30_000,
    });
    arrive(contact("talking", "+819011110000"));
    judge.decide("talking");
    clock.advanceBy(20_000);
    const wrapUp = contact("wrap-up", "+819011110000");
    // The first call settled before the second arrived.
    setUpSettle(judge, "talking", "+819011110000");
    arrive(wrapUp);
    judge.decide("wrap-up");
    expect(judge.verdict("talking")).toMatchObject({ judged: false, reason: "busy" });
    expect(floor.get("sato")?.contacts[0]?.state).toBe("after-contact-work");
    expect(judge.verdict("wrap-up")).toMatchObject({ judged: false, reason: "busy" });
  });

  it("leaves out a call whose last agent another contact in flight is heading to", () => {
    const { floor, judge, arrive } = setUp();
    const queued = arrive(contact("queued", "+819055550000"));
    const sato = floor.get("sato");
    queued.workingQueue = {
      kind: "agent",
      agent: { id: "sato", arn: sato?.agentArn ?? "", username: "sato" },
    };
    arrive(contact("c1", "+819011110000"));
    judge.decide("c1");
    expect(judge.verdict("c1")).toMatchObject({ judged: false, reason: "claimed" });
  });

  it("counts an agent offered by another contact's Lambda as claimed before that contact sets a queue", () => {
    const { judge, arrive } = setUp();
    const offered = arrive(contact("offered", "+819055550000"));
    offered.trace.push({
      kind: "lambda",
      actionId: "route",
      functionArn: "arn:route",
      result: "ok",
      response: { status: "agent", agentId: "sato" },
    });
    arrive(contact("c1", "+819011110000"));
    judge.decide("c1");
    expect(judge.verdict("c1")).toMatchObject({ judged: false, reason: "claimed" });
  });

  it("leaves out a caller who has another contact in flight, and follows who answered last", () => {
    const { judge, hooks, arrive, floor } = setUp();
    const first = arrive(contact("first", "+819011110000"));
    arrive(contact("second", "+819011110000"));
    judge.decide("second");
    hooks.onConnected(first, {
      id: "suzuki",
      arn: floor.get("suzuki")?.agentArn ?? "",
      username: "suzuki",
    });
    setUpSettle(judge, "first", "+819011110000");
    setUpSettle(judge, "second", "+819011110000");
    arrive(contact("third", "+819011110000"));
    judge.decide("third");
    expect(judge.verdict("second")).toMatchObject({
      judged: false,
      reason: "own-contact-in-flight",
    });
    expect(judge.verdict("third")).toEqual({ judged: true, lastAgentId: "suzuki" });
  });

  it("judges a caller whose busy last agent frees within the wait, beside the at-decision verdict", () => {
    // Arrange: sato's call and wrap-up end 25 s after the decision; the wait is 30 s.
    const { floor, judge, arrive } = setUp(30_000);
    floor.assign("sato", {
      contactId: "other",
      channel: "VOICE",
      durationMs: 20_000,
      afterContactWorkMs: 5000,
    });
    arrive(contact("c1", "+819011110000"));
    // Act
    judge.decide("c1");
    // Assess
    expect(judge.verdict("c1")).toMatchObject({ judged: false, reason: "busy" });
    expect(judge.freeWithinWait("c1")).toBe(true);
  });

  it("does not judge a caller whose last agent frees only after the wait, or with no wait at all", () => {
    // Arrange: sato is busy for 40 s.
    const late = setUp(30_000);
    const off = setUp(0);
    for (const { floor, arrive } of [late, off]) {
      floor.assign("sato", {
        contactId: "other",
        channel: "VOICE",
        durationMs: 35_000,
        afterContactWorkMs: 5000,
      });
      arrive(contact("c1", "+819011110000"));
    }
    // Act
    late.judge.decide("c1");
    off.judge.decide("c1");
    // Assess: 40 s > 30 s; and without a wait only "free at the decision" counts.
    expect(late.judge.freeWithinWait("c1")).toBe(false);
    expect(off.judge.freeWithinWait("c1")).toBe(false);
  });

  it("does not judge within the wait a busy last agent another contact in flight is waiting for", () => {
    // Arrange: sato frees in 10 s, but another caller already waits in sato's queue.
    const { floor, judge, arrive } = setUp(30_000);
    floor.assign("sato", {
      contactId: "other",
      channel: "VOICE",
      durationMs: 10_000,
      afterContactWorkMs: 0,
    });
    const waiting = arrive(contact("waiting", "+819055550000"));
    waiting.workingQueue = {
      kind: "agent",
      agent: { id: "sato", arn: floor.get("sato")?.agentArn ?? "", username: "sato" },
    };
    arrive(contact("c1", "+819011110000"));
    // Act
    judge.decide("c1");
    // Assess
    expect(judge.freeWithinWait("c1")).toBe(false);
  });

  it("records the first other contact the agent answered while the caller was heading for them", () => {
    // Arrange: sato frees at 10 s; a new caller decided after c1 reaches sato through sato's
    // queue at 12 s while c1 is still in its flow.
    const { clock, floor, judge, hooks, arrive } = setUp(30_000);
    const t0 = clock.now();
    floor.assign("sato", {
      contactId: "other",
      channel: "VOICE",
      durationMs: 10_000,
      afterContactWorkMs: 0,
    });
    const c1 = arrive(contact("c1", "+819011110000"));
    judge.decide("c1");
    clock.advanceBy(1000);
    const newcomer = arrive({ ...contact("new", "+819099990000"), arrivedAt: t0 + 1000 });
    judge.decide("new");
    clock.advanceBy(11_000);
    const sato = { id: "sato", arn: floor.get("sato")?.agentArn ?? "", username: "sato" };
    // Act
    hooks.onSettled({
      execution: { ...newcomer, agentQueueWaitMs: 2000 },
      outcome: {
        kind: "agent",
        agent: sato,
        queue: { kind: "agent", agent: sato },
        connectedAt: t0 + 12_000,
      },
    });
    hooks.onSettled({
      execution: c1,
      outcome: {
        kind: "agent",
        agent: { ...sato, id: "suzuki" },
        queue: { kind: "agent", agent: sato },
        connectedAt: t0 + 40_000,
      },
    });
    // Assess
    expect(judge.afterDecision("c1")).toEqual({
      lastAgentId: "sato",
      decidedAt: t0,
      freeAt: t0 + 10_000,
      taker: {
        contactId: "new",
        caller: "new-caller",
        via: "personal-queue",
        watchedWas: "in-flow",
        queuedBeforeDecision: false,
        arrivedBefore: false,
        at: t0 + 12_000,
      },
      agentLeft: undefined,
    });
    expect(judge.afterDecision("new")).toBeUndefined();
  });

  it("ignores a taker once the caller has moved on to another queue", () => {
    const { clock, floor, judge, hooks, arrive } = setUp(30_000);
    const t0 = clock.now();
    const c1 = arrive(contact("c1", "+819011110000"));
    judge.decide("c1");
    c1.queued = {
      kind: "queue",
      queue: { id: "q", arn: "arn:q", name: "standard", role: "standard" },
    };
    clock.advanceBy(5000);
    const later = arrive({ ...contact("later", "+819099990000"), arrivedAt: t0 + 5000 });
    const sato = { id: "sato", arn: floor.get("sato")?.agentArn ?? "", username: "sato" };
    hooks.onSettled({
      execution: later,
      outcome: {
        kind: "agent",
        agent: sato,
        queue: { kind: "agent", agent: sato },
        connectedAt: t0 + 5000,
      },
    });
    setUpSettle(judge, "c1", "+819011110000");
    expect(judge.afterDecision("c1")?.taker).toBeUndefined();
  });

  it("records a break the agent's schedule brought after the decision", () => {
    // Arrange: sato, free at the decision, goes on a break 3 s later.
    const { clock, floor, judge, arrive } = setUp(30_000);
    const t0 = clock.now();
    arrive(contact("c1", "+819011110000"));
    judge.decide("c1");
    clock.advanceBy(3000);
    floor.setStatus("sato", "Break");
    // Act
    setUpSettle(judge, "c1", "+819011110000");
    // Assess
    expect(judge.afterDecision("c1")).toMatchObject({
      freeAt: t0,
      agentLeft: { status: "Break", at: t0 + 3000 },
    });
  });

  it("judges behind the claims a caller whose agent frees within the wait once the contact ahead is served", () => {
    // Arrange: sato frees in 5 s; a contact already waits in sato's queue for a 10 s call and
    // 5 s of wrap-up (sato free again at 20 s); the wait is 30 s, or 15 s.
    const claimed = (waitMs: number) => {
      const setup = setUp(waitMs);
      setup.floor.assign("sato", {
        contactId: "other",
        channel: "VOICE",
        durationMs: 5000,
        afterContactWorkMs: 0,
      });
      const ahead = setup.arrive({
        ...contact("ahead", "+819055550000"),
        input: {
          contactId: "ahead",
          channel: "VOICE",
          customerAddress: "+819055550000",
          talkTimeMs: 10_000,
          afterContactWorkMs: 5000,
        },
      });
      ahead.workingQueue = {
        kind: "agent",
        agent: { id: "sato", arn: setup.floor.get("sato")?.agentArn ?? "", username: "sato" },
      };
      setup.arrive(contact("c1", "+819011110000"));
      setup.judge.decide("c1");
      return setup.judge;
    };
    // Act
    const long = claimed(30_000);
    const short = claimed(15_000);
    // Assess: left out of "free within the wait" either way; behind the claim only at 30 s.
    expect(long.freeWithinWait("c1")).toBe(false);
    expect(long.freeBehindClaims("c1")).toBe(true);
    expect(short.freeBehindClaims("c1")).toBe(false);
  });

  it("judges a contact once, at its first decision", () => {
    const { floor, judge, arrive } = setUp();
    arrive(contact("c1", "+819011110000"));
    judge.decide("c1");
    floor.setStatus("sato", "Break");
    judge.decide("c1");
    expect(judge.verdict("c1")).toEqual({ judged: true, lastAgentId: "sato" });
    expect(judge.verdict("never")).toBeUndefined();
  });
});

/** Settles a contact as the run would (the judge only reads the execution's input). */
function setUpSettle(judge: RouteDecisionJudge, contactId: string, number: string): void {
  judge.hooks().onSettled({
    execution: contact(contactId, number),
    outcome: { kind: "disconnected", at: 0 },
  });
}
