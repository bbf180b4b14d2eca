import { contactAttributes } from "@connect-affinity/core/contract";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  agentQueueFlow,
  customerQueueFlow,
  defaultPreferredWaitSeconds,
  type FlowAction,
  type FlowDocument,
  flowEdges,
  flowToJson,
  offerInputSeconds,
  placeholderCustomerQueueFlowArn,
  placeholderLambdaArns,
  placeholderQueueArns,
  queueGuardSeconds,
  queueWaitStates,
  readFlow,
  requiredOfferIntervalSeconds,
  validateFlow,
} from "../src/index.js";

function action(flow: FlowDocument, id: string): FlowAction {
  const found = flow.Actions.find((candidate) => candidate.Identifier === id);
  if (found === undefined) throw new Error(`no action ${id}`);
  return found;
}

const standard = placeholderQueueArns.standard;
const fallback = placeholderQueueArns.fallback;

/** Every action reachable from the start that ends the flow, and what it is. */
function endings(flow: FlowDocument): readonly string[] {
  const byId = new Map(flow.Actions.map((entry) => [entry.Identifier, entry]));
  const seen = new Set<string>();
  const ends = new Set<string>();
  const queue = [flow.StartAction];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    if (seen.has(id)) continue;
    seen.add(id);
    const entry = byId.get(id);
    if (entry === undefined) {
      ends.add(`missing ${id}`);
      continue;
    }
    if (entry.Type === "DequeueContactAndTransferToQueue")
      ends.add(`move ${entry.Parameters.QueueId}`);
    if (entry.Type === "MessageParticipantIteratively" && !("NextAction" in entry.Transitions)) {
      ends.add("hold");
    }
    if (entry.Type === "EndFlowExecution") ends.add("end");
    if (entry.Type === "DisconnectParticipant") ends.add("disconnect");
    for (const edge of flowEdges(entry)) queue.push(edge.to);
  }
  return [...ends].sort();
}

