import { contactAttributes } from "@connect-affinity/core/contract";
import {
  customerQueueFlow,
  type FlowAction,
  type FlowDocument,
  queueWaitStates,
} from "@connect-affinity/flow-builder";
import { describe, expect, it } from "vitest";
import type { ContactResult } from "../../src/instance/simulation.js";
import {
  compare,
  flowOf,
  hangUp,
  harness,
  setAttributes,
  setQueue,
  standardQueue,
  transfer,
} from "../helpers/flows.js";

const queueFlowArn =
  "arn:aws:connect:ap-northeast-1:123456789012:instance/11111111-2222-4333-8444-555555555555/contact-flow/queue-flow";

const setHook = (next: string): FlowAction => ({
  Identifier: "set-hook",
  Type: "UpdateContactEventHooks",
  Parameters: { EventHooks: { CustomerQueue: queueFlowArn } },
  Transitions: { NextAction: next, Errors: [{ NextAction: next, ErrorType: "NoMatchingError" }] },
});

/**
 * The inbound side of a bounded wait, as the agent-queue flow does it: calls whose
 * `target` attribute names an agent go to that agent's queue, marked `waiting`, with the
 * customer queue flow set; others go to the standard queue.
 */
const inbound = flowOf("mark-waiting", [
  setAttributes(
    "mark-waiting",
    { [contactAttributes.queueWait]: queueWaitStates.waiting },
    "set-hook",
    "set-hook",
  ),
  setHook("set-agent-queue"),
  setQueue("set-agent-queue", { AgentId: "$.Attributes.target" }, "to-queue", "bye"),
  transfer("to-queue", "bye", "bye"),
  hangUp("bye"),
]);

/** A customer queue flow written out: `actions`, starting at the first. */
function queueFlowOf(actions: readonly FlowAction[]): FlowDocument {
  const flow = flowOf(actions[0]?.Identifier ?? "", actions);
  return { ...flow, Metadata: { ...flow.Metadata, type: "customerQueue" } };
}

const waitFor = (seconds: number, then: string): FlowAction => ({
  Identifier: "wait",
  Type: "MessageParticipantIteratively",
  Parameters: { Messages: [{ Text: "Please hold." }], InterruptFrequencySeconds: String(seconds) },
  Transitions: {
    NextAction: then,
    Conditions: [
      { NextAction: then, Condition: { Operator: "Equals", Operands: ["MessagesInterrupted"] } },
    ],
    Errors: [{ NextAction: then, ErrorType: "NoMatchingError" }],
  },
});

const moveTo = (queue: string, onError: string): FlowAction => ({
  Identifier: "move",
  Type: "DequeueContactAndTransferToQueue",
  Parameters: { QueueId: queue },
  Transitions: {
    NextAction: onError,
    Errors: [
      { NextAction: onError, ErrorType: "QueueAtCapacity" },
      { NextAction: onError, ErrorType: "NoMatchingError" },
    ],
  },
});

const hold: FlowAction = {
  Identifier: "hold",
  Type: "MessageParticipantIteratively",
  Parameters: { Messages: [{ Text: "Thank you for holding." }] },
  Transitions: { Errors: [{ NextAction: "end", ErrorType: "NoMatchingError" }] },
};

const end: FlowAction = {
  Identifier: "end",
  Type: "EndFlowExecution",
  Parameters: {},
  Transitions: {},
};

const busySato = { contactId: "sato-busy", talkTimeMs: 60_000, attributes: { target: "id-sato" } };

function outcomeOf(results: readonly ContactResult[], contactId: string) {
  const result = results.find((entry) => entry.execution.input.contactId === contactId);
  if (result === undefined) throw new Error(`no contact ${contactId}`);
  return { ...result, arrivedAt: result.execution.arrivedAt };
}