describe("the customer queue flow", () => {
  it("loops the waiting message for the preferred wait, then moves the caller to the standard queue", () => {
    // Act
    const flow = customerQueueFlow({ preferredWaitSeconds: 30, standardQueueArn: standard });

    // Assess
    expect(action(flow, "check-queue-wait")).toMatchObject({
      Parameters: { ComparisonValue: `$.Attributes.${contactAttributes.queueWait}` },
      Transitions: {
        NextAction: "hold-in-queue",
        Conditions: [
          {
            NextAction: "wait-for-agent",
            Condition: { Operator: "Equals", Operands: [queueWaitStates.waiting] },
          },
        ],
      },
    });
    expect(action(flow, "wait-for-agent")).toMatchObject({
      Type: "MessageParticipantIteratively",
      Parameters: { InterruptFrequencySeconds: "30" },
      Transitions: {
        Conditions: [
          {
            NextAction: "mark-wait-done",
            Condition: { Operator: "Equals", Operands: ["MessagesInterrupted"] },
          },
        ],
      },
    });
    expect(action(flow, "mark-wait-done").Parameters).toEqual({
      Attributes: { [contactAttributes.queueWait]: queueWaitStates.done },
      TargetContact: "Current",
    });
    expect(action(flow, "move-to-standard-queue")).toMatchObject({
      Type: "DequeueContactAndTransferToQueue",
      Parameters: { QueueId: standard },
    });
  });

  it("tries the fallback queue when the standard one is full, and holds the caller if neither takes them", () => {
    const flow = customerQueueFlow({
      preferredWaitSeconds: 10,
      standardQueueArn: standard,
      fallbackQueueArn: fallback,
    });
    expect(action(flow, "move-to-standard-queue").Transitions).toMatchObject({
      Errors: [
        { ErrorType: "QueueAtCapacity", NextAction: "move-to-fallback-queue" },
        { ErrorType: "NoMatchingError", NextAction: "move-to-fallback-queue" },
      ],
    });
    expect(action(flow, "move-to-fallback-queue").Transitions).toMatchObject({
      Errors: [
        { ErrorType: "QueueAtCapacity", NextAction: "hold-in-queue" },
        { ErrorType: "NoMatchingError", NextAction: "hold-in-queue" },
      ],
    });
    expect(endings(flow)).toEqual(["end", "hold", `move ${standard}`, `move ${fallback}`]);
  });

  it("moves the caller to the fallback queue when it is the only queue given", () => {
    const flow = customerQueueFlow({ preferredWaitSeconds: 10, fallbackQueueArn: fallback });
    expect(endings(flow)).toEqual(["end", "hold", `move ${fallback}`]);
  });

  it("offers the next available agent every interval with binding required, for at most the required wait", () => {
    // Act
    const flow = customerQueueFlow({
      binding: "required",
      requiredWaitSeconds: 100,
      standardQueueArn: standard,
    });

    // Assess
    expect(action(flow, "wait-for-agent").Parameters).toMatchObject({
      InterruptFrequencySeconds: String(requiredOfferIntervalSeconds),
    });
    expect(action(flow, "offer-next-agent")).toMatchObject({
      Type: "GetParticipantInput",
      Parameters: { InputTimeLimitSeconds: String(offerInputSeconds), StoreInput: "False" },
      Transitions: {
        Conditions: [
          { NextAction: "mark-wait-done", Condition: { Operator: "Equals", Operands: ["1"] } },
        ],
      },
    });
    // 100 s in 30 s intervals: four waits, so three returns to the loop prompts.
    expect(action(flow, "count-offers")).toMatchObject({
      Parameters: { LoopCount: "3" },
      Transitions: {
        Conditions: [
          { NextAction: "wait-for-agent", Condition: { Operands: ["ContinueLooping"] } },
          { NextAction: "mark-wait-done", Condition: { Operands: ["DoneLooping"] } },
        ],
      },
    });
  });

  it("passes the service and strict profiles as a CUSTOMER_QUEUE flow whatever the wait", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 600 }),
        fc.constantFrom("preferred" as const, "required" as const),
        fc.boolean(),
        (seconds, binding, withFallback) => {
          const flow = customerQueueFlow({
            binding,
            ...(binding === "required"
              ? { requiredWaitSeconds: seconds }
              : { preferredWaitSeconds: seconds }),
            standardQueueArn: standard,
            ...(withFallback ? { fallbackQueueArn: fallback } : {}),
          });
          expect(validateFlow(flow, { flowType: "CUSTOMER_QUEUE", profile: "strict" })).toEqual([]);
          expect(endings(flow)).not.toContain("disconnect");
        },
      ),
      { numRuns: 100 },
    );
  });

  it("reads back as a customer queue flow, so the console and lint know its type", () => {
    const flow = customerQueueFlow({ preferredWaitSeconds: 30, standardQueueArn: standard });
    expect(readFlow(flowToJson(flow)).flowType).toBe("CUSTOMER_QUEUE");
    expect(validateFlow(flow, { flowType: "CONTACT_FLOW" })).not.toEqual([]);
  });

  it("bounds the stay by the default wait of 10 s, and by the 5 s guard with the wait off", () => {
    // Act
    const byDefault = customerQueueFlow({ standardQueueArn: standard });
    const guard = customerQueueFlow({ preferredWaitSeconds: 0, standardQueueArn: standard });

    // Assess
    expect(defaultPreferredWaitSeconds).toBe(10);
    expect(queueGuardSeconds).toBe(5);
    expect(action(byDefault, "wait-for-agent").Parameters).toMatchObject({
      InterruptFrequencySeconds: "10",
    });
    expect(action(guard, "wait-for-agent").Parameters).toMatchObject({
      InterruptFrequencySeconds: "5",
      Messages: [{ Text: "Connecting you to an agent. Please hold." }],
    });
    expect(action(guard, "move-to-standard-queue").Parameters).toMatchObject({ QueueId: standard });
    expect(validateFlow(guard, { profile: "strict", flowType: "CUSTOMER_QUEUE" })).toEqual([]);
  });

  it("refuses to generate with no queue to move the caller to, or an unbounded wait", () => {
    expect(() => customerQueueFlow({ preferredWaitSeconds: 30 })).toThrow(
      /standardQueueArn or fallbackQueueArn/,
    );
    expect(() =>
      customerQueueFlow({ preferredWaitSeconds: 601, standardQueueArn: standard }),
    ).toThrow(/preferredWaitSeconds/);
  });
});