describe("customer queue flows", () => {
  it("run while the caller waits and move them to another queue after the bound", async () => {
    // Prepare: Sato talks for a minute; the second caller waits for Sato, Suzuki is free.
    const queueFlow = queueFlowOf([
      waitFor(10, "move"),
      moveTo(standardQueue.arn, "hold"),
      hold,
      end,
    ]);
    const { run } = harness(inbound, {
      agents: ["sato", "suzuki"],
      deps: { linkedFlows: { [queueFlowArn]: queueFlow } },
    });

    // Act
    const results = await run(busySato, {
      contactId: "waiting",
      atMs: 1000,
      attributes: { target: "id-sato" },
    });

    // Assess: moved after 10 s of prompts, answered by Suzuki from the standard queue.
    const waiting = outcomeOf(results, "waiting");
    expect(waiting.outcome).toMatchObject({
      kind: "agent",
      agent: { username: "suzuki" },
      queue: { kind: "queue", queue: { role: "standard" } },
    });
    if (waiting.outcome.kind !== "agent") throw new Error("unreachable");
    expect(waiting.outcome.connectedAt - waiting.arrivedAt).toBe(10_000);
    expect(waiting.execution.transcript).toContain("Please hold.");
  });

  it("stop when the agent answers before the bound", async () => {
    // Prepare: Sato is free after 5 s; the caller would be moved after 30 s.
    const queueFlow = queueFlowOf([
      waitFor(30, "move"),
      moveTo(standardQueue.arn, "hold"),
      hold,
      end,
    ]);
    const { run } = harness(inbound, {
      agents: ["sato", "suzuki"],
      deps: { linkedFlows: { [queueFlowArn]: queueFlow } },
    });

    // Act
    const results = await run(
      { ...busySato, talkTimeMs: 5000 },
      { contactId: "waiting", atMs: 1000, attributes: { target: "id-sato" } },
    );

    // Assess
    const waiting = outcomeOf(results, "waiting");
    expect(waiting.outcome).toMatchObject({ kind: "agent", agent: { username: "sato" } });
    expect(waiting.execution.trace.some((step) => step.actionId === "move")).toBe(false);
  });

  it("keep the caller where they are when the other queue is full", async () => {
    // Prepare: the standard queue takes nobody; Sato frees up after a minute.
    const queueFlow = queueFlowOf([
      waitFor(10, "move"),
      moveTo(standardQueue.arn, "hold"),
      hold,
      end,
    ]);
    const { run } = harness(inbound, {
      agents: ["sato", "suzuki"],
      limits: { queueCapacity: 0 },
      deps: { linkedFlows: { [queueFlowArn]: queueFlow } },
    });

    // Act
    const results = await run(busySato, {
      contactId: "waiting",
      atMs: 1000,
      attributes: { target: "id-sato" },
    });

    // Assess: the move took the QueueAtCapacity branch; Sato answers when free.
    const waiting = outcomeOf(results, "waiting");
    expect(waiting.execution.trace).toContainEqual({
      kind: "error",
      actionId: "move",
      type: "DequeueContactAndTransferToQueue",
      reason: "queue-at-capacity",
    });
    expect(waiting.outcome).toMatchObject({
      kind: "agent",
      agent: { username: "sato" },
      queue: { kind: "agent" },
    });
    expect(waiting.execution.transcript).toContain("Thank you for holding.");
  });

  it("leave the caller waiting when they end, and hang up on them when they disconnect", async () => {
    // Prepare
    const ending = harness(inbound, {
      agents: ["sato"],
      deps: { linkedFlows: { [queueFlowArn]: queueFlowOf([end]) } },
    });
    const hangingUp = harness(inbound, {
      agents: ["sato"],
      deps: { linkedFlows: { [queueFlowArn]: queueFlowOf([hangUp("bye")]) } },
    });
    const calls = [
      busySato,
      { contactId: "waiting", atMs: 1000, attributes: { target: "id-sato" } },
    ] as const;

    // Act
    const ended = await ending.run(...calls);
    const hungUp = await hangingUp.run(...calls);

    // Assess
    expect(outcomeOf(ended, "waiting").outcome).toMatchObject({
      kind: "agent",
      agent: { username: "sato" },
    });
    expect(outcomeOf(hungUp, "waiting").outcome).toMatchObject({ kind: "disconnected" });
    expect(hangingUp.queues.waiting).toBe(0);
  });
});

describe("the generated customer queue flow", () => {
  const generated = (options: Parameters<typeof customerQueueFlow>[0]) =>
    harness(inbound, {
      agents: ["sato", "suzuki"],
      timing: { messageMs: 2000 },
      deps: { linkedFlows: { [queueFlowArn]: customerQueueFlow(options) } },
    });

  it("moves a caller waiting for their busy agent to the standard queue after the preferred wait, and holds them there", async () => {
    // Act
    const results = await generated({
      preferredWaitSeconds: 20,
      standardQueueArn: standardQueue.arn,
    }).run(busySato, { contactId: "waiting", atMs: 1000, attributes: { target: "id-sato" } });

    // Assess
    const waiting = outcomeOf(results, "waiting");
    expect(waiting.outcome).toMatchObject({ kind: "agent", agent: { username: "suzuki" } });
    if (waiting.outcome.kind !== "agent") throw new Error("unreachable");
    expect(waiting.outcome.connectedAt - waiting.arrivedAt).toBe(20_000);
    expect(waiting.execution.attributes[contactAttributes.queueWait]).toBe(queueWaitStates.done);
  });

  it("holds a caller nobody marked waiting instead of moving them", async () => {
    // Prepare: the caller goes to Sato's queue with the hook set but no mark.
    const unmarked = flowOf("set-hook", [
      setHook("set-agent-queue"),
      setQueue("set-agent-queue", { AgentId: "id-sato" }, "to-queue", "bye"),
      transfer("to-queue", "bye", "bye"),
      hangUp("bye"),
    ]);
    const { run } = harness(unmarked, {
      agents: ["sato", "suzuki"],
      deps: {
        linkedFlows: {
          [queueFlowArn]: customerQueueFlow({
            preferredWaitSeconds: 5,
            standardQueueArn: standardQueue.arn,
          }),
        },
      },
    });

    // Act
    const results = await run(busySato, { contactId: "waiting", atMs: 1000 });

    // Assess: still Sato's, a minute later.
    const waiting = outcomeOf(results, "waiting");
    expect(waiting.outcome).toMatchObject({ kind: "agent", agent: { username: "sato" } });
  });

  it("with a required agent, moves the caller at once when they press 1", async () => {
    // Act
    const results = await generated({
      binding: "required",
      requiredWaitSeconds: 120,
      standardQueueArn: standardQueue.arn,
    }).run(busySato, {
      contactId: "waiting",
      atMs: 1000,
      attributes: { target: "id-sato" },
      participantInputs: ["1"],
    });

    // Assess: the first offer comes after 30 s; its prompt plays, the key moves the caller.
    const waiting = outcomeOf(results, "waiting");
    expect(waiting.outcome).toMatchObject({ kind: "agent", agent: { username: "suzuki" } });
    if (waiting.outcome.kind !== "agent") throw new Error("unreachable");
    expect(waiting.outcome.connectedAt - waiting.arrivedAt).toBe(32_000);
  });

  it("with a required agent, keeps the caller waiting for that agent while they press nothing", async () => {
    // Act: Sato talks 50 s; the required wait is 120 s.
    const results = await generated({
      binding: "required",
      requiredWaitSeconds: 120,
      standardQueueArn: standardQueue.arn,
    }).run(
      { ...busySato, talkTimeMs: 50_000 },
      { contactId: "waiting", atMs: 1000, attributes: { target: "id-sato" } },
    );

    // Assess: Sato, as soon as free, although Suzuki was free all along.
    const waiting = outcomeOf(results, "waiting");
    expect(waiting.outcome).toMatchObject({ kind: "agent", agent: { username: "sato" } });
  });
});