describe("the agent-queue flow with a wait", () => {
  const lambdaArns = placeholderLambdaArns;

  it("marks the wait and sets the customer queue flow before the transfer to the agent's queue", () => {
    // Act
    const flow = agentQueueFlow({
      lambdaArns,
      preferredWaitSeconds: 30,
      customerQueueFlowArn: placeholderCustomerQueueFlowArn,
    });

    // Assess
    expect(action(flow, "play-agent-message").Transitions).toMatchObject({
      NextAction: "start-queue-wait",
    });
    expect(action(flow, "start-queue-wait")).toMatchObject({
      Parameters: { Attributes: { [contactAttributes.queueWait]: queueWaitStates.waiting } },
      Transitions: { NextAction: "set-customer-queue-flow" },
    });
    expect(action(flow, "set-customer-queue-flow")).toMatchObject({
      Type: "UpdateContactEventHooks",
      Parameters: { EventHooks: { CustomerQueue: placeholderCustomerQueueFlowArn } },
      Transitions: { NextAction: "transfer-to-agent" },
    });
    expect(validateFlow(flow, { profile: "strict" })).toEqual([]);
  });

  it("clears the mark before the fallback when the agent's queue refuses the caller", () => {
    const flow = agentQueueFlow({
      lambdaArns,
      preferredWaitSeconds: 30,
      customerQueueFlowArn: placeholderCustomerQueueFlowArn,
      fallbackQueueArn: fallback,
    });
    expect(action(flow, "transfer-to-agent").Transitions).toMatchObject({
      Errors: [
        { ErrorType: "QueueAtCapacity", NextAction: "stop-queue-wait" },
        { ErrorType: "NoMatchingError", NextAction: "stop-queue-wait" },
      ],
    });
    expect(action(flow, "stop-queue-wait")).toMatchObject({
      Parameters: { Attributes: { [contactAttributes.queueWait]: queueWaitStates.done } },
      Transitions: { NextAction: "set-fallback-queue" },
    });
  });

  it("needs the customer queue flow's ARN when the wait is on", () => {
    expect(() => agentQueueFlow({ lambdaArns, preferredWaitSeconds: 30 })).toThrow(
      /customerQueueFlowArn/,
    );
    expect(() => agentQueueFlow({ lambdaArns, binding: "required" })).toThrow(
      /customerQueueFlowArn/,
    );
  });

  it("with the wait off still sets the customer queue flow before every transfer to an agent's queue", () => {
    // Act
    const flow = agentQueueFlow({
      lambdaArns,
      preferredWaitSeconds: 0,
      customerQueueFlowArn: placeholderCustomerQueueFlowArn,
    });

    // Assess: the staffing check decides (route never answers busy), then the guard is set.
    expect(action(flow, "set-agent-queue").Transitions).toMatchObject({
      NextAction: "check-agent-available",
    });
    expect(flow.Actions.some((entry) => entry.Identifier === "check-offer-presence")).toBe(false);
    expect(action(flow, "play-agent-message").Transitions).toMatchObject({
      NextAction: "start-queue-wait",
    });
    expect(action(flow, "set-customer-queue-flow")).toMatchObject({
      Type: "UpdateContactEventHooks",
      Parameters: { EventHooks: { CustomerQueue: placeholderCustomerQueueFlowArn } },
      Transitions: { NextAction: "transfer-to-agent" },
    });
  });

  it("refuses to generate without the customer queue flow's ARN", () => {
    expect(() => agentQueueFlow({ lambdaArns, preferredWaitSeconds: 0 })).toThrow(
      /customerQueueFlowArn/,
    );
  });
});