describe("queue priority", () => {
  /** Callers whose `urgent` attribute is `yes` get `behaviour`; everyone is queued. */
  const queueFlowWith = (behaviour: FlowAction["Parameters"]) =>
    flowOf("check-urgent", [
      compare(
        "check-urgent",
        "$.Attributes.urgent",
        [["Equals", "yes", "set-behaviour"]],
        "set-queue",
      ),
      {
        Identifier: "set-behaviour",
        Type: "UpdateContactRoutingBehavior",
        Parameters: behaviour,
        Transitions: { NextAction: "set-queue" },
      } as FlowAction,
      setQueue("set-queue", { QueueId: standardQueue.arn }, "to-queue", "bye"),
      transfer("to-queue", "bye", "bye"),
      hangUp("bye"),
    ]);
  const prioritised = queueFlowWith({ QueuePriority: "1" });

  it("serves a lower priority value first, and the oldest first within a priority", async () => {
    // Prepare: one agent, busy for 10 s with each caller.
    const { run } = harness(prioritised, { agents: ["sato"] });
    const call = (contactId: string, atMs: number, urgent: string) => ({
      contactId,
      atMs,
      talkTimeMs: 10_000,
      attributes: { urgent },
    });

    // Act
    const results = await run(
      call("first", 0, "no"),
      call("normal", 1000, "no"),
      call("urgent", 2000, "yes"),
      call("urgent-later", 3000, "yes"),
    );

    // Assess
    const order = [...results]
      .sort((a, b) =>
        a.outcome.kind === "agent" && b.outcome.kind === "agent"
          ? a.outcome.connectedAt - b.outcome.connectedAt
          : 0,
      )
      .map((result) => result.execution.input.contactId);
    expect(order).toEqual(["first", "urgent", "urgent-later", "normal"]);
  });

  it("gives an agent the contact waiting in their own queue before an older, higher-priority contact of a standard queue", async () => {
    // Prepare: Sato talks for 10 s; a priority-1 caller waits in the standard queue from 1 s,
    // a default-priority caller in Sato's personal queue from 2 s. Connect: "Contacts in agent
    // queues have the highest priority and zero delay" (Queues: standard and agent).
    const flow = flowOf("check-target", [
      compare(
        "check-target",
        "$.Attributes.target",
        [["Equals", "sato", "set-agent-queue"]],
        "set-urgent",
      ),
      setQueue("set-agent-queue", { AgentId: "id-sato" }, "to-queue", "bye"),
      {
        Identifier: "set-urgent",
        Type: "UpdateContactRoutingBehavior",
        Parameters: { QueuePriority: "1" },
        Transitions: { NextAction: "set-queue" },
      } as FlowAction,
      setQueue("set-queue", { QueueId: standardQueue.arn }, "to-queue", "bye"),
      transfer("to-queue", "bye", "bye"),
      hangUp("bye"),
    ]);
    const { run } = harness(flow, { agents: ["sato"] });

    // Act
    const results = await run(
      { contactId: "talking", talkTimeMs: 10_000, attributes: { target: "sato" } },
      { contactId: "urgent", atMs: 1000, talkTimeMs: 10_000, attributes: { target: "any" } },
      { contactId: "personal", atMs: 2000, talkTimeMs: 10_000, attributes: { target: "sato" } },
    );

    // Assess
    const personal = outcomeOf(results, "personal").outcome;
    const urgent = outcomeOf(results, "urgent").outcome;
    if (personal.kind !== "agent" || urgent.kind !== "agent") throw new Error("not connected");
    expect(personal.connectedAt).toBeLessThan(urgent.connectedAt);
  });

  it("counts a time adjustment as age in queue", async () => {
    // Prepare
    const { run } = harness(queueFlowWith({ QueueTimeAdjustmentSeconds: "60" }), {
      agents: ["sato"],
    });

    // Act
    const results = await run(
      { contactId: "first", talkTimeMs: 10_000, attributes: { urgent: "no" } },
      { contactId: "early", atMs: 1000, talkTimeMs: 10_000, attributes: { urgent: "no" } },
      { contactId: "aged", atMs: 3000, talkTimeMs: 10_000, attributes: { urgent: "yes" } },
    );

    // Assess
    const aged3 = outcomeOf(results, "aged").outcome;
    const early = outcomeOf(results, "early").outcome;
    if (aged3.kind !== "agent" || early.kind !== "agent") throw new Error("not connected");
    expect(aged3.connectedAt).toBeLessThan(early.connectedAt);
  });
});

describe("routing criteria steps", () => {
  it("offer a step's agents until it expires, then the next step's, then any agent of the queue", async () => {
    // Prepare: static steps naming the agents from attributes: Sato for 10 s, then Suzuki for 10 s.
    const step = (agent: string) => ({
      Expression: {
        AttributeCondition: {
          ComparisonOperator: "Match",
          MatchCriteria: { AgentsCriteria: { AgentIds: [agent] } },
        },
      },
      Expiry: { DurationInSeconds: "10" },
    });
    const flow = flowOf("criteria", [
      {
        Identifier: "criteria",
        Type: "UpdateContactRoutingCriteria",
        Parameters: {
          RoutingCriteria: { Steps: [step("$.Attributes.first"), step("$.Attributes.second")] },
        },
        Transitions: {
          NextAction: "set-queue",
          Errors: [{ NextAction: "set-queue", ErrorType: "NoMatchingError" }],
        },
      },
      setQueue("set-queue", { QueueId: standardQueue.arn }, "to-queue", "bye"),
      transfer("to-queue", "bye", "bye"),
      hangUp("bye"),
    ]);
    const preferring = { first: "id-sato", second: "id-suzuki" };
    const occupy = (username: string, talkTimeMs: number) => ({
      contactId: `${username}-busy`,
      talkTimeMs,
      attributes: { first: `id-${username}`, second: `id-${username}` },
    });
    const floor = ["sato", "suzuki", "takahashi"];

    // Act: Suzuki frees up 15 s in (during the second step); then 30 s in (after it).
    const secondStep = await harness(flow, { agents: floor }).run(
      occupy("sato", 60_000),
      occupy("suzuki", 15_000),
      { contactId: "caller", atMs: 1000, attributes: preferring },
    );
    const anyone = await harness(flow, { agents: floor }).run(
      occupy("sato", 60_000),
      occupy("suzuki", 30_000),
      { contactId: "caller", atMs: 1000, attributes: preferring },
    );

    // Assess
    const second = outcomeOf(secondStep, "caller");
    expect(second.outcome).toMatchObject({ agent: { username: "suzuki" } });
    const later = outcomeOf(anyone, "caller");
    expect(later.outcome).toMatchObject({ agent: { username: "takahashi" } });
    if (later.outcome.kind !== "agent") throw new Error("unreachable");
    expect(later.outcome.connectedAt - later.arrivedAt).toBe(20_000);
  });
});
